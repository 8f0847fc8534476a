import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Job } from "bullmq";
import { startStack, type Stack } from "../helpers/stack.js";
import { consent } from "../helpers/flows.js";
import { createDeadlinesProcessor } from "../../workers/deadlines.js";
import { shanghaiDay } from "../../src/clock/calendar.js";
import { waitFor } from "../helpers/wait.js";
import type { EmulatorUser } from "../../src/telegram/emulator-client.js";

const HOUSING_HANDLER = 900001;
const HOUSING_SUPERVISOR = 900003;
const ENVIRONMENT_HANDLER = 900004;

let now = new Date();
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ now: () => now });
});
afterAll(async () => {
  await stack?.stop();
});

/** Files a mediation application and returns its number. */
async function apply(citizen: EmulatorUser, a: { type: string; facts: string; people: string }): Promise<string> {
  await consent(citizen);
  await citizen.send("/mediate");
  await citizen.expect(/调解遵循自愿原则/);
  await citizen.expect(/请输入您的姓名/);
  await citizen.send("孙丽");
  await citizen.expect(/手机号码/);
  await citizen.send("13700001111");
  await citizen.expect(/对方当事人的姓名/);
  await citizen.send("楼上住户钱先生");
  await citizen.expect(/怎样联系对方/);
  await citizen.send("13800002222");
  await citizen.press(await citizen.expect(/纠纷属于哪一类/), a.type);
  await citizen.expect(/事实经过/);
  await citizen.send(a.facts);
  await citizen.expect(/希望达成什么结果/);
  await citizen.send("赔偿维修费用 8000 元");
  await citizen.expect(/涉及多少人/);
  await citizen.send("很多");
  await citizen.expect(/请输入 1 到 100000 之间的整数/);
  await citizen.send(a.people);
  const summary = await citizen.expect(/请核对/);
  expect(summary.text).toContain("调解申请");
  await citizen.press(summary, "确认提交");
  return /MS-\d{4}-\d{6}/.exec((await citizen.expect(/已受理。事项编号/)).text)![0];
}

