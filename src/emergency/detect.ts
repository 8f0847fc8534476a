import {
  CLAIM,
  DRILL,
  EMERGENCY_KINDS,
  HABITUAL,
  HYPOTHETICAL_AFTER,
  HYPOTHETICAL_BEFORE,
  NEGATED_BEFORE,
  PAST,
  PRESENT,
  RESOLVED,
  RULES,
  SMOKE,
  SMOKE_EXCUSES,
  type EmergencyKind,
  type EmergencyNumber,
} from "./rules.js";

export type { EmergencyKind, EmergencyNumber } from "./rules.js";

/** What a message says about danger now: the kinds of emergency it reads as and whom to call, first number first. */
export type EmergencyVerdict = { emergency: boolean; kinds: EmergencyKind[]; numbers: EmergencyNumber[] };

const NONE: EmergencyVerdict = { emergency: false, kinds: [], numbers: [] };
const CLAUSE_BREAK = /[，,。!！?？;；\n]+|\.(?=\s|$)|\s(?:but|and then|however)\s|但是|可是|不过/i;

type Clause = { text: string; present: boolean; past: boolean; habitual: boolean };

function clausesOf(text: string): Clause[] {
  return text
    .split(CLAUSE_BREAK)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => ({ text: s, present: PRESENT.test(s), past: PAST.test(s), habitual: HABITUAL.test(s) }));
}

const GLOBAL = new Map(RULES.flatMap((r) => r.patterns).map((p) => [p, new RegExp(p.source, `${p.flags.replace("g", "")}g`)]));

/** Every place in the clause where one of the rule's patterns matches. */
function* matches(patterns: RegExp[], clause: string): Generator<{ index: number; length: number; smoke: boolean }> {
  for (const p of patterns) {
    for (const m of clause.matchAll(GLOBAL.get(p)!)) yield { index: m.index ?? 0, length: m[0].length, smoke: p === SMOKE };
  }
}

/**
 * Decides whether a citizen's message reads as a danger to life or property happening now, and
 * which emergency numbers answer it. Pure and fast (regular expressions over clauses), so the bot
 * can ask it of every message before anything else.
 *
 * A match does not count when it is denied in its clause ("没有人受伤"), only feared ("担心着火",
 * "火灾隐患"), over ("已经扑灭"), in the past with nothing said about now ("上周被偷了"), or a standing
 * problem ("经常有人打架"). A gas smell lasts, so an earlier start does not make it over. Everything
 * else that matches counts: a miss costs more than a false alarm.
 */
export function detectEmergency(input: string): EmergencyVerdict {
  const text = input.normalize("NFKC");
  if (!text.trim() || DRILL.test(text)) return NONE;
  // Most messages match nothing: one pass over the whole text first, clauses only for what matched.
  const candidates = RULES.map((rule) => ({ rule, patterns: rule.patterns.filter((p) => p.test(text)) })).filter((c) => c.patterns.length > 0);
  if (candidates.length === 0) return NONE;
  const clauses = clausesOf(text);
  const textPresent = clauses.some((c) => c.present);
  // A claim about a harm (工伤认定, 理赔) puts the harm behind, as a date in the past would.
  const textPast = clauses.some((c) => c.past) || CLAIM.test(text);
  const textHabitual = clauses.some((c) => c.habitual);
  const resolved = RESOLVED.test(text);
  const smokeExcused = SMOKE_EXCUSES.test(text);

  const found = new Set<EmergencyKind>();
  let injuryDenied = false;
  for (const { rule, patterns } of candidates) {
    for (const clause of clauses) {
      for (const m of matches(patterns, clause.text)) {
        const before = clause.text.slice(0, m.index);
        const after = clause.text.slice(m.index + m.length);
        if (NEGATED_BEFORE.some((n) => n.test(before))) {
          if (rule.kind === "medical") injuryDenied = true;
          continue;
        }
        if (HYPOTHETICAL_BEFORE.test(before) || HYPOTHETICAL_AFTER.test(after)) continue;
        if (m.smoke && smokeExcused) continue;
        if (resolved && !clause.present) continue;
        if (!rule.lasting) {
          if ((clause.past && !clause.present) || (textPast && !textPresent)) continue;
          if ((clause.habitual && !clause.present) || (textHabitual && !textPresent)) continue;
        }
        found.add(rule.kind);
      }
    }
  }
  // A collision nobody was hurt in is for the traffic police's ordinary work, not an emergency.
  if (found.has("traffic") && injuryDenied && !found.has("medical")) found.delete("traffic");
  if (found.size === 0) return NONE;

  const kinds = EMERGENCY_KINDS.filter((k) => found.has(k));
  const numbers: EmergencyNumber[] = [];
  for (const k of kinds) {
    for (const n of RULES.find((r) => r.kind === k)!.numbers) if (!numbers.includes(n)) numbers.push(n);
  }
  return { emergency: true, kinds, numbers };
}
