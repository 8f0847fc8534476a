import { renderStaffCard } from "../../src/notifications/cards.js";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Job } from "bullmq";
import { createCore, type Core } from "../../src/core.js";
import { QUEUE_NAMES } from "../../src/queues/definitions.js";
import { scheduleSource, useYearSchedule } from "../../src/clock/calendar.js";
import { createMaintenanceProcessor } from "../../workers/maintenance.js";
import { testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";
import { startFakeBotApi } from "../helpers/fake-bot-api.js";

// Dates below are counted by hand from the State Council's 2026 schedule (no holidays in November
// or December 2026) and, for 2027, from the holidays the 2024 regulations fix (元旦 2027-01-01, a Friday).
let api: Awaited<ReturnType<typeof startFakeBotApi>>;
let core: Core;
let now = new Date("2026-11-02T02:00:00Z");
const endOf = (day: string) => new Date(`${day}T23:59:59.999+08:00`).toISOString();
const sweep = () => createMaintenanceProcessor(core)({ data: { task: "sweep" } } as unknown as Job<{ task: "sweep" }>);

beforeAll(async () => {
  api = await startFakeBotApi();
  core = createCore(testConfig({ TELEGRAM_API_ROOT: api.apiRoot }), { now: () => now });
});
beforeEach(async () => {
  await resetDatabase(core.prisma);
  useYearSchedule(2027, null);
});
afterEach(async () => {
  useYearSchedule(2027, null);
  for (const name of QUEUE_NAMES) await core.queues[name].obliterate({ force: true });
});
afterAll(async () => {
  await core.close();
  await api.stop();
});

async function disclosureCase(key: string, citizenTelegramId = 5678) {
  const citizen = await core.citizens.ensure(citizenTelegramId);
  const housing = await core.prisma.department.findUniqueOrThrow({ where: { code: "housing" } });
  const { case: c } = await core.cases.submit({ submissionKey: key, citizenId: citizen.id, kind: "DISCLOSURE", text: "申请公开某小区规划许可", anonymous: false });
  await core.cases.route(c.id, housing.id);
  const handler = await core.prisma.staffMember.findFirstOrThrow({ where: { role: "HANDLER", departmentId: housing.id } });
  const actor = { kind: "staff" as const, id: handler.id, role: handler.role, departmentId: handler.departmentId, active: true };
  await core.cases.accept(c.id, actor);
  return { c: await core.prisma.case.findUniqueOrThrow({ where: { id: c.id } }), actor };
}

describe("consultations (条例 arts. 32–34)", () => {
  it("art. 32, 33 ¶3: consulting a third party stops the clock; recording its answer restarts it from the next day", async () => {
    now = new Date("2026-11-02T02:00:00Z"); // Monday 10:00
    const { c, actor } = await disclosureCase("consult-answered");
    // 20 working days from Mon 2026-11-02: Nov 3–6 (4), 9–13 (9), 16–20 (14), 23–27 (19), 30 (20).
    expect(c.dueAt.toISOString()).toBe(endOf("2026-11-30"));
    now = new Date("2026-11-09T02:00:00Z"); // Monday 10:00
    const r = await core.cases.consult(c.id, actor, "third_party");
    // Left after Nov 9: Nov 10–13 (4), 16–20 (9), 23–27 (14), 30 (15) → 15 working days.
    // The third party has 15 working days (art. 32): Nov 10–13, 16–20, 23–27, 30 → 2026-11-30.
    // Due, at the latest, 15 working days after that: Dec 1–4 (4), 7–11 (9), 14–18 (14), 21 (15).
    expect(r).toMatchObject({ ok: true, case: { consultationKind: "third_party", consultationRemainingDays: 15, status: "IN_PROGRESS" } });
    const paused = await core.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(paused.consultationEndsAt!.toISOString()).toBe(endOf("2026-11-30"));
    expect(paused.dueAt.toISOString()).toBe(endOf("2026-12-21"));
    expect(await core.cases.consult(c.id, actor, "agency")).toMatchObject({ ok: false, reason: "not_allowed" });
    // The applicant is told, with the new due date.
    const told = await core.prisma.outboxMessage.findFirstOrThrow({ where: { name: "consultation_started" } });
    const msgs = await core.notifier.build({ type: "consultation_started", caseId: c.id, outboxId: told.id });
    expect(msgs.find((m) => m.chatId === 5678n)?.text).toMatch(/征求第三方意见[\s\S]*2026年11月30日[\s\S]*第三十三条第三款[\s\S]*2026年12月21日/);

    now = new Date("2026-11-16T02:00:00Z"); // Monday 10:00: the answer arrives
    const resumed = await core.cases.resumeClock(c.id, { actor });
    // 15 working days after Nov 16: Nov 17–20 (4), 23–27 (9), 30, Dec 1–4 (14), Dec 7 (15).
    expect(resumed).toMatchObject({ ok: true, case: { consultationStartedAt: null, consultationKind: null } });
    expect(resumed.ok && resumed.case.dueAt.toISOString()).toBe(endOf("2026-12-07"));
    const actions = (await core.cases.events(c.id)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["consult", "consultation_answered"]));
    // The alarms are re-planned for the new due date.
    expect(await core.prisma.outboxMessage.count({ where: { name: "deadlines", payload: { path: ["caseId"], equals: c.id } } })).toBeGreaterThanOrEqual(3);
  });

  it("art. 32: with no answer the clock runs again when the 15 working days end; no alarm fires while it stands", async () => {
    now = new Date("2026-11-02T02:00:00Z");
    const { c, actor } = await disclosureCase("consult-ended");
    now = new Date("2026-11-09T02:00:00Z");
    await core.cases.consult(c.id, actor, "agency");
    // While paused the original due moment (end of 2026-11-30) is no longer in force, and no alarm marks the case.
    expect(await core.cases.markDeadline(c.id, new Date(endOf("2026-11-30")).getTime(), "overdue")).toMatchObject({ ok: false });
    now = new Date("2026-11-30T12:00:00Z"); // 20:00 on the last day of the agency's 15 working days (art. 34)
    await sweep();
    expect((await core.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).consultationStartedAt).not.toBeNull();
    now = new Date("2026-12-01T02:00:00Z");
    await sweep();
    const after = await core.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(after.consultationStartedAt).toBeNull();
    // 15 working days after 2026-11-30 (see above): 2026-12-21.
    expect(after.dueAt.toISOString()).toBe(endOf("2026-12-21"));
    const ended = (await core.cases.events(c.id)).find((e) => e.action === "consultation_ended");
    expect(ended).toMatchObject({ actor: "system" });
  });
});