// Long dialogues with one chat, at Telegram's pace of about one message a second per chat.
describe("a mediation application", { timeout: 120_000 }, () => {
  it("is accepted by the other party through the bot link, ends in an agreement, and is followed up", async () => {
    const applicant = stack.citizen(60001, "孙丽");
    const other = stack.citizen(60002, "钱先生");
    const handler = stack.staff(HOUSING_HANDLER);
    const number = await apply(applicant, {
      type: "邻里纠纷",
      facts: "楼上住户装修时水管漏水，把我家天花板和墙面泡坏了，物业协调多次，赔偿谈不拢。",
      people: "2",
    });
    const c0 = await stack.core.prisma.case.findUniqueOrThrow({ where: { number } });
    expect(c0.kind).toBe("MEDIATION");
    // 30 calendar days.
    expect(shanghaiDay(c0.dueAt)).toBe(new Date(Date.parse(`${shanghaiDay(c0.createdAt)}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10));

    const card = await handler.expect(new RegExp(`【调解申请】${number}`));
    expect(card.text).toContain("对方当事人：楼上住户钱先生（13800002222）");
    expect(card.text).toContain("对方意愿：尚未答复");
    await handler.press(card, "签收");
    await handler.expectEdit(card.messageId, /状态：办理中/);
    await handler.press(card, "邀请对方");
    const invite = await handler.expect(/请把这个链接发给对方当事人/);
    const token = /start=m_([\w-]+)/.exec(invite.text)![1];

    // The other party opens the link: the dispute, never the applicant's phone.
    await other.send(`/start m_${token}`);
    const invitation = await other.expect(/是否同意参加调解/);
    expect(invitation.text).toContain("赔偿维修费用 8000 元");
    expect(invitation.text).not.toContain("13700001111");
    await other.press(invitation, "同意调解");
    await other.expect(/感谢您同意参加调解/);
    await applicant.expect(/对方当事人已同意参加/);
    await handler.expect(/对方当事人已同意参加/);
    // The link works once.
    await other.send(`/start m_${token}`);
    await other.expect(/已失效或已经答复过了/);

    await handler.press(card, "记录调解结果");
    await handler.press(await handler.expect(/调解结果是/), "达成协议");
    await handler.expect(/请输入调解协议的内容/);
    await handler.send("钱先生于 12 月 31 日前一次性支付维修费 6000 元，孙丽放弃其他请求。");
    await handler.expect(/已记录 .* 的调解结果/);
    for (const party of [applicant, other]) {
      const agreement = await party.expect(/调解成功，双方达成调解协议/);
      expect(agreement.text).toContain("6000 元");
      expect(agreement.text).toContain("30 日内，双方可以共同向人民法院申请司法确认");
    }
    const closed = await stack.core.prisma.case.findUniqueOrThrow({ where: { number } });
    expect(closed).toMatchObject({ status: "CLOSED", outcome: "agreement" });

    // 30 days later the applicant is asked whether it was carried out.
    now = new Date(closed.closedAt!.getTime() + 31 * 86_400_000);
    await createDeadlinesProcessor(stack.core)({ data: { task: "followup", caseId: closed.id } } as unknown as Job<{ task: "followup"; caseId: number }>);
    const followup = await applicant.expect(/调解协议履行了吗/);
    await applicant.press(followup, "未履行");
    await applicant.expect(/感谢您的反馈/);
    await handler.expect(new RegExp(`${number} 的调解协议未履行`));
    now = new Date();
  });

  it("ends when the other party declines, with advice on other channels", async () => {
    const applicant = stack.citizen(60003, "孙丽");
    const handler = stack.staff(HOUSING_HANDLER);
    const number = await apply(applicant, {
      type: "土地房产",
      facts: "开发商交房后小区车位被物业强行收回，业主和物业协商不成。",
      people: "3",
    });
    const card = await handler.expect(new RegExp(`【调解申请】${number}`));
    await handler.press(card, "记录：对方拒绝");
    await handler.expect(/已记录对方的意愿/);
    const ended = await applicant.expect(/对方当事人不同意调解/);
    expect(ended.text).toContain("向人民法院起诉");
    expect(await stack.core.prisma.case.findUniqueOrThrow({ where: { number } })).toMatchObject({ status: "CLOSED", outcome: "declined" });
    // Nothing more to record: the card has no buttons left, and an old press changes nothing.
    expect((await handler.expectEdit(card.messageId, /状态：已办结/)).buttons).toEqual([]);
    await handler.pressData(card.messageId, card.buttons.flat().find((b) => b.text === "记录调解结果")!.data);
    await handler.expect(/这个操作现在不能进行/);
  });

  it("flags environmental-pollution and many-people disputes so the supervisor is told at once", async () => {
    const applicant = stack.citizen(60004, "周伟");
    const number = await apply(applicant, {
      type: "环境污染",
      facts: "村边工厂排放废水污染了我们的鱼塘，鱼大量死亡，和厂方协商赔偿没有结果。",
      people: "40",
    });
    // Where the card goes depends on routing, which happens after filing: read the case once routed.
    const routed = async () => (await stack.core.prisma.case.findUniqueOrThrow({ where: { number } })).status !== "SUBMITTED";
    await waitFor("the mediation application to be routed", routed);
    const c = await stack.core.prisma.case.findUniqueOrThrow({ where: { number }, include: { department: true } });
    expect((c.details as { proactive: boolean }).proactive).toBe(true);
    const staffId = c.department?.code === "environment" ? ENVIRONMENT_HANDLER : c.department ? HOUSING_SUPERVISOR : 900002;
    const recipient = stack.staff(staffId);
    const card = await recipient.expect(new RegExp(number));
    expect(card.text).toContain("⚑ 重点纠纷：需主动介入");
  });
});
