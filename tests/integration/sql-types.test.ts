import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { intArray, jsonArray, sql } from "../../src/db/sql.js";
import { TEST_DATABASE_URL } from "../helpers/env.js";

// src/db/sql.ts reads int[] by a split of its text; pg's own parser is the reference: every shape
// Postgres sends must come out the same, read against the real server.
const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
afterAll(() => pool.end());

describe("plain SQL's int[] parser", () => {
  it("reads every int[] as pg's own parser does", async () => {
    const cases = ["'{}'", "'{7}'", "'{1,-2,2147483647,-2147483648}'", "'{1,NULL,3}'", "'{{1,2},{3,4}}'", "NULL"];
    for (const literal of cases) {
      const text = `SELECT ${literal}::int[] AS a`;
      const [ours] = await sql<{ a: unknown }>(pool, text);
      const theirs = (await pool.query<{ a: unknown }>(text)).rows[0];
      expect(ours.a, literal).toEqual(theirs.a);
    }
    // The keys of a case as they are stored: 32 of them, any int4.
    const keys = Array.from({ length: 32 }, (_, i) => (i % 2 ? 1 : -1) * (i * 67_108_859 + 13));
    const [row] = await sql<{ a: number[] }>(pool, `SELECT $1::int[] AS a`, [keys]);
    expect(row.a).toEqual(keys);
  });

  it("sends whole numbers as an int[] parameter that Postgres reads as pg's own serialiser would send them", async () => {
    for (const xs of [[], [0], [1, -2, 2147483647, -2147483648], Array.from({ length: 32 }, (_, i) => i * 67_108_859 - 1_000_000_000)]) {
      const ours = (await pool.query<{ a: number[] }>(`SELECT $1::int[] AS a`, [intArray(xs)])).rows[0];
      const theirs = (await pool.query<{ a: number[] }>(`SELECT $1::int[] AS a`, [xs])).rows[0];
      expect(ours.a).toEqual(xs);
      expect(ours.a).toEqual(theirs.a);
    }
  });

  it("sends JSON texts as one json array whose elements Postgres gives back verbatim (NUL and lone surrogates too)", async () => {
    const values = [{ message: { text: "小区\u0000路灯\uD800坏了\uDC00", entities: [{ type: "bold" }] } }, '引号"和反斜杠\\', 5, null, [1, { a: "b" }]];
    const texts = values.map((v) => JSON.stringify(v));
    const { rows } = await pool.query<{ k: string; v: string }>(
      `SELECT k, v::text AS v FROM ROWS FROM (unnest($1::text[]), json_array_elements($2::json)) WITH ORDINALITY AS w(k, v, ord) ORDER BY ord`,
      [texts.map((_, i) => `k${i}`), jsonArray(texts)],
    );
    expect(rows).toEqual(texts.map((v, i) => ({ k: `k${i}`, v })));
    expect(JSON.parse(rows[0].v)).toEqual(values[0]);
  });
});
