import { createHash } from "node:crypto";
import pg from "pg";
import type { Case } from "../generated/prisma/client.js";
import { batchedOnPool } from "./batched.js";

/**
 * Plain SQL on the shared pool (src/db/prisma.ts) for hot paths, read the way Prisma reads: a
 * `timestamp(3)` column (stored in UTC, no zone) as that UTC instant, whatever the process's TZ,
 * and `bigint` as a JS bigint. Parameters: pass a Date as `d.toISOString()` (Postgres ignores the
 * zone of a literal meant for a timestamp without time zone, so the UTC wall time is stored).
 */
const TIMESTAMP = 1114;
const INT8 = 20;
const INT4_ARRAY = 1007;
const pgIntArray = (pg.types.getTypeParser as unknown as (oid: number) => (s: string) => unknown)(INT4_ARRAY);
const parsers: Record<number, (s: string) => unknown> = {
  [TIMESTAMP]: (s) => new Date(`${s.replace(" ", "T")}Z`),
  [INT8]: (s) => BigInt(s),
  // int[] of one dimension ("{1,-2,NULL}", as every int[] column of the schema is) by a split, where
  // pg's generic array parser walks it a character at a time: a case read carries its 32 并单 keys
  // (Case.dupKeys), and parsing them was ~2% of the workers' CPU in bench:pipeline. Anything else
  // (more dimensions) goes to pg's parser.
  [INT4_ARRAY]: (s) =>
    s.indexOf("{", 1) !== -1 ? pgIntArray(s) : s === "{}" ? [] : s.slice(1, -1).split(",").map((x) => (x === "NULL" ? null : Number(x))),
};

/** pg's per-query type parsers: ours where set, pg's own (Json, numbers, booleans) otherwise. */
export function sqlTypes(types: pg.CustomTypesConfig | undefined): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: string) =>
      parsers[oid] ?? (types as unknown as { getTypeParser: (o: number, f?: string) => unknown }).getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
  };
}

export type Queryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

const defaults = sqlTypes(pg.types as unknown as pg.CustomTypesConfig);

/** Query `types` reading timestamps as UTC and bigints as BigInt: pass as `{ text, values, types: utcTypes }`. */
export const utcTypes: pg.CustomTypesConfig = defaults;

/**
 * Whole numbers as an `int[]` parameter, in Postgres's array syntax. pg would serialise the array
 * itself by quoting and escaping every element (two regex passes each): for a complaint's 32 并单
 * keys that was ~2% of the citizen bot's CPU in bench:pipeline.
 */
export function intArray(xs: readonly number[]): string {
  return `{${xs.join(",")}}`;
}

/**
 * JSON texts (each as JSON.stringify made it) as one JSON array parameter, to be taken apart in SQL
 * by `json_array_elements($n::json)` (each element's text verbatim, `\u0000` and lone surrogates
 * included) or `jsonb_array_elements($n::jsonb)`. As a `text[]`, pg would quote each and escape its
 * every quote and backslash in two regex passes: a form's state (its replay log, kilobytes of JSON)
 * saved with every update made that ~2.5% of the citizen bot's CPU in bench:pipeline.
 */
export function jsonArray(texts: readonly string[]): string {
  return `[${texts.join(",")}]`;
}

/** A Date as a parameter for a `timestamp(3)` column: its UTC wall time (see above). */
export function utc(d: Date): string {
  return d.toISOString();
}

/**
 * Hot statements are prepared once per connection and then only bound and executed: a named
 * statement (pg's `name`) spares Postgres parsing and planning it again on every call, which for
 * the workers' CTEs and the notice read cost more than executing them. The name is the text's
 * hash. Texts are the product's own, a fixed set; should some code ever build texts without end,
 * naming stops at MAX_NAMED so no connection collects statements without bound.
 */
const names = new Map<string, string>();
const MAX_NAMED = 1000;
export function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED) {
    name = `m_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/** Runs one statement (one round trip, no transaction of its own) and returns its rows. */
export async function sql<R extends object = Record<string, unknown>>(db: Queryable, text: string, values: unknown[] = []): Promise<R[]> {
  const r = await (db as pg.Pool).query<R>({ name: statementName(text), text, values, types: defaults });
  return r.rows;
}

/** `SELECT *` of cases by id, as Prisma reads them (a NULL scalar list, which Prisma shows as [], as []). */
async function readCaseRows(db: Queryable, ids: number[]): Promise<Map<number, Case>> {
  const rows = await sql<Case>(db, `SELECT * FROM "Case" WHERE "id" = ANY($1::int[])`, [[...new Set(ids)]]);
  for (const row of rows) row.attachments ??= [];
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Case reads on a pool go in batches (src/db/batched.ts): the classify, route and deadline jobs
 * that read while one read runs share the next round trip (`= ANY`), so under load a case read
 * costs a fraction of a round trip; an idle job waits for nobody. Inside a transaction (a client)
 * the read is the caller's own. This is one such batch: each caller gets its own copy of the row.
 */
async function readCaseBatch(db: Queryable, ids: number[]): Promise<(Case | null)[]> {
  const rows = await readCaseRows(db, ids);
  return ids.map((i) => {
    const row = rows.get(i);
    return row ? { ...row } : null;
  });
}

/**
 * One case row as Prisma reads it (`SELECT *`; a NULL scalar list, which Prisma shows as [], as []),
 * or null. For the hot paths that read a case by id on every job. Each caller gets its own copy.
 */
export async function readCaseRow(db: Queryable, id: number): Promise<Case | null> {
  return batchedOnPool(db, readCaseBatch, id);
}
