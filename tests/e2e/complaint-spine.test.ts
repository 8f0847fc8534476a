import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../helpers/stack.js";
import type { BotMessage, EmulatorUser } from "../../src/telegram/emulator-client.js";
import { consent as onboard, fileUntilSummary, submit as confirm } from "../helpers/flows.js";

// Demo staff seeded for the emulator (prisma/seed-data.ts).
const HOUSING_HANDLER = 900001;
const DISPATCHER = 900002;
const HOUSING_SUPERVISOR = 900003;
const ENVIRONMENT_HANDLER = 900004;

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});


/** Confirms and checks the receipt promises an answer date. */
async function submit(citizen: EmulatorUser, summary: BotMessage): Promise<string> {
  const number = await confirm(citizen, summary);
  const receipt = citizen.received.find((m) => m.text.includes(number))!;
  expect(receipt.text).toMatch(/我们将在 \d{4}年\d{1,2}月\d{1,2}日 前答复您/);
  return number;
}

describe("a complaint from the citizen's chat to the handler and back", () => {
  it("files, routes, accepts, asks, relays the answer, closes and is rated", async () => {
    const citizen = stack.citizen(10001, "刘明");
    const handler = stack.staff(HOUSING_HANDLER);
    const supervisor = stack.staff(HOUSING_SUPERVISOR);
    await onboard(citizen);

    const summary = await fileUntilSummary(citizen, {
      text: "小区楼下的下水道堵塞一个星期了，物业一直不处理，楼道里全是臭水。",
      location: "幸福路 12 号幸福小区东门",
      named: { name: "刘明", phone: "138 0013 8000" },
    });
    expect(summary.text).toContain("实名（刘明，13800138000）");
    const number = await submit(citizen, summary);

    // Routed by the workers: the citizen hears where it went, the department's staff get the card.
    await citizen.expect(new RegExp(`${number} 已交由「区住房和城乡建设局」办理`));
    const card = await handler.expect(new RegExp(number));
    expect(card.text).toContain("刘明，13800138000");
    expect(card.text).toContain("幸福路 12 号");
    expect(card.text).not.toContain("10001"); // never the citizen's Telegram identity
    // Only what the rules table lets this handler do now (an assigned case is accepted before it is worked).
    expect(card.buttons.flat().map((b) => b.text)).toEqual(["签收", "转办", "退回分拨", "申请延期"]);
    await supervisor.expect(new RegExp(number));

    await handler.press(card, "签收");
    await handler.expectEdit(card.messageId, /状态：办理中/);
    await citizen.expect(/已签收您的事项/);

    await handler.press(card, "询问群众");
    await handler.expect(/请输入要问群众的问题/);
    await handler.send("请问具体是哪一栋楼门口？");
    await handler.expect(/问题已提交，正在发给群众/);

    const question = await citizen.expect(/承办人员想了解/);
    expect(question.text).toContain("请问具体是哪一栋楼门口？");
    expect(question.text).not.toMatch(/王建|900001/); // nor the handler's
    await citizen.send("3 栋 2 单元门口。");
    await citizen.expect(new RegExp(`已收到您对 ${number} 的回复`));
    const relayed = await handler.expect(new RegExp(`群众对 ${number} 的回复`));
    expect(relayed.text).toContain("3 栋 2 单元门口。");

    await handler.press(card, "答复并办结");
    await handler.expect(/请输入给群众的答复/);
    await handler.send("已责成物业三日内疏通，并安排专人复查。");
    await handler.expect(new RegExp(`${number} 已办结`));

    const outcome = await citizen.expect(/已办结。答复如下/);
    expect(outcome.text).toContain("已责成物业三日内疏通");
    await citizen.press(outcome, "满意");
    await citizen.expect(/感谢您的评价/);
    await handler.expect(new RegExp(`群众对 ${number} 的答复表示满意`));

    const c = await stack.core.prisma.case.findUniqueOrThrow({ where: { number } });
    expect(c.status).toBe("CLOSED");
    expect(c.satisfied).toBe(true);
    const events = await stack.core.cases.events(c.id);
    expect(events.map((e) => e.action)).toEqual(["submit", "classify", "route", "accept", "ask", "citizen_reply", "answer", "rate"]);
    const messages = await stack.core.prisma.caseMessage.findMany({ where: { caseId: c.id }, orderBy: { id: "asc" } });
    expect(messages.map((m) => m.direction)).toEqual(["TO_CITIZEN", "FROM_CITIZEN", "TO_CITIZEN"]);

    // /mycases and /status show the citizen's own case.
    await citizen.send("/mycases");
    await citizen.expect(new RegExp(`${number} · 已办结`));
    await citizen.send(`/status ${number.toLowerCase()}`);
    await citizen.expect(/状态：已办结/);
  });

  it("refuses another department's handler, forged and stale buttons, changing nothing", async () => {
    const citizen = stack.citizen(10002);
    const handler = stack.staff(HOUSING_HANDLER);
    const outsider = stack.staff(ENVIRONMENT_HANDLER);
    await onboard(citizen);
    const number = await submit(
      citizen,
      await fileUntilSummary(citizen, { text: "小区物业私自占用消防通道搞装修，多次反映无果。", location: "和平街 3 号" }),
    );
    const card = await handler.expect(new RegExp(number));
    const c = await stack.core.prisma.case.findUniqueOrThrow({ where: { number } });
    const eventsBefore = await stack.core.prisma.caseEvent.count({ where: { caseId: c.id } });

    // The environment bureau's handler replays the housing card's buttons.
    for (const data of card.buttons.flat().map((b) => b.data)) {
      await outsider.pressData(card.messageId, data);
      await outsider.expect(/您无权处理这个事项/);
    }
    await outsider.pressData(1, "s:acc:999999");
    await outsider.expect(/找不到这个事项/);
    await outsider.pressData(1, "s:zzz:1");
    await outsider.expect(/这个按钮已失效/);
    // Someone who is not staff at all.
    const stranger = stack.staff(55555);
    await stranger.pressData(card.messageId, `s:acc:${c.id}`);
    await stranger.send("hello");
    await stranger.expect(/工作人员机器人/);

    const after = await stack.core.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(after.status).toBe("ASSIGNED");
    expect(after.handlerId).toBeNull();
    expect(await stack.core.prisma.caseEvent.count({ where: { caseId: c.id } })).toBe(eventsBefore);

    // A stale button: accepting twice moves the case once (the second press is from a screen not yet redrawn).
    const accept = await handler.press(card, "签收");
    await handler.expectEdit(card.messageId, /状态：办理中/);
    await handler.pressData(card.messageId, accept.data);
    await handler.expect(/这个操作现在不能进行：.*办理中/);
    const accepts = await stack.core.prisma.caseEvent.count({ where: { caseId: c.id, action: "accept" } });
    expect(accepts).toBe(1);
  });

  it("keeps an anonymous complainant hidden, and a dissatisfied citizen reopens the case to the supervisor", async () => {
    const citizen = stack.citizen(10003);
    const handler = stack.staff(HOUSING_HANDLER);
    const supervisor = stack.staff(HOUSING_SUPERVISOR);
    await onboard(citizen);
    const summary = await fileUntilSummary(citizen, {
      text: "开发商交房两年了还办不下房产证，小区业主多次找过都没有结果。",
      location: "新城区锦绣花园",
      photos: ["photo-file-1", "photo-file-2"],
    });
    expect(summary.text).toContain("附件（照片、文件）：2 个");
    const number = await submit(citizen, summary);
    const card = await handler.expect(new RegExp(number));
    expect(card.text).toContain("匿名（不显示身份信息）");
    expect(card.text).toContain("附件（照片、文件）：2 个");
    const c = await stack.core.prisma.case.findUniqueOrThrow({ where: { number } });
    // The citizen bot's own file ids, and the two photos kept with the case (tests/e2e/media.test.ts follows them to staff).
    expect(c.attachments).toHaveLength(2);
    expect(await stack.core.prisma.mediaFile.count({ where: { caseId: c.id } })).toBe(2);
    expect(c.contactName).toBeNull();
    expect(c.contactPhone).toBeNull();
    await supervisor.expect(new RegExp(number));

    await handler.press(card, "签收");
    await handler.expectEdit(card.messageId, /状态：办理中/);
    await handler.press(card, "答复并办结");
    await handler.expect(/请输入给群众的答复/);
    await handler.send("已约谈开发商，房产证将于下月统一办理。");
    await handler.expect(/已办结/);
    const outcome = await citizen.expect(/已办结。答复如下/);
    const unsatisfied = await citizen.press(outcome, "不满意");
    await citizen.expect(new RegExp(`复查申请。事项 ${number} 已交「区住房和城乡建设局」负责人复查`));
    await supervisor.expect(new RegExp(`群众对 ${number} 的答复不满意`));
    await handler.expect(new RegExp(`群众对 ${number} 的答复不满意`));
    // The rating prompt has lost its buttons; a second press from a screen not yet redrawn does nothing and says so.
    expect((await citizen.current(outcome.messageId))?.buttons).toEqual([]);
    await citizen.pressData(outcome.messageId, unsatisfied.data.replace(":n:", ":y:"));
    await citizen.expect(/已经评价过了/);
    const after = await stack.core.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(after.status).toBe("REOPENED");
    expect(after.satisfied).toBe(false);
  });

  it("sends an unclear case to the dispatcher, who assigns it", async () => {
    const citizen = stack.citizen(10004);
    const dispatcher = stack.staff(DISPATCHER);
    const envHandler = stack.staff(ENVIRONMENT_HANDLER);
    await onboard(citizen);
    const number = await submit(
      citizen,
      await fileUntilSummary(citizen, { text: "我家附近每天晚上都有人在空地上聚集，不知道该找谁反映。", location: "东风路口" }),
    );
    const card = await dispatcher.expect(new RegExp(`${number}[\\s\\S]*需要人工分派`));
    const pressed = await dispatcher.press(card, /^区生态环境分局/);
    await dispatcher.expect(new RegExp(`已将 ${number} 分派给「区生态环境分局」`));
    // The card is redrawn: assigned, with the department buttons gone.
    expect(await dispatcher.expectEdit(card.messageId, /状态：已分派/)).toMatchObject({ buttons: [] });
    await envHandler.expect(new RegExp(number));
    await citizen.expect(new RegExp(`${number} 已分派给「区生态环境分局」办理`));
    // The same assignment pressed again (from a screen not yet redrawn) changes nothing.
    await dispatcher.pressData(card.messageId, pressed.data);
    await dispatcher.expect(/这个操作现在不能进行/);
    const c = await stack.core.prisma.case.findUniqueOrThrow({ where: { number }, include: { department: true } });
    expect(c.status).toBe("ASSIGNED");
    expect(c.department?.code).toBe("environment");
  });

  it("lets a handler transfer a case to another department, which learns from it", async () => {
    const citizen = stack.citizen(10005);
    const handler = stack.staff(HOUSING_HANDLER);
    const envHandler = stack.staff(ENVIRONMENT_HANDLER);
    await onboard(citizen);
    const number = await submit(
      citizen,
      await fileUntilSummary(citizen, { text: "小区物业把楼道里的装修垃圾堆了一个月不清运，业主多次反映没人管。", location: "滨河小区" }),
    );
    const card = await handler.expect(new RegExp(number));
    await citizen.expect(new RegExp(`${number} 已交由「区住房和城乡建设局」办理`));
    await handler.press(card, "转办");
    const picker = await handler.expect(new RegExp(`要把 ${number} 转给哪个部门办理`));
    expect(picker.buttons.flat().map((b) => b.text)).not.toContain("区住房和城乡建设局");
    await handler.press(picker, "区生态环境分局");
    await handler.expect(new RegExp(`已将 ${number} 转交「区生态环境分局」办理`));
    await envHandler.expect(new RegExp(number));
    await citizen.expect(new RegExp(`${number} 已转由「区生态环境分局」办理`));

    const c = await stack.core.prisma.case.findUniqueOrThrow({ where: { number }, include: { department: true } });
    expect(c.department?.code).toBe("environment");
    expect(await stack.core.prisma.caseLabel.findMany({ where: { caseId: c.id } })).toMatchObject([
      { departmentCode: "environment", source: "transfer" },
    ]);
    // The housing card is redrawn without buttons (the case is another department's now); its old button changes nothing.
    expect(await handler.expectEdit(card.messageId, /区生态环境分局/)).toMatchObject({ buttons: [] });
    await handler.pressData(card.messageId, card.buttons.flat().find((b) => b.text === "签收")!.data);
    await handler.expect(/您无权处理这个事项/);
  });

  // Two citizens' whole conversations and the handler's, each chat at Telegram's pace: ~22 s of 30 on a quiet
  // machine, over 30 under a CI machine's load once; its own minute.
  it("links a repeat of an open complaint (并单) and answers both complainants together", { timeout: 60_000 }, async () => {
    const first = stack.citizen(10006);
    const second = stack.citizen(10007);
    const handler = stack.staff(HOUSING_HANDLER);
    await onboard(first);
    const a = await submit(
      first,
      await fileUntilSummary(first, { text: "幸福小区3栋楼下的下水道堵塞一个星期了，物业一直不处理，污水流到路上。", location: "幸福路12号幸福小区" }),
    );
    const cardA = await handler.expect(new RegExp(`【投诉举报】${a}`));
    await onboard(second);
    const b = await submit(
      second,
      await fileUntilSummary(second, { text: "幸福小区3栋楼下下水道堵塞快一个星期了，物业不处理，污水都流到路上了！", location: "幸福路 12 号幸福小区" }),
    );
    await second.expect(new RegExp(`（${b}）与正在办理的事项 ${a} 相同，已并案办理`));
    await handler.expect(new RegExp(`并单：${b} 与 ${a} 反映同一问题`));
    const linked = await stack.core.prisma.case.findUniqueOrThrow({ where: { number: b } });
    const master = await stack.core.prisma.case.findUniqueOrThrow({ where: { number: a } });
    expect(linked.linkedToId).toBe(master.id);

    await handler.press(cardA, "签收");
    await handler.expectEdit(cardA.messageId, /状态：办理中/);
    await handler.press(cardA, "答复并办结");
    await handler.expect(/请输入给群众的答复/);
    await handler.send("已安排市政疏通3栋下水道，并约谈物业限期整改。");
    await handler.expect(new RegExp(`${a} 已办结`));
    for (const [citizen, number] of [[first, a], [second, b]] as const) {
      const outcome = await citizen.expect(new RegExp(`您的事项 ${number} 已办结`));
      expect(outcome.text).toContain("已安排市政疏通3栋下水道");
    }
    expect(await stack.core.prisma.case.findUniqueOrThrow({ where: { number: b } })).toMatchObject({ status: "CLOSED" });
  });
});
