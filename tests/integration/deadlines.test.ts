import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Job } from "bullmq";
import { createCore, type Core } from "../../src/core.js";
import { QUEUE_NAMES } from "../../src/queues/definitions.js";
import { scheduleSource, useYearSchedule } from "../../src/clock/calendar.js";
import { buildDigest, DIGEST_CASES_PER_MESSAGE } from "../../src/deadlines/digest.js";
import { createMaintenanceProcessor } from "../../workers/maintenance.js";
import { testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";
import { startFakeBotApi } from "../helpers/fake-bot-api.js";

let api: Awaited<ReturnType<typeof startFakeBotApi>>;
let core: Core;
let now = new Date("2026-12-01T02:00:00Z"); // a Tuesday, 10:00 in Shanghai

beforeAll(async () => {
  api = await startFakeBotApi();
  core = createCore(testConfig({ TELEGRAM_API_ROOT: api.apiRoot }), { now: () => now });
});
beforeEach(async () => {
  await resetDatabase(core.prisma);
  useYearSchedule(2031, null);
  api.sent.length = 0;
});
afterEach(async () => {
  for (const name of QUEUE_NAMES) await core.queues[name].obliterate({ force: true });
});
afterAll(async () => {
  await core.close();
  await api.stop();
});

describe("loading a year's official schedule", () => {
  it("refuses a malformed file and says why", async () => {
    await expect(core.schedules.importSchedule({ year: 2031, holidays: ["2030-12-31"] })).rejects.toThrow(/2030-12-31 is not in 2031/);
    await expect(core.schedules.importSchedule({ year: 2031, holidays: ["2031-02-30"] })).rejects.toThrow(/holidays.0: must be a date/);
    await expect(
      core.schedules.importSchedule({ year: 2031, holidays: ["2031-01-01"], workdays: ["2031-01-01"] }),
    ).rejects.toThrow(/listed as a holiday and as a workday/);
    await expect(core.schedules.importSchedule({ year: 2031, holidays: [] })).rejects.toThrow(/a year has holidays/);
  });

  it("stores it, and another process that loads the schedules uses it", async () => {
    expect(scheduleSource(2031)).toBe("fallback");
    const r = await core.schedules.importSchedule({
      year: 2031,
      holidays: [{ day: "2031-01-01", name: "元旦" }, "2031-01-02"],
      workdays: ["2031-01-04"],
    });
    expect(r).toEqual({ year: 2031, holidays: 2, workdays: 1 });
    useYearSchedule(2031, null); // as in a process that has not loaded it yet
    expect(await core.schedules.load()).toContain(2031);
    expect(scheduleSource(2031)).toBe("loaded");
  });
});

describe("supervisors' notices", () => {
  it("tells supervisors once that a year's schedule is unknown", async () => {
    const run = createMaintenanceProcessor(core);
    const job = { data: { task: "calendar-fallback", year: 2031 } } as unknown as Job<{ task: "calendar-fallback"; year: number }>;
    await run(job);
    await run(job);
    // One notify row per supervisor, written once; delivered as the notify worker would.
    const rows = await core.prisma.outboxMessage.findMany({ where: { name: "calendar_fallback" } });
    const supervisors = await core.prisma.staffMember.count({ where: { role: { in: ["SUPERVISOR", "ADMIN"] } } });
    expect(rows).toHaveLength(supervisors);
    for (const row of rows) await core.notifier.deliver({ ...(row.payload as { type: "calendar_fallback" }), outboxId: row.id });
    expect(api.sent.filter((m) => m.text.includes("2031 年"))).toHaveLength(supervisors);
  });

  it("splits a long digest by case, oldest due date first", async () => {
    const housing = await core.prisma.department.findUniqueOrThrow({ where: { code: "housing" } });
    const citizen = await core.citizens.ensure(5);
    const total = DIGEST_CASES_PER_MESSAGE + 5;
    for (let i = 0; i < total; i++) {
      await core.prisma.case.create({
        data: {
          number: `MS-2026-9${String(i).padStart(5, "0")}`,
          submissionKey: `d-${i}`,
          kind: "COMPLAINT",
          status: "ASSIGNED",
          citizenId: citizen.id,
          departmentId: housing.id,
          text: "t",
          dueAt: new Date(now.getTime() - (i + 1) * 86_400_000),
        },
      });
    }
    const supervisor = await core.prisma.staffMember.findFirstOrThrow({ where: { role: "SUPERVISOR", departmentId: housing.id } });
    const messages = await buildDigest(core, supervisor, now);
    expect(messages).toHaveLength(2);
    expect(messages[0].text).toContain("（续 1/2）");
    expect(messages[0].text.split("\n").filter((l) => l.startsWith("⚠"))).toHaveLength(DIGEST_CASES_PER_MESSAGE);
    expect(messages[1].text.split("\n").filter((l) => l.startsWith("⚠"))).toHaveLength(5);
    // Oldest first: the case due 20 days ago leads.
    expect(messages[0].text.split("\n")[2]).toContain(`MS-2026-9${String(total - 1).padStart(5, "0")}`);
    for (const m of messages) expect(m.text.length).toBeLessThan(4096);
    expect(messages[0].keyboard?.inline_keyboard.flat()).toHaveLength(DIGEST_CASES_PER_MESSAGE);
  });
});

describe("the digest of a respondent department (行政复议法 art. 48)", () => {
  it("lists the reconsideration replies it owes that are overdue or due within 3 working days, and none it gave", async () => {
    const housing = await core.prisma.department.findUniqueOrThrow({ where: { code: "housing" } });
    const environment = await core.prisma.department.findUniqueOrThrow({ where: { code: "environment" } });
    const office = await core.prisma.department.findUniqueOrThrow({ where: { code: "reconsideration" } });
    const citizen = await core.citizens.ensure(7);
    // now is Tuesday 2026-12-01: the horizon of 3 working days ends on Friday 2026-12-04.
    const replies: [string, number, { dueAt: string; receivedAt?: string }][] = [
      ["MS-2026-800001", housing.id, { dueAt: "2026-12-03T15:59:59.999Z" }], // due Thursday: soon
      ["MS-2026-800002", housing.id, { dueAt: "2026-11-27T15:59:59.999Z" }], // due last Friday: overdue
      ["MS-2026-800003", housing.id, { dueAt: "2026-11-30T15:59:59.999Z", receivedAt: "2026-11-30T03:00:00Z" }], // given
      ["MS-2026-800004", housing.id, { dueAt: "2026-12-10T15:59:59.999Z" }], // beyond the horizon
      ["MS-2026-800005", environment.id, { dueAt: "2026-12-02T15:59:59.999Z" }], // another respondent
    ];
    for (const [number, respondent, reply] of replies) {
      await core.prisma.case.create({
        data: {
          number,
          submissionKey: number,
          kind: "RECONSIDERATION",
          status: "IN_PROGRESS",
          citizenId: citizen.id,
          departmentId: office.id,
          text: "申请撤销某行政行为",
          dueAt: new Date("2027-01-29T15:59:59.999Z"),
          details: { respondent: { departmentId: respondent, name: "x" }, reply },
        },
      });
    }
    const supervisor = await core.prisma.staffMember.findFirstOrThrow({ where: { role: "SUPERVISOR", departmentId: housing.id } });
    const text = (await buildDigest(core, supervisor, now)).map((m) => m.text).join("\n");
    expect(text).toContain("本部门作为被申请人，有 2 件书面答复逾期或即将到期");
    expect(text).toMatch(/⚠ MS-2026-800002 · 答复已逾期/);
    expect(text).toMatch(/⏰ MS-2026-800001 · 答复 .* 到期/);
    // Overdue first (the earlier due date leads).
    expect(text.indexOf("MS-2026-800002")).toBeLessThan(text.indexOf("MS-2026-800001"));
    for (const absent of ["MS-2026-800003", "MS-2026-800004", "MS-2026-800005"]) expect(text).not.toContain(absent);
    expect(text).not.toContain("没有逾期");
  });
});

describe("alarms", () => {
  it("ignore a due date that is no longer in force", async () => {
    const citizen = await core.citizens.ensure(6);
    const { case: c } = await core.cases.submit({ submissionKey: "alarm", citizenId: citizen.id, kind: "COMPLAINT", text: "物业不管", anonymous: true });
    const oldDue = c.dueAt.getTime();
    await core.prisma.case.update({ where: { id: c.id }, data: { dueAt: new Date(oldDue + 86_400_000) } });
    now = new Date(oldDue + 3_600_000);
    expect(await core.deadlines.overdue(c.id, oldDue)).toBe(false);
    expect((await core.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).overdueAt).toBeNull();
    // Before its (new) time an alarm does nothing either.
    expect(await core.deadlines.overdue(c.id, oldDue + 86_400_000)).toBe(false);
    now = new Date(oldDue + 2 * 86_400_000);
    expect(await core.deadlines.overdue(c.id, oldDue + 86_400_000)).toBe(true);
    expect(await core.deadlines.overdue(c.id, oldDue + 86_400_000)).toBe(false);
  });
});

describe("disclosure corrections (补正)", () => {
  async function disclosureCase(key: string) {
    const citizen = await core.citizens.ensure(4321);
    const housing = await core.prisma.department.findUniqueOrThrow({ where: { code: "housing" } });
    const { case: c } = await core.cases.submit({ submissionKey: key, citizenId: citizen.id, kind: "DISCLOSURE", text: "申请公开某文件", anonymous: false });
    await core.prisma.case.update({ where: { id: c.id }, data: { status: "IN_PROGRESS", departmentId: housing.id } });
    const handler = await core.prisma.staffMember.findFirstOrThrow({ where: { role: "HANDLER", departmentId: housing.id } });
    return { c, actor: { kind: "staff" as const, id: handler.id, role: handler.role, departmentId: handler.departmentId, active: true } };
  }

  it("may be asked only within 7 working days of receipt", async () => {
    now = new Date("2026-12-01T02:00:00Z");
    const { c, actor } = await disclosureCase("cor-window");
    now = new Date("2026-12-11T02:00:00Z"); // 8 working days later
    expect(await core.cases.requestCorrection(c.id, actor, "请补充文号")).toMatchObject({ ok: false, reason: "not_allowed" });
    now = new Date("2026-12-09T02:00:00Z"); // 6 working days later
    expect(await core.cases.requestCorrection(c.id, actor, "请补充文号")).toMatchObject({ ok: true, case: { status: "AWAITING_CORRECTION" } });
  });

  it("art. 30: a 补正 period that passed is put to the handler, and only the handler's confirmation closes the request", async () => {
    now = new Date("2026-12-01T02:00:00Z"); // Tuesday 10:00 Shanghai
    const { c, actor } = await disclosureCase("cor-expire");
    const asked = await core.cases.requestCorrection(c.id, actor, "请补充文号");
    // CORRECTION_TIMEOUT_WORKING_DAYS = 15 from Tue 2026-12-01, counted by hand (no holidays in
    // December 2026): Dec 2–4 (3), 7–11 (8), 14–18 (13), 21–22 (15) → the period ends 2026-12-22.
    expect(asked.ok && asked.case.correctionDueAt?.toISOString()).toBe(new Date("2026-12-22T23:59:59.999+08:00").toISOString());
    const sweep = () => createMaintenanceProcessor(core)({ data: { task: "sweep" } } as unknown as Job<{ task: "sweep" }>);
    const row = () => core.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    now = new Date("2026-12-22T15:00:00Z"); // 23:00 on the last day: still within the period
    await sweep();
    expect((await row()).correctionLapseAskedAt).toBeNull();
    now = new Date("2026-12-23T02:00:00Z");
    await sweep();
    await sweep(); // asked once, not twice
    expect(await row()).toMatchObject({ status: "AWAITING_CORRECTION" });
    expect((await row()).correctionLapseAskedAt).not.toBeNull();
    expect(await core.prisma.outboxMessage.count({ where: { name: "correction_lapse_due" } })).toBe(1);
    // Nothing closes by itself, however long it waits.
    now = new Date("2027-02-15T02:00:00Z");
    await sweep();
    expect((await row()).status).toBe("AWAITING_CORRECTION");
    expect(await core.prisma.outboxMessage.count({ where: { name: "correction_expired" } })).toBe(0);

    // The handler's card asks for the decision, with both buttons.
    const lapse = await core.prisma.outboxMessage.findFirstOrThrow({ where: { name: "correction_lapse_due" } });
    const handler = await core.prisma.staffMember.findUniqueOrThrow({ where: { id: actor.id } });
    const msgs = await core.notifier.build({ type: "correction_lapse_due", caseId: c.id, outboxId: lapse.id });
    const toHandler = msgs.find((m) => m.chatId === handler.telegramId)!;
    expect(toHandler.text).toContain("补正期限（2026年12月22日）已过");
    expect(toHandler.keyboard!.inline_keyboard.flat().map((b) => b.text)).toEqual(["确认视为放弃申请", "有正当理由，延长补正期限"]);

    expect(await core.cases.expireCorrection(c.id, actor)).toMatchObject({ ok: true, case: { status: "CLOSED" } });
    const events = await core.cases.events(c.id);
    expect(events.find((e) => e.action === "correction_expired")).toMatchObject({ actor: `staff:${actor.id}`, fromStatus: "AWAITING_CORRECTION", toStatus: "CLOSED" });
    const closed = await core.prisma.outboxMessage.findFirstOrThrow({ where: { name: "correction_expired" } });
    await core.notifier.deliver({ type: "correction_expired", caseId: c.id, outboxId: closed.id });
    expect(api.sent.some((m) => m.chatId === 4321 && m.text.includes("视为放弃申请"))).toBe(true);
  });

  it("art. 30: a good reason recorded by the handler gives a new period, shown to the applicant as a date", async () => {
    now = new Date("2026-12-01T02:00:00Z");
    const { c, actor } = await disclosureCase("cor-more-time");
    await core.cases.requestCorrection(c.id, actor, "请补充文号");
    const sweep = () => createMaintenanceProcessor(core)({ data: { task: "sweep" } } as unknown as Job<{ task: "sweep" }>);
    now = new Date("2026-12-23T02:00:00Z"); // Wednesday, the day after the period (see above)
    await sweep();
    // More than 30 working days is refused.
    expect(await core.cases.giveCorrectionTime(c.id, actor, 31, "住院")).toMatchObject({ ok: false, reason: "not_allowed" });
    const more = await core.cases.giveCorrectionTime(c.id, actor, 5, "申请人住院，出院后补正");
    // 5 working days from Wed 2026-12-23: Dec 24, 25, 28, 29, 30 → 2026-12-30.
    expect(more.ok && more.case.correctionDueAt?.toISOString()).toBe(new Date("2026-12-30T23:59:59.999+08:00").toISOString());
    expect(more.ok && more.case.correctionLapseAskedAt).toBeNull();
    expect(await core.cases.expireCorrection(c.id, actor)).toMatchObject({ ok: false, reason: "not_allowed" });
    const note = (await core.cases.events(c.id)).find((e) => e.action === "correction_more_time");
    expect(note?.note).toBe("申请人住院，出院后补正");
    const row = await core.prisma.outboxMessage.findFirstOrThrow({ where: { name: "correction_more_time" } });
    const msgs = await core.notifier.build({ type: "correction_more_time", caseId: c.id, outboxId: row.id });
    expect(msgs.find((m) => m.chatId === 4321n)?.text).toContain("补正期限延至 2026年12月30日");
    // The new period passes: asked again.
    now = new Date("2026-12-31T02:00:00Z");
    await sweep();
    expect(await core.prisma.outboxMessage.count({ where: { name: "correction_lapse_due" } })).toBe(2);
  });
});