describe("an extension during a consultation (条例 arts. 33 ¶2, ¶3)", () => {
  it("keeps its days when the clock runs again", async () => {
    now = new Date("2026-11-02T02:00:00Z");
    const { c, actor } = await disclosureCase("consult-extended");
    now = new Date("2026-11-09T02:00:00Z");
    await core.cases.consult(c.id, actor, "third_party"); // due at the latest 2026-12-21 (see above), 15 days left
    expect(await core.cases.requestExtension(c.id, actor, 5, "涉及多个年度的档案")).toMatchObject({ ok: true });
    const supervisor = await core.prisma.staffMember.findFirstOrThrow({ where: { role: "SUPERVISOR", departmentId: c.departmentId } });
    const approved = await core.cases.decideExtension(c.id, { kind: "staff", id: supervisor.id, role: supervisor.role, departmentId: supervisor.departmentId, active: true }, true);
    // 5 more after Dec 21: Dec 22–25 (4), 28 (5).
    expect(approved.ok && approved.case.dueAt.toISOString()).toBe(endOf("2026-12-28"));
    expect(approved.ok && approved.case.consultationRemainingDays).toBe(20);
    now = new Date("2026-11-16T02:00:00Z");
    const resumed = await core.cases.resumeClock(c.id, { actor });
    // 20 working days after Nov 16: Nov 17–20 (4), 23–27 (9), Nov 30–Dec 4 (14), Dec 7–11 (19), Dec 14 (20).
    expect(resumed.ok && resumed.case.dueAt.toISOString()).toBe(endOf("2026-12-14"));
  });
});

