import type { Transformer } from "grammy";

/**
 * Telegram's size limits on what a bot sends, as the Bot API documents them
 * (https://core.telegram.org/bots/api#sendmessage and friends): a message text is 1–4096
 * characters and a caption 0–1024 "after entities parsing", and callback data 1–64 bytes. Telegram
 * counts characters in UTF-16 code units (a 👍 is 2), which is what a JS string's `length` is.
 */
export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;
export const CALLBACK_DATA_BYTES = 64;

const HTML_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

/**
 * The text as Telegram counts it once the formatting is parsed out: HTML tags and the four named
 * entities (plus numeric ones) for "HTML"; escapes, markers and link targets for the Markdown modes
 * (close enough for a length check: the product itself sends plain text).
 */
export function parsedText(text: string, parseMode?: string): string {
  if (!parseMode) return text;
  if (parseMode === "HTML") {
    return text
      .replace(/<[^>]*>/g, "")
      .replace(/&(lt|gt|amp|quot);/g, (_, n: string) => HTML_ENTITIES[n])
      .replace(/&#(x[0-9a-f]+|\d+);/gi, (_, n: string) => String.fromCodePoint(n[0].toLowerCase() === "x" ? parseInt(n.slice(1), 16) : Number(n)));
  }
  // Markdown / MarkdownV2: [label](url) keeps the label, escaped characters count once, markers not at all.
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\\(.)|[*_~|`]/g, (_, escaped: string | undefined) => escaped ?? "");
}

/** UTF-16 code units, as Telegram counts a message's length. */
export const telegramLength = (s: string): number => s.length;

/** Bytes of callback data (Telegram's limit is in bytes of UTF-8, not characters). */
export const callbackDataBytes = (s: string): number => Buffer.byteLength(s, "utf8");

/**
 * Splits a long text into pieces of at most `limit` UTF-16 units each, preferring to cut after a
 * blank line, then a line break, then a sentence end, then a space; never inside a surrogate pair.
 */
export function splitText(text: string, limit: number): string[] {
  if (text.length <= limit) return [text];
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    const floor = Math.floor(limit / 2);
    let cut = -1;
    for (const sep of ["\n\n", "\n", "。", "！", "？", ". ", "；", "，", " "]) {
      const at = window.lastIndexOf(sep);
      if (at >= floor) {
        cut = at + sep.length;
        break;
      }
    }
    if (cut < 0) cut = limit;
    // Never leave half of a surrogate pair on either side.
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut--;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}

/** Room a "(12/12)\n" header takes; parts are cut this much shorter so each still fits. */
const HEADER_ROOM = 12;

/**
 * A text too long for one message as numbered parts ("(1/3)\n…"), each within Telegram's limit;
 * a text that fits comes back alone and unchanged.
 */
export function numberedParts(text: string, limit = TEXT_LIMIT): string[] {
  if (text.length <= limit) return [text];
  const pieces = splitText(text, limit - HEADER_ROOM);
  return pieces.map((p, i) => `(${i + 1}/${pieces.length})\n${p}`);
}

/**
 * A citizen's text shortened for a card: at most `max` UTF-16 units, cut at a character boundary,
 * with an ellipsis. `cut` says whether anything was left out (then the card offers "全文").
 */
export function truncateForCard(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return { text: `${text.slice(0, end)}…`, cut: true };
}

/**
 * Last line of defence for the bots' own replies: a sendMessage over the limit goes as numbered
 * parts (the buttons on the last), and an edit over it is cut short (an edit cannot become two
 * messages; cards keep the full text behind their "全文" button). Texts with a parse_mode are
 * left alone: cutting could break their markup.
 */
export function lengthGuard(): Transformer {
  return async (prev, method, payload, signal) => {
    const p = payload as Record<string, unknown>;
    if (typeof p.text !== "string" || p.parse_mode !== undefined || p.text.length <= TEXT_LIMIT) return prev(method, payload, signal);
    if (method === "editMessageText") return prev(method, { ...payload, text: truncateForCard(p.text, TEXT_LIMIT).text } as typeof payload, signal);
    if (method !== "sendMessage") return prev(method, payload, signal);
    const parts = numberedParts(p.text);
    let last: Awaited<ReturnType<typeof prev>> | undefined;
    for (const [i, text] of parts.entries()) {
      const { reply_markup, ...rest } = p;
      last = await prev(method, { ...rest, text, ...(i === parts.length - 1 && reply_markup ? { reply_markup } : {}) } as typeof payload, signal);
      if (!last.ok) return last;
    }
    return last!;
  };
}
