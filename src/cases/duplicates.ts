import { sql, type Queryable } from "../db/sql.js";
import { comparable, dice, duplicateKeys, pairs } from "./duplicate-keys.js";
import { OPEN_STATUSES } from "./state-machine.js";

const LOOKBACK_MS = 90 * 24 * 3600 * 1000;
/** At most this many look-alikes are scored exactly (on the real messages a complaint has 0.4 on average, 12 at most). */
const CANDIDATES = 50;

/** The statement that reads a complaint's look-alikes (exported for the test of its plan). */
export function candidatesQuery(c: { id: number; departmentId: number | null; createdAt: Date }, keys: number[]) {
  return {
    text: `SELECT "id", "number", "text", "location" FROM case_look_alikes($1::int[])
      WHERE "id" <> $2 AND "kind" = 'COMPLAINT' AND "departmentId" = $3 AND "linkedToId" IS NULL
        AND "status"::text = ANY($4::text[]) AND "createdAt" BETWEEN $5 AND $6
      ORDER BY "createdAt" DESC
      LIMIT ${CANDIDATES}`,
    values: [keys, c.id, c.departmentId, [...OPEN_STATUSES], new Date(c.createdAt.getTime() - LOOKBACK_MS).toISOString(), c.createdAt.toISOString()],
  };
}

/**
 * The open complaint of the same department that this one repeats (并单), if any: the most similar
 * by the Dice coefficient of character pairs over text and place, at or above `threshold`.
 *
 * Candidates are the complaints that share one of its MinHash keys (src/cases/duplicate-keys.ts),
 * read through the GIN index on `Case.dupKeys`, so the cost follows the texts that look alike, not
 * the department's open complaints: the index is read first (by `case_look_alikes`, a function
 * of the migration 20261128235032_duplicate_keys that keeps the planner from reading the table
 * instead, as it preferred the department index and testing every open complaint with trigrams),
 * then the department, status and dates filter what it found.
 */
export async function findNearDuplicate(
  db: Queryable,
  c: { id: number; text: string; location: string | null; departmentId: number | null; createdAt: Date; dupKeys?: number[] | null },
  threshold: number,
): Promise<{ id: number; number: string; similarity: number } | null> {
  if (c.departmentId === null) return null;
  const keys = c.dupKeys?.length ? c.dupKeys : duplicateKeys(c);
  if (keys.length === 0) return null;
  const q = candidatesQuery(c, keys);
  const candidates = await sql<{ id: number; number: string; text: string; location: string | null }>(db, q.text, q.values);
  const mine = pairs(comparable(c));
  let best: { id: number; number: string; similarity: number } | null = null;
  for (const o of candidates) {
    const similarity = dice(mine, pairs(comparable(o)));
    if (similarity >= threshold && similarity > (best?.similarity ?? 0)) best = { id: o.id, number: o.number, similarity };
  }
  return best;
}

/**
 * Keys for the open complaints filed before keys existed (`dupKeys` NULL), a batch at a time, so
 * that repeats of them are found too. Each workers process runs it in its first sweep; returns how many it keyed.
 * It changes no `updatedAt`, so no guarded step of a case loses a race to it.
 */
export async function keyOpenComplaints(db: Queryable, batch = 500): Promise<number> {
  let keyed = 0;
  for (;;) {
    const rows = await sql<{ id: number; text: string; location: string | null }>(
      db,
      `SELECT "id", "text", "location" FROM "Case"
        WHERE "dupKeys" IS NULL AND "kind" = 'COMPLAINT' AND "linkedToId" IS NULL AND "status"::text = ANY($1::text[])
        ORDER BY "id" LIMIT $2`,
      [[...OPEN_STATUSES], batch],
    );
    if (rows.length === 0) return keyed;
    await sql(
      db,
      `UPDATE "Case" k SET "dupKeys" = v.keys::int[] FROM unnest($1::int[], $2::text[]) AS v(id, keys)
        WHERE k."id" = v.id AND k."dupKeys" IS NULL`,
      [rows.map((r) => r.id), rows.map((r) => `{${duplicateKeys(r).join(",")}}`)],
    );
    keyed += rows.length;
  }
}
