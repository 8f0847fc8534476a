import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../helpers/stack.js";
import { consent } from "../helpers/flows.js";
import { addWorkingDays, shanghaiDay } from "../../src/clock/calendar.js";

const HOUSING_HANDLER = 900001;
const HOUSING_SUPERVISOR = 900003;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe("a government information disclosure request", () => {
  it("is taken with its statutory details, corrected once, extended with approval, and answered with its type and remedy", async () => {
    const citizen = stack.citizen(50001, "赵敏");
    const handler = stack.staff(HOUSING_HANDLER);
    const supervisor = stack.staff(HOUSING_SUPERVISOR);
    await consent(citizen);

    await citizen.send("/disclose");
    await citizen.expect(/政府信息公开申请/);
    await citizen.press(await citizen.expect(/个人还是单位/), "个人");
    await citizen.expect(/申请人姓名/);
    await citizen.send("赵敏");
    await citizen.expect(/身份证号码/);
    await citizen.send("110105194912310021");
    await citizen.expect(/身份证号码不正确（校验位不对）/);
    await citizen.send("11010519491231002X");
    await citizen.expect(/联系电话/);
    await citizen.send("13911112222");
    await citizen.expect(/通信地址或电子邮箱/);
    await citizen.send("zhaomin@example.com");
    await citizen.expect(/申请公开的政府信息/);
    await citizen.send("幸福小区老旧小区改造工程的施工合同和物业维修资金使用明细");
    await citizen.press(await citizen.expect(/什么形式/), "电子文本");
    await citizen.press(await citizen.expect(/怎样获取/), "电子邮件");
    const summary = await citizen.expect(/请核对/);
    expect(summary.text).toContain("身份证：110105********002X");
    await citizen.press(summary, "确认提交");
    const receipt = await citizen.expect(/已受理。事项编号/);
    const number = /MS-\d{4}-\d{6}/.exec(receipt.text)![0];

    const c0 = await stack.core.prisma.case.findUniqueOrThrow({ where: { number } });
    expect(c0.kind).toBe("DISCLOSURE");
    expect(shanghaiDay(c0.dueAt)).toBe(addWorkingDays(c0.createdAt, 20));

    // Staff see the statutory details, the identity number masked, and the disclosure buttons.
    const card = await handler.expect(new RegExp(`【政府信息公开申请】${number}`));
    expect(card.text).toContain("身份证 110105********002X");
    expect(card.text).not.toContain("11010519491231002X");
    // Before it is accepted: an extension may be asked already (the limit runs), a 补正 only while it is worked.
    expect(card.buttons.flat().map((b) => b.text)).toEqual(expect.arrayContaining(["签收", "转办", "退回分拨", "申请延期"]));
    await handler.press(card, "签收");
    const accepted = await handler.expectEdit(card.messageId, /状态：办理中/);
    expect(accepted.buttons.flat().map((b) => b.text)).toEqual(expect.arrayContaining(["要求补正", "申请延期"]));

    // 补正: the clock stops, then restarts from the corrected request.
    await handler.press(card, "要求补正");
    await handler.expect(/需要申请人补正的内容/);
    await handler.send("请注明需要哪一年度的维修资金使用明细。");
    await handler.expect(/补正要求已发给申请人/);
    const ask = await citizen.expect(/需要您补正/);
    expect(ask.text).toContain("哪一年度");
    expect((await stack.core.prisma.case.findUniqueOrThrow({ where: { number } })).status).toBe("AWAITING_CORRECTION");
    await citizen.send("需要 2025 年度的维修资金使用明细。");
    await citizen.expect(/已收到您对 .* 的补正。答复期限自今日重新计算/);
    await handler.expect(/申请人已补正/);
    const corrected = await stack.core.prisma.case.findUniqueOrThrow({ where: { number } });
    expect(corrected.status).toBe("IN_PROGRESS");
    expect(shanghaiDay(corrected.dueAt)).toBe(addWorkingDays(new Date(), 20));

    // Extension: asked by the handler, approved by the supervisor, told to the citizen.
    await handler.press(card, "申请延期");
    await handler.expect(/延长多少个工作日/);
    await handler.send("30");
    await handler.expect(/1 到 20 之间的整数/);
    await handler.send("10");
    await handler.expect(/延期理由/);
    await handler.send("涉及多个年度的财务档案，需要调档核对。");
    await handler.expect(/延期申请已提交部门负责人审批/);
    await supervisor.expect(new RegExp(`${number} 申请延期 10 个工作日`));
    // The approve and reject buttons are on the supervisor's card of the case, redrawn with them.
    const supervisorCard = (await supervisor.chat()).find((m) => m.text.startsWith(`【政府信息公开申请】${number}`))!;
    await supervisor.press(supervisorCard, "批准延期");
    await supervisor.expect(/已处理/);
    await citizen.expect(/经批准延长答复期限 10 个工作日/);
    await handler.expect(/延期已获批准/);
    const extended = await stack.core.prisma.case.findUniqueOrThrow({ where: { number } });
    expect(shanghaiDay(extended.dueAt)).toBe(addWorkingDays(corrected.dueAt, 10));
    // Only one extension: the card no longer offers it, and its old button changes nothing.
    const afterExtension = await handler.expectEdit(card.messageId, /答复期限/);
    expect(afterExtension.buttons.flat().map((b) => b.text)).not.toContain("申请延期");
    await handler.pressData(card.messageId, card.buttons.flat().find((b) => b.text === "申请延期")!.data);
    await handler.expect(/这个操作现在不能进行/);

    // The answer states its statutory type and the remedy.
    await handler.press(card, "答复并办结");
    const types = await handler.expect(/请选择 .* 的答复类型/);
    expect(types.buttons.flat()).toHaveLength(12); // 条例 arts. 35, 36(1)–(7), 37, 38, 39 ¶1, 39 ¶2
    await handler.press(types, "部分公开");
    await handler.expect(/请输入给群众的答复/);
    await handler.send("施工合同予以公开，见附件；维修资金明细中涉及个人信息的部分不予公开。");
    await handler.expect(/已办结/);
    const answer = await citizen.expect(/信息公开申请 .* 已答复/);
    expect(answer.text).toContain("答复类型：部分公开");
    // 复议法 art. 23 ¶1 (4), ¶2: the withheld part goes to reconsideration first, and the notice names the body (art. 20 ¶3).
    expect(answer.text).toContain("对其中不予公开的部分不服的，依照《行政复议法》第二十三条第一款第四项，应当先自收到答复之日起 60 日内向本区人民政府申请行政复议");
    expect(answer.text).toContain("对已公开的部分不服的，可以在 60 日内向本区人民政府申请行政复议，也可以在 6 个月内向人民法院提起行政诉讼");
    // 条例 art. 51 instead of a satisfaction rating.
    expect(answer.text).toContain("《政府信息公开条例》第五十一条");
    expect(answer.text).not.toContain("满意");
    // Its one button starts an application for reconsideration of this answer (issue 12).
    const answeredCase = await stack.core.prisma.case.findUniqueOrThrow({ where: { number } });
    expect(answer.buttons).toEqual([[{ text: "申请行政复议", data: `rcs:${answeredCase.id}` }]]);

    const done = await stack.core.prisma.case.findUniqueOrThrow({ where: { number } });
    expect(done).toMatchObject({ status: "CLOSED", replyType: "partly_disclosed", extensionState: "approved", extensionDays: 10 });
    const actions = (await stack.core.cases.events(done.id)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["request_correction", "correction_received", "request_extension", "approve_extension", "answer"]));
  }, 120_000); // a long dialogue with one chat, at Telegram's pace of about one message a second per chat
});
