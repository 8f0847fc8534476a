import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Job } from "bullmq";
import { startStack, type Stack } from "../helpers/stack.js";
import type { BotMessage, EmulatorUser } from "../../src/telegram/emulator-client.js";
import { consent, fileUntilSummary, submit } from "../helpers/flows.js";
import { createMaintenanceProcessor } from "../../workers/maintenance.js";
import { addWorkingDays } from "../../src/clock/calendar.js";
import { waitUntil } from "../helpers/wait.js";

// Demo staff seeded for the emulator (prisma/seed-data.ts).
const HOUSING_HANDLER = 900001;
const DISPATCHER = 900002;
const HOUSING_SUPERVISOR = 900003;
const SECOND_DISPATCHER = 900020;

// The clock every deadline decision reads: real time, moved forward by the overdue test.
let offsetMs = 0;
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ now: () => new Date(Date.now() + offsetMs) });
});
afterAll(async () => {
  await stack?.stop();
});

const labels = (m: BotMessage | undefined) => (m?.buttons ?? []).flat().map((b) => b.text);

async function file(citizen: EmulatorUser, text: string): Promise<string> {
  await consent(citizen);
  return submit(citizen, await fileUntilSummary(citizen, { text, location: "幸福路 12 号" }));
}

describe("live staff cards", () => {
  it("keeps one card in the handler's chat, edited in place through accept → ask → reply → answer", async () => {
    const citizen = stack.citizen(61001);
    const handler = stack.staff(HOUSING_HANDLER);
    const supervisor = stack.staff(HOUSING_SUPERVISOR);
    const number = await file(citizen, "小区楼下的下水道堵塞一个星期了，物业一直不处理，楼道里全是臭水。");
    const card = await handler.expect(new RegExp(`【投诉举报】${number}`));
    const superCard = await supervisor.expect(new RegExp(number));
    // Assigned: the handler may accept, transfer or return it; asking and answering come after accepting.
    expect(card.text).toMatch(/状态：已分派/);
    expect(card.text).toMatch(/待办：「区住房和城乡建设局」签收/);
    // A complaint may be extended too, before its due date (信访工作条例 art. 34).
    expect(labels(card)).toEqual(["签收", "转办", "退回分拨", "申请延期"]);

    await handler.press(card, "签收");
    const accepted = await handler.expectEdit(card.messageId, /状态：办理中/);
    expect(accepted.text).toMatch(/待办：承办人 王建/);
    expect(labels(accepted)).toEqual(["询问群众", "转办", "退回分拨", "申请延期", "答复并办结"]);
    // The supervisor's card follows too (the same rules: a supervisor of the department may work it).
    await supervisor.expectEdit(superCard.messageId, /状态：办理中/);

    await handler.press(card, "询问群众");
    await handler.expect(/请输入要问群众的问题/);
    await handler.send("请问具体是哪一栋楼门口？");
    await handler.expect(/问题已提交，正在发给群众/);
    const asked = await handler.expectEdit(card.messageId, /状态：等待您的回复|待办：等待群众答复/);
    expect(asked.text).toMatch(/待办：等待群众答复/);
    // While the citizen is asked, the handler can only hand the case back to dispatch (or ask for the extension).
    expect(labels(asked)).toEqual(["退回分拨", "申请延期"]);

    await citizen.expect(/承办人员想了解/);
    await citizen.send("3 栋 2 单元门口。");
    // The citizen's reply is an alert (a new message); the card goes back to 办理中.
    await handler.expect(new RegExp(`群众对 ${number} 的回复`));
    expect(labels(await handler.expectEdit(card.messageId, /状态：办理中/))).toEqual(["询问群众", "转办", "退回分拨", "申请延期", "答复并办结"]);

    await handler.press(card, "答复并办结");
    await handler.expect(/请输入给群众的答复/);
    await handler.send("已责成物业三日内疏通，并安排专人复查。");
    await handler.expect(new RegExp(`${number} 已办结`));
    const closed = await handler.expectEdit(card.messageId, /状态：已办结/);
    expect(closed.text).toMatch(/待办：无（已办结）/);
    expect(closed.buttons).toEqual([]);
    expect((await supervisor.expectEdit(superCard.messageId, /状态：已办结/)).buttons).toEqual([]);

    // The whole chat: the one card (final status, no buttons), the handler's own two dialogues, and one alert.
    const chat = await handler.chat();
    expect(chat.map((m) => m.text.split("\n")[0])).toEqual([
      closed.text.split("\n")[0],
      `请输入要问群众的问题（${number}）。发送 /cancel 放弃。`,
      `问题已提交，正在发给群众（${number}）；如未能送达会告诉您。对方回复后会发给您。`,
      expect.stringMatching(new RegExp(`群众对 ${number} 的回复`)),
      expect.stringMatching(new RegExp(`^请输入给群众的答复（${number}），发送后事项即办结。`)),
      `答复已提交，${number} 已办结；正在发给群众，如未能送达会告诉您。`,
    ]);
    // The only buttons left: under the answer's confirmation, proposing the result for the public page (item 31).
    expect(chat.filter((m) => m.buttons.length > 0).map((m) => labels(m))).toEqual([["申请公开办理结果"]]);
    // The supervisor's chat holds the one card and nothing else.
    expect((await supervisor.chat()).filter((m) => m.text.includes(number))).toHaveLength(1);
  });

  it("leaves no buttons on a citizen prompt once it is used, and answers a second press", async () => {
    const citizen = stack.citizen(61002);
    const handler = stack.staff(HOUSING_HANDLER);
    await citizen.send("/start");
    const notice = await citizen.expect(/隐私说明/);
    await citizen.press(notice, "同意并继续");
    await citizen.expect(/已记录您的同意/);
    expect(labels(await citizen.current(notice.messageId))).toEqual([]);

    const summary = await fileUntilSummary(citizen, { text: "小区门口的路灯坏了一个月，晚上很黑，老人摔倒过两次。", location: "人民路 8 号" });
    const number = await submit(citizen, summary);
    expect(labels(await citizen.current(summary.messageId))).toEqual([]);
    // Every form prompt with buttons (photo step, identity, summary) was left without them.
    expect((await citizen.chat()).filter((m) => m.buttons.length > 0)).toEqual([]);

    const card = await handler.expect(new RegExp(number));
    await handler.press(card, "签收");
    await handler.press(card, "答复并办结");
    await handler.expect(/请输入给群众的答复/);
    await handler.send("已联系供电部门，路灯将于本周内修复。");
    // The rating question comes from a worker; once answered it has no buttons left.
    const rating = await citizen.expect(/已办结。答复如下/);
    const satisfied = await citizen.press(rating, "满意");
    await citizen.expect(/感谢您的评价/);
    expect(labels(await citizen.current(rating.messageId))).toEqual([]);
    // A second press from a screen not yet redrawn is answered, and changes nothing.
    await citizen.pressData(rating.messageId, satisfied.data);
    await citizen.expect(/这份答复已经评价过了/);
    expect(await stack.core.prisma.caseEvent.count({ where: { case: { number }, action: "rate" } })).toBe(1);
  });

  it("redraws a dispatcher's card when another dispatcher assigns the case", async () => {
    await stack.core.prisma.staffMember.create({ data: { telegramId: SECOND_DISPATCHER, displayName: "周敏 (分拨)", role: "DISPATCHER" } });
    const citizen = stack.citizen(61003);
    const first = stack.staff(DISPATCHER);
    const second = stack.staff(SECOND_DISPATCHER);
    const number = await file(citizen, "我家附近每天晚上都有人在空地上聚集，不知道该找谁反映。");
    const mine = await first.expect(new RegExp(`${number}[\\s\\S]*需要人工分派`));
    const theirs = await second.expect(new RegExp(`${number}[\\s\\S]*需要人工分派`));
    expect(mine.text).toMatch(/待办：分拨员分派/);
    expect(labels(mine).some((l) => l.startsWith("区生态环境分局"))).toBe(true);

    await second.press(theirs, /^区生态环境分局/);
    await second.expect(new RegExp(`已将 ${number} 分派给「区生态环境分局」`));
    // The first dispatcher's card now says where it went, with nothing left to press; no new message.
    const redrawn = await first.expectEdit(mine.messageId, /状态：已分派/);
    expect(redrawn.text).toMatch(/待办：「区生态环境分局」签收/);
    expect(redrawn.buttons).toEqual([]);
    expect(redrawn.text).not.toMatch(/需要人工分派/);
    expect((await first.chat()).filter((m) => m.text.includes(number))).toHaveLength(1);
    expect((await second.expectEdit(theirs.messageId, /状态：已分派/)).buttons).toEqual([]);
  });

  it("redraws the cards when a deadline worker marks the case overdue, alerting only the supervisor", async () => {
    const citizen = stack.citizen(61004);
    const handler = stack.staff(HOUSING_HANDLER);
    const supervisor = stack.staff(HOUSING_SUPERVISOR);
    const number = await file(citizen, "小区电梯坏了两个星期，物业一直不修，物业费照收，老人上下楼很困难。");
    const card = await handler.expect(new RegExp(number));
    const superCard = await supervisor.expect(new RegExp(number));
    const c = await stack.core.prisma.case.findUniqueOrThrow({ where: { number } });

    // The next working day after the due day, 10:00 Beijing time: the case is overdue.
    offsetMs = new Date(`${addWorkingDays(c.dueAt, 1)}T10:00:00+08:00`).getTime() - Date.now();
    await createMaintenanceProcessor(stack.core)({ data: { task: "sweep" }, id: "sweep" } as unknown as Job<{ task: "sweep" }>);
    await supervisor.expect(new RegExp(`⚠ ${number} 已超过答复期限`));
    const handlerCard = await handler.expectEdit(card.messageId, /⚠ 已超过答复期限/);
    expect(labels(handlerCard)).toEqual(["签收", "转办", "退回分拨"]);
    await supervisor.expectEdit(superCard.messageId, /⚠ 已超过答复期限/);
    // The handler got no new message about it: the card says it.
    expect((await handler.chat()).filter((m) => m.text.includes(number))).toHaveLength(1);
    offsetMs = 0;
  });

  it("sends a fresh card, and remembers it, when Telegram no longer has the old one", async () => {
    const citizen = stack.citizen(61005);
    const handler = stack.staff(HOUSING_HANDLER);
    const number = await file(citizen, "楼上住户长期在楼道里堆放杂物，堵住了消防通道，物业不管。");
    const card = await handler.expect(new RegExp(number));
    const accept = card.buttons.flat().find((b) => b.text === "签收")!;
    // The handler deleted the card (Telegram answers "message to edit not found" from now on).
    expect(stack.emulator.deleteMessage(HOUSING_HANDLER, card.messageId)).toBe(true);
    await handler.pressData(card.messageId, accept.data);
    const fresh = await handler.expect(new RegExp(`${number}[\\s\\S]*状态：办理中`));
    expect(fresh.messageId).not.toBe(card.messageId);
    const c = await stack.core.prisma.case.findUniqueOrThrow({ where: { number } });
    await waitUntil(async () => {
      const row = await stack.core.prisma.staffCard.findUnique({ where: { caseId_bot_chatId: { caseId: c.id, bot: "staff", chatId: BigInt(HOUSING_HANDLER) } } });
      return row?.messageId === BigInt(fresh.messageId);
    }, 10_000, "the fresh card remembered");
    // The next change edits the fresh card.
    await handler.press(fresh, "答复并办结");
    await handler.expect(/请输入给群众的答复/);
    await handler.send("已通知物业限期清理楼道杂物。");
    expect((await handler.expectEdit(fresh.messageId, /状态：已办结/)).buttons).toEqual([]);
  });
});
