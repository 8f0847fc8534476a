import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../helpers/stack.js";

// Demo staff seeded for the emulator (prisma/seed-data.ts).
const HOUSING_HANDLER = 900001;
const OPERATOR = 900031;

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe("a 12345 hotline operator (issue 14)", () => {
  it("files a complaint for a caller without Telegram, gets every notice back as a call-back task, and records the caller's answer and rating", { timeout: 180_000 }, async () => {
    const operator = stack.staff(OPERATOR);
    const handler = stack.staff(HOUSING_HANDLER);
    const op = await stack.core.prisma.staffMember.findUniqueOrThrow({ where: { telegramId: BigInt(OPERATOR) } });

    // Only operators file for callers.
    await handler.send("/call");
    await handler.expect(/只供热线话务员使用/);

    await operator.send("/call");
    await operator.press(await operator.expect(/请选择事项类别/), "投诉举报");
    await operator.expect(/来电人姓名/);
    await operator.send("赵桂兰");
    await operator.expect(/来电人手机号码/);
    await operator.send("139 1234");
    await operator.expect(/请填写 11 位手机号码/);
    await operator.send("139 1234 5678");
    await operator.expect(/记录反映的问题/);
    await operator.send("小区楼下的下水道堵塞一个星期了，物业一直不处理，楼道里全是臭水。");
    await operator.expect(/事情发生在哪里/);
    await operator.send("幸福路 8 号幸福小区");
    await operator.press(await operator.expect(/是否要求对承办部门匿名/), "实名");
    const review = await operator.expect(/请向来电人复述并核对/);
    expect(review.text).toContain("来电人：赵桂兰");
    expect(review.text).toContain("电话：13912345678");
    await operator.press(review, "确认提交");
    const filed = await operator.expect(/已登记，事项编号 (MS-\d{4}-\d{6})/);
    const number = /MS-\d{4}-\d{6}/.exec(filed.text)![0];

    // Filed like any other case: the audit trail names the operator; the caller has no chat.
    const c = await stack.core.prisma.case.findUniqueOrThrow({ where: { number }, include: { citizen: true, events: { orderBy: { id: "asc" } } } });
    expect(c.citizen.telegramId).toBeNull();
    expect(c.citizen.channel).toBe("phone");
    expect(c.events[0]).toMatchObject({ action: "submit", actor: `operator:${op.id}` });

    // Routed by the workers: the handler gets the card; the caller's notice becomes the operator's call-back task.
    const card = await handler.expect(new RegExp(number));
    expect(card.text).toContain("赵桂兰，13912345678");
    expect(card.text).toContain("经 12345 热线登记，群众没有 Telegram");
    const routed = await operator.expect(new RegExp(`📞 回电任务 · ${number}[\\s\\S]*致电：赵桂兰 13912345678[\\s\\S]*已交由「区住房和城乡建设局」办理`));
    await operator.send("/callbacks");
    await operator.expect(new RegExp(`待回电的任务：1 件[\\s\\S]*${number} · 赵桂兰 13912345678 · 已交承办部门`));
    await operator.press(routed, "已回电告知");
    await operator.expect(new RegExp(`已记录：已回电告知（${number}）`));
    await operator.send("/callbacks");
    await operator.expect(/没有待回电的任务/);

    await handler.press(card, "签收");
    await handler.expectEdit(card.messageId, /状态：办理中/);
    const accepted = await operator.expect(new RegExp(`📞 回电任务 · ${number}[\\s\\S]*已签收您的事项`));
    await operator.press(accepted, "已回电告知");
    await operator.expect(new RegExp(`已记录：已回电告知（${number}）`));

    // The handler's question comes back as a call-back; the operator records what the caller said.
    await handler.press(card, "询问群众");
    await handler.expect(/请输入要问群众的问题/);
    await handler.send("请问具体是哪一栋楼门口？");
    const question = await operator.expect(new RegExp(`📞 回电任务 · ${number}[\\s\\S]*请问具体是哪一栋楼门口？`));
    await operator.press(question, "记录来电人的回答");
    await operator.expect(new RegExp(`请记录来电人对 ${number} 的回答`));
    await operator.send("3 栋 2 单元门口。");
    await operator.expect(new RegExp(`已把来电人的回答转给承办人（${number}）`));
    const relayed = await handler.expect(new RegExp(`群众对 ${number} 的回复`));
    expect(relayed.text).toContain("3 栋 2 单元门口。");

    // The answer comes back with the rating question; the operator records the caller's verdict.
    await handler.press(card, "答复并办结");
    await handler.expect(/请输入给群众的答复/);
    await handler.send("已责成物业三日内疏通，并安排专人复查。");
    await handler.expect(new RegExp(`${number} 已办结`));
    const answer = await operator.expect(new RegExp(`📞 回电任务 · ${number}[\\s\\S]*已责成物业三日内疏通`));
    expect(answer.buttons.flat().map((b) => b.text)).toEqual(["满意", "不满意", "已回电告知"]);
    await operator.press(answer, "满意");
    await operator.expect(new RegExp(`已记录来电人对 ${number} 的答复“满意”`));

    const after = await stack.core.prisma.case.findUniqueOrThrow({ where: { number }, include: { events: { orderBy: { id: "asc" } } } });
    expect(after.satisfied).toBe(true);
    const byOperator = after.events.filter((e) => e.actor === `operator:${op.id}`).map((e) => e.action);
    expect(byOperator).toEqual(["submit", "called_back", "called_back", "citizen_reply", "rate"]);
    // Nothing meant for the caller was reported as sent: each is kept for the status page, undeliverable by chat.
    const toCaller = await stack.core.prisma.notificationDelivery.findMany({ where: { bot: "status_page", chatId: BigInt(c.citizenId) } });
    expect(toCaller.length).toBeGreaterThanOrEqual(4);
    expect(new Set(toCaller.map((d) => d.outcome))).toEqual(new Set(["no_chat"]));
  });

  it("files a disclosure request for a caller, asking again what the channel's checks refuse (条例 art. 29 identity)", { timeout: 120_000 }, async () => {
    const operator = stack.staff(OPERATOR);
    await operator.send("/call");
    await operator.press(await operator.expect(/请选择事项类别/), "政府信息公开申请");
    await operator.expect(/来电人姓名/);
    await operator.send("钱学文");
    await operator.expect(/来电人手机号码/);
    await operator.send("13700001111");
    await operator.expect(/申请人身份证号码/);
    await operator.send("110105194912310021"); // a wrong check digit
    await operator.expect(/申请人通信地址/);
    await operator.send("幸福路 1 号 3 栋");
    await operator.expect(/申请公开的政府信息/);
    await operator.send("2026 年本区老旧小区改造计划及资金安排");
    await operator.press(await operator.expect(/获取信息的形式/), "电子文本");
    await operator.press(await operator.expect(/获取信息的方式/), "电子邮件");
    // The channel's own check refuses the identity number: only that is asked again.
    await operator.expect(/身份证号码无效[\s\S]*申请人身份证号码/);
    await operator.send("11010519491231002X");
    const review = await operator.expect(/请向来电人复述并核对（政府信息公开申请）/);
    expect(review.text).toContain("身份证号码：11010519491231002X");
    await operator.press(review, "确认提交");
    const filed = await operator.expect(/已登记，事项编号 (MS-\d{4}-\d{6})/);
    const number = /MS-\d{4}-\d{6}/.exec(filed.text)![0];
    const c = await stack.core.prisma.case.findUniqueOrThrow({ where: { number } });
    expect(c.kind).toBe("DISCLOSURE");
    expect(c.contactName).toBe("钱学文");
  });
});