describe("provisional due dates (years without the official schedule)", () => {
  it("are stored as provisional, shown so, and recounted, re-armed and told when the year is loaded", async () => {
    expect(scheduleSource(2027)).toBe("fallback");
    now = new Date("2026-12-21T02:00:00Z"); // Monday 10:00
    const { c } = await disclosureCase("provisional", 5679);
    // 20 working days: Dec 22–25 (4), 28–31 (8), 2027-01-01 元旦 (statutory), Jan 4–8 (13), 11–15 (18), 18–19 (20).
    expect(c.dueAt.toISOString()).toBe(endOf("2027-01-19"));
    expect(c).toMatchObject({ dueProvisional: true, dueWorkingDays: 20 });
    // A request wholly within 2026 is not provisional.
    now = new Date("2026-11-02T02:00:00Z");
    const { c: firm } = await disclosureCase("firm", 5680);
    expect(firm.dueProvisional).toBe(false);

    const staff = await core.prisma.staffMember.findFirstOrThrow({ where: { role: "HANDLER" } });
    const routed = await core.prisma.outboxMessage.findFirstOrThrow({ where: { name: "case_routed", payload: { path: ["caseId"], equals: c.id } } });
    const msgs = await core.notifier.build({ type: "case_routed", caseId: c.id, outboxId: routed.id });
    expect(msgs.find((m) => m.chatId === 5679n)?.text).toContain("2027年1月19日（暂定：该年度法定节假日调休安排尚未公布，期限可能前后变动几天）");
    // Staff see it on their live card (drawn when delivered, staff-cards.ts).
    expect(msgs.find((m) => m.chatId === staff.telegramId)?.card).toMatchObject({ caseId: c.id });
    const fresh = await core.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(renderStaffCard(core.i18n, "zh-CN", fresh)).toContain("答复期限：2027年1月19日（暂定");

    // A schedule as an administrator loads it (hypothetical: 2027's is not published): a Saturday make-up day, 2027-01-09.
    await core.schedules.importSchedule({ year: 2027, holidays: ["2027-01-01"], workdays: ["2027-01-09"] });
    const before = await core.prisma.outboxMessage.count();
    expect(await core.deadlines.recountProvisional()).toEqual({ changed: 1, confirmed: 0 });
    // Dec 22–25 (4), 28–31 (8), Jan 4–8 (13), Sat Jan 9 (14), Jan 11–15 (19), Jan 18 (20).
    const recounted = await core.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(recounted.dueAt.toISOString()).toBe(endOf("2027-01-18"));
    expect(recounted.dueProvisional).toBe(false);
    const event = (await core.cases.events(c.id)).find((e) => e.action === "due_recounted");
    expect(event?.note).toBe(`${new Date(endOf("2027-01-19")).toISOString()} -> ${new Date(endOf("2027-01-18")).toISOString()}`);
    // Its citizen and handler are told; its alarms are re-planned.
    const rows = await core.prisma.outboxMessage.findMany({ where: { id: { gt: 0 } }, orderBy: { id: "asc" }, skip: before });
    expect(rows.map((r) => r.name).sort()).toEqual(["case_cards", "deadlines", "due_recounted"]);
    const told = await core.notifier.build({ type: "due_recounted", caseId: c.id, outboxId: rows.find((r) => r.name === "due_recounted")!.id });
    expect(told.find((m) => m.chatId === 5679n)?.text).toContain("答复期限重新计算为 2027年1月18日");
    expect(told.some((m) => m.bot === "staff")).toBe(true);
    // Counting again changes nothing more.
    expect(await core.deadlines.recountProvisional()).toEqual({ changed: 0, confirmed: 0 });
  });
});
