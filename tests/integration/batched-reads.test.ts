import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import pg from "pg";
import { createCore, type Core } from "../../src/core.js";
import { readCaseRow } from "../../src/db/sql.js";
import { createReference } from "../../src/db/reference.js";
import { readNotice } from "../../src/notifications/notice-read.js";
import { testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";
import { castOf, caseOf, type Cast } from "../helpers/case-fixtures.js";

// The workers' hot reads (a case by id, a notice, whether a department is staffed) go in batches on
// a pool (src/db/batched.ts): reads made while one runs share the next statement. Each caller must
// still get exactly its own answer, as if it had read alone.

let core: Core;
let cast: Cast;
/** A pool of its own whose statements are counted by their text. */
let pool: pg.Pool;
let statements: string[];

beforeAll(() => {
  core = createCore(testConfig());
  pool = new pg.Pool({ connectionString: testConfig().DATABASE_URL, max: 4 });
  const query = pool.query.bind(pool) as (q: pg.QueryConfig) => Promise<pg.QueryResult>;
  pool.query = ((q: pg.QueryConfig) => {
    statements.push(q.text);
    return query(q);
  }) as typeof pool.query;
});
beforeEach(async () => {
  await resetDatabase(core.prisma);
  cast = await castOf(core);
  statements = [];
});
afterAll(async () => {
  await pool.end();
  await core.close();
});

const count = (pattern: RegExp) => statements.filter((s) => pattern.test(s)).length;

describe("batched reads", () => {
  it("case rows: concurrent reads share statements, each caller gets its own copy, a missing case is null", async () => {
    const cases = await Promise.all(Array.from({ length: 6 }, () => caseOf(core, cast, "COMPLAINT", { routed: false })));
    const ids = [...cases.map((c) => c.id), cases[0].id, 99_999_999];
    const rows = await Promise.all(ids.map((id) => readCaseRow(pool, id)));

    expect(rows.slice(0, 7).map((r) => r?.id)).toEqual(ids.slice(0, 7));
    expect(rows[7]).toBeNull();
    for (const [i, c] of cases.entries()) expect(rows[i]).toMatchObject({ number: c.number, text: c.text, status: "SUBMITTED", attachments: [] });
    // Eight reads in one tick: the first starts a batch alone at most, the rest go together.
    expect(count(/FROM "Case" WHERE "id" = ANY/)).toBeLessThanOrEqual(2);
    expect(count(/FROM "Case"/)).toBe(count(/FROM "Case" WHERE "id" = ANY/));
    // The same case asked twice: two objects, so one caller's change is not another's.
    expect(rows[6]).not.toBe(rows[0]);
    rows[0]!.text = "changed by one caller";
    expect(rows[6]!.text).toBe(cases[0].text);
  });

  it("a read inside a transaction is the transaction's own statement", async () => {
    const c = await caseOf(core, cast, "COMPLAINT", { routed: false });
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query({ text: `UPDATE "Case" SET "location" = 'in the transaction' WHERE "id" = $1`, values: [c.id] });
      expect((await readCaseRow(client, c.id))?.location).toBe("in the transaction");
      expect((await readCaseRow(pool, c.id))?.location).toBe(c.location);
      await client.query("ROLLBACK");
    } finally {
      client.release();
    }
  });

  it("notices: concurrent reads with different flags each get their case, outbox state and cards", async () => {
    const routed = await caseOf(core, cast, "COMPLAINT", { accepted: false });
    const other = await caseOf(core, cast, "COMPLAINT", { routed: false });
    const [done, open] = await Promise.all([
      core.prisma.outboxMessage.create({ data: { queue: "notify", name: "case_routed", payload: {}, completedAt: new Date() } }),
      core.prisma.outboxMessage.create({ data: { queue: "notify", name: "case_routed", payload: {} } }),
    ]);
    statements = [];
    const [a, b, c, d, missing] = await Promise.all([
      readNotice(pool, routed.id, done.id),
      readNotice(pool, other.id, open.id),
      readNotice(pool, routed.id, open.id, { cards: true }),
      readNotice(pool, other.id, undefined, { holders: true }),
      readNotice(pool, 99_999_999, open.id),
    ]);

    expect(a).toMatchObject({ state: "done", case: { id: routed.id, departmentId: cast.housing.id } });
    expect(a?.cards).toBeUndefined();
    // The department's active staff, every dispatcher and administrator; not the inactive handler
    // nor another department's.
    const staffOf = (n: typeof a) => n?.staff.map((s) => s.id) ?? [];
    expect(staffOf(a)).toEqual(expect.arrayContaining([cast.handler.id, cast.supervisor.id, cast.dispatcher.id, cast.admin.id]));
    expect(staffOf(a)).not.toContain(cast.inactiveHandler.id);
    expect(staffOf(a)).not.toContain(cast.otherHandler.id);
    expect(b).toMatchObject({ state: "open", case: { id: other.id, departmentId: null, citizen: { id: cast.applicant.id } } });
    expect(staffOf(b)).toEqual(expect.arrayContaining([cast.dispatcher.id, cast.admin.id]));
    expect(staffOf(b)).not.toContain(cast.handler.id);
    expect(c).toMatchObject({ state: "open", case: { id: routed.id }, cards: { handler: null, rows: [] } });
    expect(d).toMatchObject({ state: "open", case: { id: other.id }, holders: [] });
    expect(missing).toBeNull();
    // Three sets of flags: one statement each at most twice (a first caller alone, then the rest).
    expect(count(/FROM unnest\(\$1::int\[\], \$2::int\[\]\) WITH ORDINALITY/)).toBeLessThanOrEqual(6);
    expect(count(/FROM unnest\(\$1::int\[\], \$2::int\[\]\) WITH ORDINALITY/)).toBeGreaterThanOrEqual(3);
  });

  it("staffed: concurrent checks share a statement and see active handlers or supervisors only", async () => {
    const reference = createReference({ pool });
    const empty = await core.prisma.department.create({ data: { code: "test-empty", nameZh: "无人部门", nameEn: "Nobody" } });
    await core.prisma.staffMember.create({ data: { telegramId: 812_345_678n, displayName: "gone", role: "HANDLER", departmentId: empty.id, active: false } });
    statements = [];
    const answers = await Promise.all([cast.housing.id, cast.environment.id, empty.id, cast.housing.id].map((id) => reference.staffed(id)));
    expect(answers).toEqual([true, true, false, true]);
    expect(count(/FROM "StaffMember"/)).toBeLessThanOrEqual(2);
    // Not cached: a handler invited now counts at once.
    await core.prisma.staffMember.create({ data: { telegramId: 812_345_679n, displayName: "new", role: "HANDLER", departmentId: empty.id } });
    expect(await reference.staffed(empty.id)).toBe(true);
  });
});
