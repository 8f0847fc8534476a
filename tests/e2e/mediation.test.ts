import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../helpers/stack.js";
import { consent, mediationUntilPeople } from "../helpers/flows.js";
import { shanghaiDay } from "../../src/clock/calendar.js";
import { waitFor, waitUntil } from "../helpers/wait.js";
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
  await mediationUntilPeople(citizen, a);
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
  it("is accepted by the other party through the bot link, ends in an agreement both confirm, with the judicial-confirmation reminder and a follow-up of both", async () => {
    // 2026-11-02 11:00 Shanghai throughout the mediation (dates below counted by hand).
    now = new Date("2026-11-02T11:00:00+08:00");
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
    // 30 calendar days from 2026-11-02: 2026-12-02.
    expect(shanghaiDay(c0.dueAt)).toBe("2026-12-02");

    const card = await handler.expect(new RegExp(`【调解申请】${number}`));
    expect(card.text).toContain("对方当事人：楼上住户钱先生（13800002222）");
    expect(card.text).toContain("对方意愿：尚未答复");
    await handler.press(card, "签收");
    await handler.expectEdit(card.messageId, /状态：办理中/);
    await handler.press(card, "邀请对方");
    const invite = await handler.expect(/请把这个链接发给对方当事人/);
    const token = /start=m_([\w-]+)/.exec(invite.text)![1];

    // The applicant cannot answer their own invitation: they are told so, and the link stays usable.
    await applicant.send(`/start m_${token}`);
    await applicant.expect(/这是您自己申请的调解的邀请链接/);
    expect((await stack.core.prisma.partyInvite.findUniqueOrThrow({ where: { token } })).usedAt).toBeNull();

    // The other party opens the link: who invites and what about, never the applicant's phone, and a
    // privacy note that names the buttons under it.
    await other.send(`/start m_${token}`);
    const invitation = await other.expect(/邀请您参加一项调解/);
    expect(invitation.text).toContain("「区住房和城乡建设局」邀请您参加一项调解");
    expect(invitation.text).toContain("申请人：孙丽");
    expect(invitation.text).toContain("纠纷类型：邻里纠纷");
    expect(invitation.text).toContain("赔偿维修费用 8000 元");
    expect(invitation.text).toContain("点击「同意调解」即表示您同意");
    expect(invitation.text).not.toContain("同意并继续");
    expect(invitation.text).not.toContain("13700001111");
    expect(invitation.buttons.flat().map((b) => b.text)).toEqual(["同意调解", "不同意"]);
    await other.press(invitation, "同意调解");
    await other.expect(/感谢您同意参加调解/);
    await applicant.expect(/对方当事人已同意参加/);
    await handler.expect(/对方当事人已同意参加/);
    // The link works once.
    await other.send(`/start m_${token}`);
    await other.expect(/已失效或已经答复过了/);

    // The mediator enters the agreement item by item (人民调解法 art. 29).
    await handler.press(card, "记录调解结果");
    await handler.press(await handler.expect(/调解结果是/), "达成协议");
    await handler.expect(/逐项输入/);
    await handler.expect(/纠纷的主要事实和争议事项/);
    await handler.send("2026 年 10 月楼上住户装修时水管漏水，孙丽家天花板和墙面受损，双方就赔偿数额有争议。");
    await handler.expect(/各方当事人的责任/);
    await handler.send("钱先生装修不当，承担主要责任。");
    await handler.expect(/申请人将做什么/);
    await handler.send("放弃其他赔偿请求。");
    await handler.expect(/对方当事人将做什么/);
    await handler.send("一次性支付维修费 6000 元。");
    await handler.expect(/履行方式/);
    await handler.send("银行转账至孙丽账户。");
    await handler.expect(/履行期限/);
    await handler.send("2026-02-30");
    await handler.expect(/请输入今天或以后的日期/);
    await handler.send("2026-12-31");
    await handler.expect(new RegExp(`已把 ${number} 的调解协议发给双方当事人确认`));

    // Both parties see the structured agreement and confirm it in chat.
    const shown = await Promise.all([applicant, other].map((p) => p.expect(new RegExp(`调解协议（${number}）`))));
    for (const m of shown) {
      expect(m.text).toContain("当事人：申请人 孙丽；对方当事人 楼上住户钱先生");
      expect(m.text).toContain("楼上住户钱先生 将：一次性支付维修费 6000 元。");
      expect(m.text).toContain("履行期限：2026年12月31日 前");
      expect(m.buttons.flat().map((b) => b.text)).toEqual(["确认调解协议"]);
    }
    await applicant.press(shown[0], "确认调解协议");
    await applicant.expect(/正在等待对方当事人确认/);
    await handler.expect(new RegExp(`申请人 已于 2026年11月2日 11:00 确认 ${number} 的调解协议`));
    expect((await stack.core.prisma.case.findUniqueOrThrow({ where: { number } })).status).toBe("IN_PROGRESS");
    await other.press(shown[1], "确认调解协议");
    // The answer to the press and the workers' notice of the same change may arrive in either order.
    const [, otherEffective] = await other.expectEach([/双方都已确认/, /调解协议已经双方确认/]);
    for (const effective of [await applicant.expect(/调解协议已经双方确认/), otherEffective]) {
      expect(effective.text).toContain("于 2026年11月2日 生效");
      // 人民调解法 art. 33: 30 days from the day it took effect: until 2026-12-02.
      expect(effective.text).toContain("30 日内（至 2026年12月2日）");
    }
    const closed = await stack.core.prisma.case.findUniqueOrThrow({ where: { number } });
    expect(closed).toMatchObject({ status: "CLOSED", outcome: "agreement" });
    const events = await stack.core.cases.events(closed.id);
    expect(events.filter((e) => e.action === "agreement_confirmed").map((e) => [e.actor, e.note])).toEqual([
      ["citizen", "applicant"],
      ["party", "other"],
    ]);
    expect(events.at(-1)).toMatchObject({ action: "agreement_effective", toStatus: "CLOSED" });

    // The reminder is a delayed job for the end of 2026-11-25 (7 days before the window closes):
    // 23 days, 12 h 59 min 59.999 s after 2026-11-02 11:00.
    const reminder = await waitUntil(async () => (await stack.core.queues.deadlines.getJob(`judicial-${closed.id}-${closed.closedAt!.getTime()}`)) ?? null, 10_000, "judicial reminder job");
    expect(reminder.opts.delay).toBe(23 * 86_400_000 + 12 * 3_600_000 + 59 * 60_000 + 59_999);
    now = new Date("2026-11-26T09:00:00+08:00");
    await reminder.promote();
    for (const party of [applicant, other]) {
      const r = await party.expect(/申请司法确认的期限将于 2026年12月2日 届满/);
      expect(r.text).toContain("《人民调解法》第三十三条");
    }

    // 30 days after it took effect both parties are asked whether it was carried out.
    const followupJob = await waitUntil(async () => (await stack.core.queues.deadlines.getJob(`followup-${closed.id}`)) ?? null, 10_000, "follow-up job");
    now = new Date(closed.closedAt!.getTime() + 31 * 86_400_000);
    await followupJob.promote();
    await applicant.press(await applicant.expect(/调解协议履行了吗/), "未履行");
    await applicant.expect(/感谢您的反馈/);
    await handler.expect(new RegExp(`回访：申请人表示 ${number} 的调解协议未履行`));
    await other.press(await other.expect(/调解协议履行了吗/), "已履行");
    await other.expect(/感谢您的反馈/);
    await handler.expect(new RegExp(`回访：对方当事人表示 ${number} 的调解协议已履行`));
    now = new Date();
  }, 180_000);

  it("can be transferred to a mediation body (人民调解委员会), whose mediator gets the card", async () => {
    const applicant = stack.citizen(60005, "吴敏");
    const mediator = stack.staff(900021);
    const number = await apply(applicant, {
      type: "邻里纠纷",
      facts: "隔壁邻居在公共走廊堆放杂物，挡住了我家的门，多次沟通无果。",
      people: "2",
    });
    // Routed to a bureau, its handler transfers it; left to the dispatcher, the dispatcher assigns it. Either
    // picker offers the mediation bodies for a mediation (first, for a handler).
    const routed = await waitUntil(async () => {
      const c = await stack.core.prisma.case.findUnique({ where: { number }, include: { department: true } });
      return c && c.status !== "SUBMITTED" ? c : null;
    }, 20_000, "routing");
    if (routed.status === "PENDING_DISPATCH") {
      const dispatcher = stack.staff(900002);
      const card = await dispatcher.expect(new RegExp(`【调解申请】${number}`));
      expect(card.buttons.flat().map((b) => b.text)).toEqual(expect.arrayContaining(["街道人民调解委员会", "街道司法所"]));
      await dispatcher.press(card, "街道人民调解委员会");
    } else {
      const who = stack.staff(routed.department?.code === "environment" ? ENVIRONMENT_HANDLER : HOUSING_HANDLER);
      const card = await who.expect(new RegExp(`【调解申请】${number}`));
      await who.press(card, "转办");
      const picker = await who.expect(/转给哪个部门办理/);
      expect(picker.buttons.flat().map((b) => b.text).slice(0, 2)).toEqual(["街道人民调解委员会", "街道司法所"]);
      await who.press(picker, "街道人民调解委员会");
      await who.expect(new RegExp(`已将 ${number} 转交「街道人民调解委员会」办理`));
    }
    const theirs = await mediator.expect(new RegExp(`【调解申请】${number}`));
    expect(theirs.buttons.flat().map((b) => b.text)).toContain("签收");
    const c = await stack.core.prisma.case.findUniqueOrThrow({ where: { number }, include: { department: true } });
    expect(c.department).toMatchObject({ code: "mediation_committee", kind: "MEDIATION_BODY" });
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
