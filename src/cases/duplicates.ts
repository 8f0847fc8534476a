import { sql, type Queryable } from "../db/sql.js";
import { batchedOnPool } from "../db/batched.js";
import { groupBy } from "../util/group.js";
import { comparable, dice, duplicateKeys, pairs } from "./duplicate-keys.js";
import { OPEN_STATUSES } from "./state-machine.js";

const LOOKBACK_MS = 90 * 24 * 3600 * 1000;
/** At most this many look-alikes are scored exactly (on the real messages a complaint has 0.4 on average, 12 at most). */
const CANDIDATES = 50;

type Ask = { id: number; departmentId: number; createdAt: Date; keys: number[] };

/**
 * The statement that reads the look-alikes of several complaints (one row of `q` each, `_n` its
 * place), each read by its own call of `case_look_alikes` (exported for the test of its plan).
 */
export function candidatesQuery(asks: Ask[]) {
  return {
    text: `SELECT q.n AS "_n", a."id", a."number", a."text", a."location"
      FROM unnest($1::text[], $2::int[], $3::int[], $4::timestamp(3)[], $5::timestamp(3)[]) WITH ORDINALITY AS q(keys, cid, dept, lo, hi, n)
      CROSS JOIN LATERAL (
        SELECT "id", "number", "text", "location" FROM case_look_alikes(q.keys::int[])
        WHERE "id" <> q.cid AND "kind" = 'COMPLAINT' AND "departmentId" = q.dept AND "linkedToId" IS NULL
          AND "status"::text = ANY($6::text[]) AND "createdAt" BETWEEN q.lo AND q.hi
        ORDER BY "createdAt" DESC
        LIMIT ${CANDIDATES}) a`,
    values: [
      asks.map((a) => `{${a.keys.join(",")}}`),
      asks.map((a) => a.id),
      asks.map((a) => a.departmentId),
      asks.map((a) => new Date(a.createdAt.getTime() - LOOKBACK_MS).toISOString()),
      asks.map((a) => a.createdAt.toISOString()),
      [...OPEN_STATUSES],
    ],
  };
}

type Candidate = { id: number; number: string; text: string; location: string | null };

/**
 * Look-alike reads on a pool go in batches (src/db/batched.ts), as case reads do: the route jobs
 * that search while one search runs share the next statement. It was one statement per routed
 * complaint (0.64 a case in bench:pipeline, the workers' most frequent).
 */
async function readCandidates(db: Queryable, asks: Ask[]): Promise<Candidate[][]> {
  const q = candidatesQuery(asks);
  const rows = await sql<Candidate & { _n: bigint }>(db, q.text, q.values);
  const byAsk = groupBy(rows, (r) => Number(r._n) - 1);
  return asks.map((_, i) => byAsk.get(i) ?? []);
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
  const candidates = await batchedOnPool(db, readCandidates, { id: c.id, departmentId: c.departmentId, createdAt: c.createdAt, keys });
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
