import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Job } from "bullmq";
import { startStack, type Stack } from "../helpers/stack.js";
import { consent, fileUntilSummary, submit } from "../helpers/flows.js";
import { waitUntil } from "../helpers/wait.js";
import { createMaintenanceProcessor } from "../../workers/maintenance.js";
import type { EmulatorUser } from "../../src/telegram/emulator-client.js";

const HOUSING_HANDLER = 900001;
const DISPATCHER = 900002;
const HOUSING_SUPERVISOR = 900003;

// The clock every deadline decision reads; each test sets it (dates counted by hand, Asia/Shanghai).
let now = new Date();
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ now: () => now, env: { REDIS_URL: process.env.TEST_FLUSH_REDIS_URL ?? "redis://127.0.0.1:6379/5" } });
});
afterAll(async () => {
  await stack?.stop();
});

/** Files a complaint and makes sure it reaches the housing bureau (routed by the classifier, or assigned by the dispatcher). */
async function fileToHousing(citizen: EmulatorUser, text: string): Promise<{ number: string; id: number }> {
  await consent(citizen);
  const number = await submit(citizen, await fileUntilSummary(citizen, { text, location: "人民路 1 号 3 号楼" }));
  const c = await waitUntil(async () => {
    const row = await stack.core.prisma.case.findUnique({ where: { number }, include: { department: true } });
    return row && row.status !== "SUBMITTED" ? row : null;
  }, 20_000, "routing");
  if (c.status === "PENDING_DISPATCH") {
    const dispatcher = stack.staff(DISPATCHER);
    await dispatcher.press(await dispatcher.expect(new RegExp(`${number}[\\s\\S]*需要人工分派`)), /^区住房和城乡建设局/);
  } else if (c.department?.code !== "housing") {
    const handlers = await stack.core.prisma.staffMember.findFirstOrThrow({ where: { departmentId: c.departmentId, role: "HANDLER" } });
    await stack.core.cases.transfer(c.id, { kind: "staff", id: handlers.id, role: "HANDLER", departmentId: c.departmentId, active: true }, (await stack.core.prisma.department.findUniqueOrThrow({ where: { code: "housing" } })).id);
  }
  await waitUntil(async () => (await stack.core.prisma.case.findUnique({ where: { number }, include: { department: true } }))?.department?.code === "housing", 15_000, "housing");
  return { number, id: c.id };
}

async function answer(handler: EmulatorUser, number: string, text: string): Promise<void> {
  const card = await handler.expect(new RegExp(`【投诉举报】${number}`));
  await handler.press(card, "签收");
  await handler.expectEdit(card.messageId, /状态：办理中/);
  await handler.press(card, "答复并办结");
  await handler.expect(/请输入给群众的答复/);
  await handler.send(text);
  await handler.expect(/已办结/);
}

