import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCore, type Core } from "../../src/core.js";
import { createCaseService } from "../../src/cases/case-service.js";
import { QUEUE_NAMES } from "../../src/queues/definitions.js";
import { testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";

/**
 * Case numbers come from one Postgres sequence per year (src/cases/case-submission.ts); the year is
 * the Shanghai calendar year of receipt. Run under several TZs (vitest.config.ts): the boundary is
 * Shanghai midnight whatever the server's zone.
 */
let core: Core;
let citizenId: number;
let clock: Date;

beforeAll(() => {
  core = createCore(testConfig(), { now: () => clock });
});
beforeEach(async () => {
  await resetDatabase(core.prisma, { demoStaff: false });
  // No year's sequence yet, as in a new database: the first submit of a year makes it.
  const { rows } = await core.pool.query<{ name: string }>(`SELECT relname AS name FROM pg_class WHERE relkind = 'S' AND relname LIKE 'case_number_%'`);
  for (const r of rows) await core.pool.query(`DROP SEQUENCE "${r.name}"`);
  clock = new Date("2026-06-01T02:00:00Z");
  citizenId = (await core.citizens.ensure(42)).id;
});
afterEach(async () => {
  for (const name of QUEUE_NAMES) await core.queues[name].obliterate({ force: true });
});
afterAll(async () => {
  await core.close();
});

const input = (submissionKey: string) => ({
  submissionKey,
  citizenId,
  kind: "COMPLAINT" as const,
  text: "小区物业不管下水道堵塞，污水流到路上",
  location: "幸福路",
  anonymous: true,
});
const seq = (n: string) => Number(n.slice(8));

describe("case numbers", () => {
  it("are unique and gap-free under 40 concurrent submits, and a later submit gets a higher one", async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => core.cases.submit(input(`c${i}`))));
    const numbers = results.map((r) => r.case.number);
    expect(new Set(numbers).size).toBe(40);
    for (const n of numbers) expect(n).toMatch(/^MS-2026-\d{6}$/);
    expect(numbers.map(seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const later = await core.cases.submit(input("later"));
    expect(later.case.number).toBe("MS-2026-000041");
  });

  it("start again at 000001 at Shanghai midnight on 1 January, while the old year's go on", async () => {
    // 2026-12-31 23:59:59 in Shanghai (UTC+8) is 15:59:59 UTC; one second later it is 2027.
    clock = new Date("2026-12-31T15:59:59Z");
    expect((await core.cases.submit(input("a"))).case.number).toBe("MS-2026-000001");
    expect((await core.cases.submit(input("b"))).case.number).toBe("MS-2026-000002");
    clock = new Date("2026-12-31T16:00:00Z");
    // The first submits of the new year make its sequence at once, from several sessions.
    const first = await Promise.all(Array.from({ length: 10 }, (_, i) => core.cases.submit(input(`n${i}`))));
    expect(first.map((r) => r.case.number).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `MS-2027-${String(i + 1).padStart(6, "0")}`));
    // A late submit still dated in the old year continues the old year's numbers.
    clock = new Date("2026-12-31T15:59:59Z");
    expect((await core.cases.submit(input("c"))).case.number).toBe("MS-2026-000003");
  });

  it("continue after the highest number of the year already filed when the year's sequence is new", async () => {
    // A database numbered by the old counter (migration 20261128130649): its cases are there, no sequence yet.
    const made = await core.cases.submit(input("first"));
    await core.pool.query(`DROP SEQUENCE "case_number_2026"`);
    await core.prisma.case.update({ where: { id: made.case.id }, data: { number: "MS-2026-000041" } });
    expect((await core.cases.submit(input("next"))).case.number).toBe("MS-2026-000042");
  });

  it("go past six digits without being cut", async () => {
    await core.cases.submit(input("first"));
    await core.pool.query(`SELECT setval('case_number_2026', 999999)`);
    expect((await core.cases.submit(input("million"))).case.number).toBe("MS-2026-1000000");
  });

  it("are taken from the sequence, not a counter row: a repeated key leaves a gap, never a duplicate", async () => {
    const a = await core.cases.submit(input("k"));
    const again = await core.cases.submit(input("k"));
    expect(again).toMatchObject({ created: false, case: { id: a.case.id, number: "MS-2026-000001" } });
    // The repeat's insert took a value and wrote nothing: the next case skips it (README: gaps).
    expect((await core.cases.submit(input("k2"))).case.number).toBe("MS-2026-000003");
  });

  it("returns the case as Prisma reads it (dates in UTC whatever the TZ)", async () => {
    const { case: c } = await core.cases.submit({ ...input("dates"), anonymous: false, contactName: "王", contactPhone: "13800000000", details: { a: 1 } });
    const read = await core.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(c).toEqual(read);
    expect(c.createdAt.toISOString()).toBe("2026-06-01T02:00:00.000Z");
  });

  it("a case service whose flush never ran still wrote case, event, its classify job and its two alarms in one go", async () => {
    const crashing = createCaseService({ prisma: core.prisma, pool: core.pool, logger: core.logger, now: () => clock, outbox: { ...core.outbox, flushQuietly: async () => undefined } });
    const { case: c } = await crashing.submit(input("no-flush"));
    expect(await core.prisma.caseEvent.findMany({ where: { caseId: c.id }, select: { action: true, actor: true, toStatus: true } })).toEqual([
      { action: "submit", actor: "citizen", toStatus: "SUBMITTED" },
    ]);
    const rows = await core.prisma.outboxMessage.findMany({ orderBy: { id: "asc" }, select: { queue: true, name: true, payload: true, enqueuedAt: true } });
    // Received Monday 1 June 2026, 10:00 Shanghai: 15 working days (the district's complaint limit,
    // src/cases/time-limits.ts) counted from 2 June, 端午 (19 June) off, end on Tuesday 23 June; the
    // reminder 2 working days before that day (22 June, then 18 June: 19–21 are off) at 09:00.
    const dueAt = Date.parse("2026-06-23T23:59:59.999+08:00");
    const remindAt = Date.parse("2026-06-18T09:00:00+08:00");
    expect(rows).toEqual([
      { queue: "classify", name: "classify", payload: { caseId: c.id }, enqueuedAt: null },
      { queue: "deadlines", name: "deadlines", payload: { task: "overdue", caseId: c.id, dueAt, at: dueAt }, enqueuedAt: null },
      { queue: "deadlines", name: "deadlines", payload: { task: "remind", caseId: c.id, dueAt, at: remindAt }, enqueuedAt: null },
    ]);

    // The sweep's flush finds them: the alarms go in as the delayed jobs themselves, under the ids a
    // deadlines rebuild gives them, and their rows are done (the classify row waits for its job).
    expect(await core.outbox.flush(undefined, 0)).toBe(3);
    const overdue = await core.queues.deadlines.getJob(`overdue-${c.id}-${dueAt}`);
    const remind = await core.queues.deadlines.getJob(`remind-${c.id}-${dueAt}`);
    expect([overdue?.data, remind?.data]).toEqual([
      { task: "overdue", caseId: c.id, dueAt },
      { task: "remind", caseId: c.id, dueAt },
    ]);
    // Delayed from the core's clock (1 June, 10:00), as the deadlines rebuild delays them.
    expect([overdue!.opts.delay, remind!.opts.delay]).toEqual([dueAt - clock.getTime(), remindAt - clock.getTime()]);
    expect(await core.queues.deadlines.getJob(`ob-${c.id}`)).toBeUndefined();
    const marked = await core.prisma.outboxMessage.findMany({ orderBy: { id: "asc" }, select: { enqueuedAt: true, completedAt: true } });
    expect(marked.map((r) => [r.enqueuedAt !== null, r.completedAt !== null])).toEqual([
      [true, false],
      [true, true],
      [true, true],
    ]);
    // A rebuild arms the same two alarms: nothing added twice.
    await core.deadlines.rebuild();
    expect((await core.queues.deadlines.getDelayed()).map((j) => j.id).sort()).toEqual([`overdue-${c.id}-${dueAt}`, `remind-${c.id}-${dueAt}`]);
  });
});
