import { createRequire } from "node:module";
import { sql, type Queryable } from "../db/sql.js";
import { OPEN_STATUSES } from "./state-machine.js";

// natural's submodule directly (the package root loads database clients).
const require = createRequire(import.meta.url);
const dice = require("natural/lib/natural/distance/dice_coefficient.js") as (a: string, b: string) => number;

const LOOKBACK_MS = 90 * 24 * 3600 * 1000;
/** The closest open complaints by trigrams that are scored exactly (Dice over text and place). */
const CANDIDATES = 20;

/** Only the words count: punctuation, spaces and numbers vary between people telling the same thing. */
const normalise = (s: string) => s.replace(/[\s\p{P}\p{S}\d]/gu, "");

/**
 * The open complaint of the same department that this one repeats (并单), if any: the most similar
 * by the Dice coefficient of character pairs over text and place, at or above `threshold`.
 *
 * Candidates come from the trigram index on the text (pg_trgm's `%`: trigram similarity of at least
 * `pg_trgm.similarity_threshold`, 0.3 by default), the closest first, so the cost follows the
 * texts that look alike, not the number of open complaints. A repeat at the default threshold
 * (Dice 0.6 over text and place) shares far more than that: the e2e pair in
 * tests/e2e/complaint-spine.test.ts is 0.49 by trigrams, 0.80 by Dice.
 */
export async function findNearDuplicate(
  db: Queryable,
  c: { id: number; text: string; location: string | null; departmentId: number | null; createdAt: Date },
  threshold: number,
): Promise<{ id: number; number: string; similarity: number } | null> {
  if (c.departmentId === null) return null;
  const candidates = await sql<{ id: number; number: string; text: string; location: string | null }>(
    db,
    `SELECT "id", "number", "text", "location" FROM "Case"
      WHERE "text" % $1 AND "id" <> $2 AND "kind" = 'COMPLAINT' AND "departmentId" = $3 AND "linkedToId" IS NULL
        AND "status"::text = ANY($4::text[]) AND "createdAt" BETWEEN $5 AND $6
      ORDER BY similarity("text", $1) DESC, "createdAt" DESC
      LIMIT ${CANDIDATES}`,
    [c.text, c.id, c.departmentId, [...OPEN_STATUSES], new Date(c.createdAt.getTime() - LOOKBACK_MS).toISOString(), c.createdAt.toISOString()],
  );
  const mine = normalise(`${c.text}${c.location ?? ""}`);
  let best: { id: number; number: string; similarity: number } | null = null;
  for (const o of candidates) {
    const similarity = dice(mine, normalise(`${o.text}${o.location ?? ""}`));
    if (similarity >= threshold && similarity > (best?.similarity ?? 0)) best = { id: o.id, number: o.number, similarity };
  }
  return best;
}
