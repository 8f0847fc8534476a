/**
 * Input sanitising: what people type reaches storage in a form Postgres and JSON can hold.
 * Postgres refuses NUL in text and jsonb, and jsonb refuses a lone UTF-16 surrogate escape, so
 * either one in a message used to break the form state (BotState) and the case insert.
 */

/** C0 controls except \t (U+0009) and \n (U+000A), DEL, and the C1 controls. \r goes too: \r\n becomes \n. */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Everything but the trim: lone surrogates become U+FFFD first, so removing a control cannot pair two of them up. */
function clean(s: string): string {
  return s.replace(LONE_SURROGATE, "\uFFFD").replace(CONTROL, "").normalize("NFC");
}

/** Removes control characters (keeping \n and \t), replaces lone surrogates with U+FFFD, normalises to NFC and trims. */
export function sanitizeText(s: string): string {
  return clean(s).trim();
}

export type TextEntity = { offset: number; length: number };

/**
 * sanitizeText for a Telegram text with entities (commands, links…), whose offsets count UTF-16
 * units: each stretch between entity boundaries is cleaned on its own, so the entities still cover
 * the same characters afterwards. An entity left empty is dropped.
 */
export function sanitizeWithEntities<E extends TextEntity>(text: string, entities: readonly E[] = []): { text: string; entities: E[] } {
  const clamp = (b: number) => Math.min(Math.max(b, 0), text.length);
  const bounds = [...new Set([0, text.length, ...entities.flatMap((e) => [e.offset, e.offset + e.length]).map(clamp)])].sort((a, b) => a - b);
  const moved = new Map<number, number>([[0, 0]]);
  let out = "";
  for (let i = 1; i < bounds.length; i++) {
    out += clean(text.slice(bounds[i - 1], bounds[i]));
    moved.set(bounds[i], out.length);
  }
  const lead = out.length - out.trimStart().length;
  const result = out.trim();
  const at = (b: number) => Math.min(Math.max(moved.get(clamp(b))! - lead, 0), result.length);
  const kept = entities
    .map((e) => {
      const start = at(e.offset);
      return { ...e, offset: start, length: at(e.offset + e.length) - start };
    })
    .filter((e) => e.length > 0);
  return { text: result, entities: kept };
}

/** sanitizeText on every string inside a JSON-like value (a case's details), keys included. */
export function sanitizeDeep<T>(value: T): T {
  if (typeof value === "string") return sanitizeText(value) as T;
  if (Array.isArray(value)) return value.map((v) => sanitizeDeep(v)) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [sanitizeText(k), sanitizeDeep(v)])) as T;
  }
  return value;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
/** Characters that take no room on screen: zero-width spaces and joiners, BOM, fillers, whitespace. */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\s]/gu;
/**
 * Text made only of printable ASCII, CJK symbols and punctuation (less the combining tone marks
 * U+302A–U+302F), CJK unified ideographs, fullwidth ASCII forms, and tab, newline, space and the
 * ideographic space (U+3000), which are the only invisible ones among them.
 */
const PLAIN = /^[\t\n \u3000\u0021-\u007e\u3001-\u3029\u3030-\u303f\u4e00-\u9fff\uff01-\uff5e]*$/;
const PLAIN_SPACE = /[\t\n \u3000]/g;

/**
 * How many characters a person sees: grapheme clusters (an emoji, even 👨‍👩‍👧 or a flag, is one;
 * a letter with its accents is one), not counting those made only of invisible characters or
 * whitespace. A description of 5 emoji is 5, one of 12 zero-width spaces is 0 — not the 10 and 12
 * that `length` (UTF-16 units) says.
 */
export function visibleLength(s: string): number {
  // Most texts are Chinese, ASCII and CJK punctuation only: each such character is a cluster of
  // its own (none extends or joins another), so the count is the length less the spaces. The
  // conversations plugin replays a form's earlier answers on every update, so a complaint's text is
  // counted again at each later step: segmenting it each time was ~2.6% of the citizen bot's CPU.
  if (PLAIN.test(s)) return s.length - (s.match(PLAIN_SPACE)?.length ?? 0);
  let n = 0;
  for (const { segment } of segmenter.segment(s)) if (segment.replace(INVISIBLE, "").length > 0) n++;
  return n;
}
