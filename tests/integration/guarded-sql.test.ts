import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type pg from "pg";
import { createCore, type Core } from "../../src/core.js";
import { createCaseService, type Classification } from "../../src/cases/case-service.js";
import { allowed } from "../../src/cases/rules.js";
import type { Case } from "../../src/generated/prisma/client.js";
import { testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";
import { castOf, caseOf, footprint, type Cast } from "../helpers/case-fixtures.js";

// The system's steps on the workers' path (classify, route, escalate, 并单) change a case in one
// plain-SQL statement (src/cases/guarded-sql.ts) instead of a Prisma transaction: the same rules,
// the same guard against a concurrent change, the audit event and outbox rows in the same statement.

let core: Core;
let cast: Cast;

beforeAll(() => {
  core = createCore(testConfig());
});
beforeEach(async () => {
  await resetDatabase(core.prisma);
  cast = await castOf(core);
});
afterAll(async () => {
  await core.close();
});

const system = { kind: "system" } as const;
const cls: Classification = {
  departmentCode: "housing",
  confidence: 0.91,
  priority: "URGENT",
  modelVersion: "test-1",
  reasons: { top: [{ code: "housing", probability: 0.91 }], words: ["下水道"] },
};

const submitted = (kind: "COMPLAINT" | "DISCLOSURE" = "COMPLAINT") => caseOf(core, cast, kind, { routed: false });
const eventsOf = (caseId: number) => core.prisma.caseEvent.findMany({ where: { caseId }, orderBy: { id: "asc" } });
const outboxOf = (caseId: number) =>
  core.prisma.outboxMessage.findMany({ where: { payload: { path: ["caseId"], equals: caseId } }, orderBy: { id: "asc" } });

/**
 * A case service whose pool holds every guarded UPDATE until `reads` reads of a case have answered:
 * the racers have all judged the same row before any of them writes, so all but one must lose.
 */
function racingService(reads: number) {
  const seen = { reads: 0, updates: 0 };
  let release!: () => void;
  const allRead = new Promise<void>((r) => (release = r));
  const pool = {
    async query(q: { text: string }) {
      const guarded = q.text.includes('UPDATE "Case" k SET');
      if (guarded) {
        seen.updates++;
        await allRead;
      }
      const r = await core.pool.query(q as pg.QueryConfig);
      if (q.text.startsWith('SELECT * FROM "Case"') && ++seen.reads === reads) release();
      return r;
    },
  } as unknown as pg.Pool;
  return { service: createCaseService({ prisma: core.prisma, pool, outbox: core.outbox, logger: core.logger }), seen };
}

describe("a guarded change in one statement", () => {
  it("writes the change, its audit event and its outbox rows together, and hands the rows to the queues", async () => {
    const c = await submitted();
    expect((await core.cases.recordClassification(c.id, cls)).ok).toBe(true);

    const classified = await core.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    // As Prisma reads it: the enum, the Json, the timestamps.
    expect(classified).toMatchObject({ status: "SUBMITTED", priority: "URGENT", suggestedDepartmentCode: "housing", confidence: 0.91, modelVersion: "test-1" });
    expect(classified.classifierReasons).toEqual(cls.reasons);
    expect(classified.classifiedAt).toBeInstanceOf(Date);
    // An urgent complaint is due sooner: the new due date is written, and its alarms are planned anew.
    expect(classified.dueAt.getTime()).toBeLessThan(c.dueAt.getTime());
    expect(classified.updatedAt.getTime()).toBeGreaterThan(c.updatedAt.getTime());
    expect((await eventsOf(c.id)).map((e) => [e.action, e.actor, e.fromStatus, e.toStatus, e.note])).toEqual([
      ["submit", "citizen", null, "SUBMITTED", null],
      ["classify", "system", "SUBMITTED", "SUBMITTED", "housing 0.91 URGENT test-1"],
    ]);
    const afterClassify = (await outboxOf(c.id)).slice(3); // the submit's classify row and two alarms first
    // No route row: the classify job routes the case itself (workers/classify.ts).
    expect(afterClassify.map((r) => [r.queue, r.name])).toEqual([["deadlines", "deadlines"]]);

    const routed = await core.cases.route(c.id, cast.housing.id);
    expect(routed).toMatchObject({ ok: true, case: { id: c.id, status: "ASSIGNED", departmentId: cast.housing.id, priority: "URGENT" } });
    // The row returned is the row as stored (attachments as [], timestamps as instants).
    if (routed.ok) expect(routed.case).toEqual(await core.prisma.case.findUniqueOrThrow({ where: { id: c.id } }));
    expect((await eventsOf(c.id)).at(-1)).toMatchObject({ action: "route", actor: "system", fromStatus: "SUBMITTED", toStatus: "ASSIGNED" });
    const afterRoute = (await outboxOf(c.id)).slice(4);
    // No case_cards: a case leaving SUBMITTED that never went overdue has no staff card to redraw.
    expect(afterRoute.map((r) => [r.queue, r.name])).toEqual([
      ["notify", "case_routed"],
      ["notify", "complaint_urgent"],
    ]);
    // Flushed with the rows in hand: in Redis under the row's id, and marked enqueued.
    for (const r of [...afterClassify, ...afterRoute]) {
      const queue = core.queues[r.queue as "deadlines" | "notify"];
      expect(await queue.getJob(`ob-${r.id}`)).toBeTruthy();
      expect((await core.prisma.outboxMessage.findUniqueOrThrow({ where: { id: r.id } })).enqueuedAt).toBeInstanceOf(Date);
    }
  });

  it("refuses what the rules table refuses, and a refusal writes nothing", async () => {
    const routed = await caseOf(core, cast, "COMPLAINT", { accepted: false });
    const disclosure = await submitted("DISCLOSURE");
    const before = await footprint(core, routed.id);
    // Each refusal as the rules table gives it for the row, with the status the case is in.
    const cases: [string, Case, () => Promise<unknown>, ReturnType<typeof allowed>][] = [
      ["route again", routed, () => core.cases.route(routed.id, cast.environment.id), allowed("route", system, routed, { input: { departmentId: cast.environment.id } })],
      ["escalate a routed case", routed, () => core.cases.escalate(routed.id, "why"), allowed("escalate", system, routed, { input: {} })],
      ["link to itself", routed, () => core.cases.link(routed.id, { id: routed.id, number: routed.number, similarity: 1 }), allowed("link", system, routed, { input: { masterId: routed.id } })],
      [
        "link a disclosure request",
        disclosure,
        () => core.cases.link(disclosure.id, { id: routed.id, number: routed.number, similarity: 1 }),
        allowed("link", system, disclosure, { input: { masterId: routed.id } }),
      ],
    ];
    for (const [what, c, act, verdict] of cases) {
      expect(verdict.ok, what).toBe(false);
      expect(await act(), what).toEqual({ ...verdict, status: c.status });
    }
    expect(allowed("classify", system, routed).ok).toBe(false);
    expect((await core.cases.recordClassification(routed.id, cls)).ok).toBe(false);
    expect(await core.cases.route(999_999, cast.housing.id)).toEqual({ ok: false, reason: "not_found" });
    expect(await footprint(core, routed.id)).toEqual(before);
  });

  it("judges a row read before a change that then won again, from a fresh read", async () => {
    const c = await submitted();
    const stale = (await core.prisma.case.findUniqueOrThrow({ where: { id: c.id } })) as Case;
    expect((await core.cases.route(c.id, cast.housing.id)).ok).toBe(true);
    // The caller's row says SUBMITTED; the statement finds it changed, reads it again, and refuses.
    expect(await core.cases.escalate(c.id, "unsure", [], stale)).toEqual({ ok: false, reason: "not_allowed", status: "ASSIGNED" });
    expect((await eventsOf(c.id)).map((e) => e.action)).toEqual(["submit", "route"]);
  });
});

describe("two changes of one case at once", () => {
  it("route and escalate: exactly one wins, the other is judged again and refused, and only the winner's rows are written", async () => {
    const c = await submitted();
    const outboxBefore = (await outboxOf(c.id)).length;
    const { service, seen } = racingService(2);
    const [routed, escalated] = await Promise.all([service.route(c.id, cast.housing.id), service.escalate(c.id, "unsure")]);

    const winners = [routed, escalated].filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    const winner = winners[0] as Extract<typeof routed, { ok: true }>;
    const loser = [routed, escalated].find((r) => !r.ok);
    expect(loser).toEqual({ ok: false, reason: "not_allowed", status: winner.case.status });
    // Both wrote once against the same row; the loser's statement changed nothing, it read again and was refused.
    expect(seen).toEqual({ reads: 3, updates: 2 });
    const stored = await core.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(stored.status).toBe(winner.case.status);
    const events = await eventsOf(c.id);
    expect(events.map((e) => e.action)).toEqual(["submit", routed.ok ? "route" : "escalate"]);
    const rows = (await outboxOf(c.id)).slice(outboxBefore);
    expect(rows.map((r) => r.name)).toEqual(routed.ok ? ["case_routed"] : ["case_escalated"]);
  });

  it("classify and 并单: the loser is judged again on the winner's row, still allowed, and both changes stand", async () => {
    const lead = await caseOf(core, cast, "COMPLAINT", { accepted: false });
    const c = await submitted();
    const { service, seen } = racingService(2);
    const [classified, linked] = await Promise.all([
      service.recordClassification(c.id, { ...cls, priority: "NORMAL" }),
      service.link(c.id, { id: lead.id, number: lead.number, similarity: 0.9 }),
    ]);
    expect(classified.ok).toBe(true);
    expect(linked.ok).toBe(true);
    // One of the two lost the first statement and wrote on its second try, from a fresh read.
    expect(seen).toEqual({ reads: 3, updates: 3 });
    const stored = await core.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(stored).toMatchObject({ linkedToId: lead.id, suggestedDepartmentCode: "housing", modelVersion: "test-1" });
    expect((await eventsOf(c.id)).map((e) => e.action).sort()).toEqual(["classify", "link", "submit"]);
    expect((await outboxOf(c.id)).map((r) => r.name).filter((n) => n === "route" || n === "case_linked")).toEqual(["case_linked"]);
  });
});

describe("changes of many cases at once", () => {
  /** The case service on a pool that counts the guarded statements. */
  function countingService() {
    const seen = { updates: 0 };
    const pool = {
      query(q: pg.QueryConfig) {
        if (q.text.includes('UPDATE "Case" k SET')) seen.updates++;
        return core.pool.query(q);
      },
    } as unknown as pg.Pool;
    return { service: createCaseService({ prisma: core.prisma, pool, outbox: core.outbox, logger: core.logger }), seen };
  }

  it("classifications judged together are written in shared statements, each case with its own values, event and outbox rows", async () => {
    const cases = await Promise.all(Array.from({ length: 6 }, () => submitted()));
    const { service, seen } = countingService();
    const confidence = (i: number) => 0.5 + i / 100;
    // Each with the row just read, as the classify job does: all six are judged in the same tick.
    // Urgent, so each gets a row of its own: its deadlines, planned anew for the sooner due date.
    const done = await Promise.all(cases.map((c, i) => service.recordClassification(c.id, { ...cls, priority: "URGENT", confidence: confidence(i) }, c)));
    expect(done.map((r) => r.ok)).toEqual(cases.map(() => true));
    // The first alone at most, the other five together.
    expect(seen.updates).toBeLessThanOrEqual(2);
    for (const [i, c] of cases.entries()) {
      expect(await core.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ confidence: confidence(i), suggestedDepartmentCode: "housing", status: "SUBMITTED", priority: "URGENT" });
      expect((await eventsOf(c.id)).map((e) => [e.action, e.note])).toEqual([
        ["submit", null],
        ["classify", `housing ${confidence(i).toFixed(2)} URGENT test-1`],
      ]);
      // Its own deadlines row, in Redis under the row's id.
      const rows = (await outboxOf(c.id)).slice(3);
      expect(rows.map((r) => [r.queue, (r.payload as { caseId: number }).caseId])).toEqual([["deadlines", c.id]]);
      expect(await core.queues.deadlines.getJob(`ob-${rows[0].id}`)).toBeTruthy();
    }
  });

  it("two changes of one case in the same statement: exactly one wins, the other is judged again and refused", async () => {
    const c = await submitted();
    const outboxBefore = (await outboxOf(c.id)).length;
    const { service, seen } = countingService();
    // Both judged on the same row in the same tick: the same batch, the same statement.
    const [toHousing, toEnvironment] = await Promise.all([service.route(c.id, cast.housing.id, [], c), service.route(c.id, cast.environment.id, [], c)]);
    expect(seen.updates).toBe(1);
    const winners = [toHousing, toEnvironment].filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    const winner = winners[0] as Extract<typeof toHousing, { ok: true }>;
    expect([toHousing, toEnvironment].find((r) => !r.ok)).toEqual({ ok: false, reason: "not_allowed", status: "ASSIGNED" });
    const stored = await core.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(stored.departmentId).toBe(winner.case.departmentId);
    expect((await eventsOf(c.id)).map((e) => e.action)).toEqual(["submit", "route"]);
    expect((await outboxOf(c.id)).slice(outboxBefore).map((r) => r.name)).toEqual(["case_routed"]);
  });

  it("redraws the staff cards of a case leaving SUBMITTED only when it has one: overdue before routing, or a card on record", async () => {
    const [plain, overdue, carded, escalatedWithCard] = await Promise.all(Array.from({ length: 4 }, () => submitted()));
    // Overdue while waiting to be routed: the dispatchers were sent a card (case_overdue).
    await core.prisma.case.update({ where: { id: overdue.id }, data: { overdueAt: new Date() } });
    // A card on record with no overdue mark (a due date counted again since, which clears the mark).
    for (const c of [carded, escalatedWithCard]) {
      await core.prisma.staffCard.create({ data: { caseId: c.id, bot: "staff", chatId: 900002n, messageId: 7n, version: BigInt(c.updatedAt.getTime()) } });
    }
    const before = new Map(await Promise.all([plain, overdue, carded, escalatedWithCard].map(async (c) => [c.id, (await outboxOf(c.id)).length] as const)));
    const { service, seen } = countingService();
    // Read first, then judged in the same tick: all four in one statement, each with its own rows.
    const read = await Promise.all([plain, overdue, carded, escalatedWithCard].map((c) => core.prisma.case.findUniqueOrThrow({ where: { id: c.id } })));
    const results = await Promise.all([
      service.route(plain.id, cast.housing.id, [], read[0]),
      service.route(overdue.id, cast.housing.id, [], read[1]),
      service.route(carded.id, cast.environment.id, [], read[2]),
      service.escalate(escalatedWithCard.id, "unsure", [], read[3]),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true]);
    expect(seen.updates).toBeLessThanOrEqual(3);
    const names = async (c: { id: number }) => (await outboxOf(c.id)).slice(before.get(c.id)).map((r) => r.name);
    expect(await names(plain)).toEqual(["case_routed"]);
    expect(await names(overdue)).toEqual(["case_routed", "case_cards"]);
    expect(await names(carded)).toEqual(["case_routed", "case_cards"]);
    expect(await names(escalatedWithCard)).toEqual(["case_escalated", "case_cards"]);
    // The rows each change hands to the queues are its own: in Redis under their ids.
    for (const c of [plain, overdue, carded, escalatedWithCard]) {
      for (const r of (await outboxOf(c.id)).slice(before.get(c.id))) {
        const job = await core.queues.notify.getJob(`ob-${r.id}`);
        expect(job?.data).toMatchObject({ type: r.name, caseId: c.id, outboxId: r.id });
      }
    }
  });
});