describe("complaints on the statutory clock (信访工作条例 arts. 23, 34, 35)", () => {
  it("counts an urgent safety complaint in 24 calendar hours across 国庆, alerts the supervisor at once, and turns it overdue by its job", async () => {
    // Received 2026-09-30 10:00 Shanghai, the eve of the National Day holiday: due 2026-10-01 10:00 (art. 23), not 10-08.
    now = new Date("2026-09-30T10:00:00+08:00");
    const citizen = stack.citizen(70001);
    const supervisor = stack.staff(HOUSING_SUPERVISOR);
    const { number, id } = await fileToHousing(citizen, "3 号楼楼道里的电线裸露在外面，离地面很近，孩子们每天在那里玩。");
    const c = await stack.core.prisma.case.findUniqueOrThrow({ where: { id } });
    expect(c.priority).toBe("URGENT");
    expect(c.dueAt.toISOString()).toBe("2026-10-01T02:00:00.000Z");
    expect(c.dueProvisional).toBe(false);
    const alert = await supervisor.expect(new RegExp(`⚠ 紧急投诉 ${number}`));
    expect(alert.text).toContain("须在 2026年10月1日 10:00 前办结");
    await citizen.expect(new RegExp(`${number}[\\s\\S]*2026年10月1日 10:00`));

    // The overdue alarm is a delayed job for exactly 24 hours later; the clock moves past it and the job is promoted.
    const job = await waitUntil(async () => (await stack.core.queues.deadlines.getJob(`overdue-${id}-${c.dueAt.getTime()}`)) ?? null, 10_000, "overdue job");
    expect(job.opts.delay).toBe(24 * 3_600_000);
    now = new Date("2026-10-01T10:01:00+08:00");
    await job.promote();
    await supervisor.expect(new RegExp(`⚠ ${number} 已超过答复期限（2026年10月1日 10:00）`));
    expect((await stack.core.prisma.case.findUniqueOrThrow({ where: { id } })).overdueAt).not.toBeNull();
  }, 120_000);

  it("extends a complaint with the supervisor's approval and tells the citizen the reason (art. 34)", async () => {
    // Received Friday 2026-11-27: 15 working days → 2026-12-18; 10 more calendar days → 2026-12-28.
    now = new Date("2026-11-27T10:00:00+08:00");
    const citizen = stack.citizen(70002);
    const handler = stack.staff(HOUSING_HANDLER);
    const supervisor = stack.staff(HOUSING_SUPERVISOR);
    const { number, id } = await fileToHousing(citizen, "小区电梯坏了两个星期，物业一直说在等配件，老人上下楼很困难。");
    expect((await stack.core.prisma.case.findUniqueOrThrow({ where: { id } })).dueAt.toISOString()).toBe("2026-12-18T15:59:59.999Z");
    const card = await handler.expect(new RegExp(`【投诉举报】${number}`));
    await handler.press(card, "签收");
    const accepted = await handler.expectEdit(card.messageId, /状态：办理中/);
    await handler.press(accepted, "申请延期");
    await handler.expect(/申请延长多少日？（1 至 30 日/);
    await handler.send("31");
    await handler.expect(/请输入允许范围内的整数天数/);
    await handler.send("10");
    await handler.expect(/请输入延期理由/);
    await handler.send("需等待电梯厂家检测报告");
    await handler.expect(new RegExp(`延期申请已提交部门负责人审批（${number}）`));
    await supervisor.expect(new RegExp(`${number} 申请延期 10 日，理由：需等待电梯厂家检测报告`));
    // The approve and reject buttons are on the supervisor's card of the case, redrawn with them.
    const superCard = await waitUntil(
      async () => (await supervisor.chat()).find((m) => m.text.startsWith(`【投诉举报】${number}`) && m.buttons.flat().some((b) => b.text === "批准延期")) ?? null,
      15_000,
      "the supervisor's card with 批准延期",
    );
    expect(superCard.text).toContain("申请延期 10 日，请批准或不批准（《信访工作条例》第三十四条");
    await supervisor.press(superCard, "批准延期");
    await supervisor.expect(new RegExp(`已处理 ${number} 的延期申请`));
    const told = await citizen.expect(/经负责人批准，办理期限延长 10 日/);
    expect(told.text).toContain("将在 2026年12月28日 前答复您");
    expect(told.text).toContain("延期理由：需等待电梯厂家检测报告");
    const after = await stack.core.prisma.case.findUniqueOrThrow({ where: { id } });
    expect(after).toMatchObject({ extensionState: "approved", extensionDays: 10 });
    expect(after.dueAt.toISOString()).toBe("2026-12-28T15:59:59.999Z");
    const actions = (await stack.core.cases.events(id)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["request_extension", "approve_extension"]));
  }, 120_000);

  it("starts a review (复查) by the supervisor after 不满意, with its own due date; a late 不满意 is refused plainly (art. 35)", async () => {
    now = new Date("2026-11-27T10:00:00+08:00");
    const citizen = stack.citizen(70003);
    const handler = stack.staff(HOUSING_HANDLER);
    const supervisor = stack.staff(HOUSING_SUPERVISOR);
    const { number, id } = await fileToHousing(citizen, "小区地下车库的排水沟堵了一个多月，一下雨车库就有积水，物业不处理。");
    await answer(handler, number, "已责成物业于本周内疏通排水沟。");
    const outcome = await citizen.expect(/已办结。答复如下/);

    // Two days after the answer: 不满意 asks for a review; due 30 days later, 2026-12-29 (asked 11-29).
    now = new Date("2026-11-29T09:00:00+08:00");
    await citizen.press(outcome, "不满意");
    const ack = await citizen.expect(new RegExp(`复查申请。事项 ${number} 已交「区住房和城乡建设局」负责人复查，将在 2026年12月29日 前`));
    expect(ack.text).toContain("《信访工作条例》第三十五条");
    const reviewAlert = await supervisor.expect(new RegExp(`群众对 ${number} 的答复不满意，申请复查。请在 2026年12月29日 前出具复查意见`));
    await handler.expect(new RegExp(`群众对 ${number} 的答复不满意，已申请复查，由部门负责人复查`));
    const reviewed = await stack.core.prisma.case.findUniqueOrThrow({ where: { id } });
    expect(reviewed).toMatchObject({ status: "REOPENED", satisfied: false });
    expect(reviewed.dueAt.toISOString()).toBe("2026-12-29T15:59:59.999Z");
    // The handler cannot take it back: only the supervisor's card has the review buttons.
    expect(reviewAlert.text).toContain("《信访工作条例》第三十五条");
    const superCard = await waitUntil(
      async () => (await supervisor.chat()).find((m) => m.text.startsWith(`【投诉举报】${number}`) && m.buttons.flat().some((b) => b.text === "复查：变更处理意见")) ?? null,
      15_000,
      "the supervisor's card with the review buttons",
    );
    expect(superCard.text).toContain("复查：群众于 2026年11月29日 申请复查，复查期限 2026年12月29日");
    const handlerCard = (await handler.chat()).find((m) => m.text.startsWith(`【投诉举报】${number}`));
    expect(handlerCard?.buttons.flat().map((b) => b.text) ?? []).toEqual([]);

    // The digest lists the review near its due date.
    now = new Date("2026-12-28T08:00:00+08:00");
    await createMaintenanceProcessor(stack.core)({ data: { task: "digest" }, id: "digest" } as unknown as Job<{ task: "digest" }>);
    const digest = await supervisor.expect(/逾期和即将到期的事项/);
    expect(digest.text).toContain(`⏰ ${number} · 复查中 · 2026年12月29日 到期`);

    await supervisor.press(superCard, "复查：变更处理意见");
    await supervisor.expect(new RegExp(`请输入 ${number} 的复查意见`));
    await supervisor.send("经复查，物业疏通不彻底，已责成街道监督物业于 12 月 31 日前更换排水管。");
    await supervisor.expect(new RegExp(`已出具 ${number} 的复查意见并告知群众`));
    const opinion = await citizen.expect(new RegExp(`您对 ${number} 申请的复查已有复查意见：变更处理意见`));
    expect(opinion.text).toContain("更换排水管");
    const decided = await stack.core.prisma.case.findUniqueOrThrow({ where: { id } });
    expect(decided).toMatchObject({ status: "CLOSED", reviewResult: "changed" });
    const events = (await stack.core.cases.events(id)).map((e) => e.action);
    expect(events.slice(-2)).toEqual(["reopen", "review_decided"]);

    // Another answer, rated 不满意 31 days later: refused with the reason, nothing changes.
    now = new Date("2026-11-27T10:00:00+08:00");
    const late = stack.citizen(70004);
    const second = await fileToHousing(late, "小区门口的路灯坏了一个月，晚上出入很不方便，希望尽快修好。");
    await answer(handler, second.number, "已安排维修。");
    const lateOutcome = await late.expect(/已办结。答复如下/);
    now = new Date("2026-12-28T10:00:00+08:00");
    await late.press(lateOutcome, "不满意");
    await late.expect(new RegExp(`事项 ${second.number} 已于 2026年11月27日 答复，超过 30 日，不能再通过这里申请复查`));
    expect(await stack.core.prisma.case.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ status: "CLOSED", satisfied: null });
  }, 180_000);
});
