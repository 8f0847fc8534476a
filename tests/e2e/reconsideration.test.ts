import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Job } from "bullmq";
import { startStack, type Stack } from "../helpers/stack.js";
import { consent } from "../helpers/flows.js";
import { routeAsAsked } from "../helpers/case-fixtures.js";
import { createMaintenanceProcessor } from "../../workers/maintenance.js";
import { toStaffActor } from "../../src/staff/staff-service.js";
import { detailsOf } from "../../src/reconsideration/reconsideration.js";
import type { EmulatorUser } from "../../src/telegram/emulator-client.js";

// Demo staff (prisma/seed-data.ts): the housing bureau answers disclosure requests and is the
// respondent; the reconsideration office has a head and three 行政复议人员.
const HOUSING_HANDLER = 900001;
const HOUSING_SUPERVISOR = 900003;
const OFFICE_HEAD = 900005;
const OFFICER_A = 900006; // 周敏
const OFFICER_B = 900007; // 吴刚

let now = new Date();
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ now: () => now });
});
afterAll(async () => {
  await stack?.stop();
});
const caseOf = (number: string) => stack.core.prisma.case.findUniqueOrThrow({ where: { number } });
const staffActor = async (telegramId: number) => toStaffActor(await stack.core.prisma.staffMember.findUniqueOrThrow({ where: { telegramId: BigInt(telegramId) } }));

/** A disclosure request of `citizen` answered "不予公开" by the housing bureau (through the case service); returns the answer's message. */
async function refusedDisclosure(citizen: EmulatorUser, telegramId: number) {
  await consent(citizen);
  const row = await stack.core.citizens.ensure(telegramId);
  const { case: c } = await stack.core.cases.submit({
    submissionKey: `e2e-rc-${telegramId}`,
    citizenId: row.id,
    kind: "DISCLOSURE",
    text: "申请公开幸福小区加装电梯项目的审批文件",
    anonymous: false,
    details: { name: "赵敏", idNumber: "11010519491231002X", phone: "13911112222", address: "幸福路 1 号", form: "electronic", delivery: "email" },
  });
  const housing = await stack.core.prisma.department.findUniqueOrThrow({ where: { code: "housing" } });
  // Routed here rather than left to the classifier (its model loads on a worker thread, slowly on a
  // busy machine): where a disclosure request goes is not what this test is about. The live workers
  // may still route it first; routeAsAsked ends with it in housing either way.
  await routeAsAsked(stack.core, c.id, housing.id);
  const handler = await staffActor(HOUSING_HANDLER);
  expect((await stack.core.cases.accept(c.id, handler)).ok).toBe(true);
  expect((await stack.core.cases.answer(c.id, handler, "该信息涉及第三方商业秘密，不予公开。", "not_disclosed")).ok).toBe(true);
  return citizen.expect(/信息公开申请 .* 已答复/);
}

describe("administrative reconsideration (行政复议法 2023) through both bots", () => {
  it("a refused disclosure → application → accepted → 2 handlers → the respondent's reply → 撤销 with a new act ordered → both parties told", async () => {
    const citizen = stack.citizen(51001, "赵敏");
    const answer = await refusedDisclosure(citizen, 51001);
    // The remedy notice names reconsideration first (art. 23 ¶1 (4)); the button under it starts the application.
    expect(answer.text).toContain("申请行政复议");
    await citizen.press(answer, "申请行政复议");
    const intro = await citizen.expect(/行政复议申请（《行政复议法》第二十二条），针对/);
    expect(intro.text).toContain("被申请人：区住房和城乡建设局");
    expect(intro.text).toContain("不予公开");
    await citizen.expect(/申请人姓名/);
    await citizen.send("赵敏");
    await citizen.expect(/手机号码|联系电话/);
    await citizen.send("13911112222");
    await citizen.press(await citizen.expect(/是否委托代理人/), "否");
    await citizen.expect(/复议请求是什么/);
    await citizen.send("撤销不予公开的答复，责令重新答复");
    await citizen.expect(/主要事实和理由/);
    await citizen.send("审批文件不涉及商业秘密，应当公开");
    await citizen.press(await citizen.expect(/证据材料/), "跳过");
    const summary = await citizen.expect(/请核对您的行政复议申请/);
    expect(summary.text).not.toContain("逾期原因");
    await citizen.press(summary, "确认提交");
    const receipt = await citizen.expect(/行政复议申请已提交。事项编号：MS-\d{4}-\d{6}/);
    const number = /MS-\d{4}-\d{6}/.exec(receipt.text)![0];
    const filed = await caseOf(number);
    expect(filed.kind).toBe("RECONSIDERATION");
    expect(detailsOf(filed)).toMatchObject({ respondent: { name: "区住房和城乡建设局" }, noticeNamedRemedy: true });
    expect(detailsOf(filed).late).toBeUndefined();

    // The office reviews it: accepted under the simplified procedure (art. 53 ¶1 (4): a disclosure case).
    const officer = stack.staff(OFFICER_A);
    const newCard = await officer.expect(new RegExp(`新的行政复议申请[\\s\\S]*${number}`));
    await officer.press(newCard, "受理·简易程序");
    await officer.expect(new RegExp(`已受理 ${number}`));
    await citizen.expect(new RegExp(`${number} 已受理，适用简易程序`));

    // The respondent department is asked for its written reply within 10 working days (art. 48).
    const respondent = stack.staff(HOUSING_HANDLER);
    const asked = await respondent.expect(new RegExp(`贵单位是行政复议 ${number} 的被申请人`));

    // The head assigns two handlers with buttons; the first leads.
    const head = stack.staff(OFFICE_HEAD);
    const assignCard = await head.expect(new RegExp(`${number} 已受理，请指派至少 2 名承办人`));
    await head.press(assignCard, "指派承办人");
    await head.press(await head.expect(new RegExp(`请选择 ${number} 的承办人`)), /周敏/);
    await head.expect(new RegExp(`已指派承办人：${number}`));
    await head.press(assignCard, "指派承办人");
    await head.press(await head.expect(new RegExp(`请选择 ${number} 的承办人`)), /吴刚/);
    await head.expect(new RegExp(`已指派承办人：${number}`));
    const leadCard = await officer.expect(new RegExp(`主办承办人[\\s\\S]*${number}`));
    await stack.staff(OFFICER_B).expect(new RegExp(`您被指派为行政复议 ${number} 的承办人`));

    // The respondent's reply.
    await respondent.press(asked, "提交书面答复");
    await respondent.expect(new RegExp(`对 ${number} 的书面答复要点`));
    await respondent.send("该审批文件含有施工单位报价，属于商业秘密。");
    await respondent.expect(new RegExp(`已办理：${number}`));
    await citizen.expect(new RegExp(`被申请人已就行政复议 ${number} 提交书面答复`));

    // The lead handler proposes 撤销 with a new act ordered (art. 64); the head approves.
    await officer.press(leadCard, "拟作决定");
    await officer.press(await officer.expect(new RegExp(`请选择 ${number} 的决定类型`)), /撤销并责令重新作出/);
    await officer.expect(new RegExp(`${number} 的决定书要点`));
    await officer.send("报价部分可作区分处理，撤销原答复，责令被申请人自收到本决定之日起 15 个工作日内重新答复。");
    await officer.expect(new RegExp(`已办理：${number}`));
    const approval = await head.expect(new RegExp(`${number} 的主办承办人提出了决定`));
    await head.press(approval, "批准决定");
    await head.expect(new RegExp(`已批准 ${number} 的行政复议决定`));

    const decided = await citizen.expect(new RegExp(`行政复议 ${number} 已作出决定`));
    expect(decided.text).toContain("撤销并责令重新作出行政行为（第六十四条）");
    expect(decided.text).toContain("15 日内向人民法院提起行政诉讼（《行政诉讼法》第四十五条）");
    const toRespondent = await respondent.expect(new RegExp(`行政复议 ${number} 已作出决定`));
    expect(toRespondent.text).toContain("应当在决定书规定的期限内重新作出行政行为");
    await stack.staff(HOUSING_SUPERVISOR).expect(new RegExp(`行政复议 ${number} 已作出决定`));

    const done = await caseOf(number);
    expect(done).toMatchObject({ status: "CLOSED", outcome: "revoke_new_act" });
    expect((await stack.core.cases.events(done.id)).map((e) => e.action)).toEqual([
      "submit", "route", "rc_accept", "rc_assign_handler", "rc_assign_handler", "rc_respondent_reply", "rc_propose_decision", "rc_approve_decision",
    ]);
  });

  it("refuses a hearing in a major case with only 2 handlers, saying how many are missing", async () => {
    const citizen = stack.citizen(51002, "钱多");
    await consent(citizen);
    const row = await stack.core.citizens.ensure(51002);
    const housing = await stack.core.prisma.department.findUniqueOrThrow({ where: { code: "housing" } });
    const { case: c } = await stack.core.cases.submit({
      submissionKey: "e2e-rc-major",
      citizenId: row.id,
      kind: "RECONSIDERATION",
      text: "撤销责令拆除决定",
      anonymous: false,
      details: {
        applicant: { name: "钱多", phone: "13700001111" },
        respondent: { departmentId: housing.id, name: housing.nameZh },
        act: "责令限期拆除决定",
        learnedOn: "2026-11-20",
        noticeNamedRemedy: true,
        request: "撤销责令拆除决定",
        reasons: "房屋有合法产权证明",
        evidence: [],
      },
    });
    const head = stack.staff(OFFICE_HEAD);
    const card = await head.expect(new RegExp(`新的行政复议申请[\\s\\S]*${c.number}`));
    await head.press(card, "受理·普通程序");
    await head.expect(new RegExp(`已受理 ${c.number}`));
    const accepted = await head.expect(new RegExp(`${c.number} 已受理，请指派至少 2 名承办人`));
    await head.press(accepted, "标记重大");
    await head.expect(new RegExp(`已将 ${c.number} 标记为重大案件`));
    const headActor = await staffActor(OFFICE_HEAD);
    expect((await stack.core.cases.assignReconsiderationHandler(c.id, headActor, (await staffActor(OFFICER_A)).id)).ok).toBe(true);
    expect((await stack.core.cases.assignReconsiderationHandler(c.id, headActor, (await staffActor(OFFICER_B)).id)).ok).toBe(true);
    const officer = stack.staff(OFFICER_A);
    const leadCard = await officer.expect(new RegExp(`主办承办人[\\s\\S]*${c.number}`));
    await officer.press(leadCard, "安排听证");
    const refusal = await officer.expect(new RegExp(`这个操作现在不能进行：${c.number}`));
    expect(refusal.text).toContain("现有承办人 2 名，需要至少 3 名");
    expect(detailsOf(await caseOf(c.number)).hearing).toBeUndefined();
    // Nor a decision (art. 50 ¶1: a major case is heard first, with 3 handlers).
    await officer.press(leadCard, "拟作决定");
    await officer.expect(new RegExp(`这个操作现在不能进行：${c.number}`));

    // With a third handler the hearing is scheduled; the applicant and the respondent confirm (art. 51).
    expect((await stack.core.cases.assignReconsiderationHandler(c.id, headActor, (await staffActor(900008)).id)).ok).toBe(true);
    await officer.press(leadCard, "安排听证");
    await officer.expect(new RegExp(`「时间；地点；记录员」输入 ${c.number} 的听证安排`));
    await officer.send("2026-12-10 09:30 区政府三楼");
    await officer.expect(/请用分号分开/);
    await officer.send("2026-12-10 09:30；区政府 3 楼听证室；书记员王某");
    await officer.expect(new RegExp(`已办理：${c.number}`));
    const invitation = await citizen.expect(new RegExp(`行政复议 ${c.number} 将举行听证`));
    expect(invitation.text).toContain("区政府 3 楼听证室");
    await citizen.press(invitation, "确认参加听证");
    await citizen.expect(new RegExp(`已确认您参加行政复议 ${c.number} 的听证`));
    const respondentCard = await stack.staff(HOUSING_SUPERVISOR).expect(new RegExp(`行政复议 ${c.number} 将于 2026-12-10 09:30`));
    await stack.staff(HOUSING_SUPERVISOR).press(respondentCard, "确认参加听证");
    await stack.staff(HOUSING_SUPERVISOR).expect(new RegExp(`已确认参加 ${c.number} 的听证`));
    const heard = detailsOf(await caseOf(c.number)).hearing;
    expect(heard).toMatchObject({ recorder: "书记员王某", applicantConfirmed: true, respondentConfirmed: true });
    await citizen.send(`/status ${c.number}`);
    expect((await citizen.expect(new RegExp(`事项 ${c.number}`))).text).toContain("复议阶段：已安排听证");
  });

  it("flags a late application with the applicant's reason instead of refusing it (art. 20 ¶2)", async () => {
    const citizen = stack.citizen(51003, "孙丽");
    await consent(citizen);
    await citizen.send("/reconsider");
    await citizen.expect(/60 日内申请行政复议/);
    await citizen.send("孙丽");
    await citizen.expect(/手机号码|联系电话/);
    await citizen.send("13700002222");
    await citizen.press(await citizen.expect(/是否委托代理人/), "否");
    await citizen.press(await citizen.expect(/被申请人是哪个行政机关/), "区交通运输局");
    await citizen.expect(/申请复议的行政行为/);
    await citizen.send("区交通运输局作出的罚款 2000 元决定");
    await citizen.expect(/哪一天知道/);
    await citizen.send("2099-01-01");
    await citizen.expect(/这个日期还没有到/);
    // 60 days from 5 Jan 2026 ended on 6 Mar 2026 (5 Jan + 60: 31 Jan day 26, 28 Feb day 54, Fri 6 Mar day 60).
    await citizen.send("2026-01-05");
    await citizen.press(await citizen.expect(/是否告知了申请行政复议的权利/), "是");
    await citizen.expect(/复议请求是什么/);
    await citizen.send("撤销罚款决定");
    await citizen.expect(/主要事实和理由/);
    await citizen.send("车辆当时停在划线车位内");
    await citizen.press(await citizen.expect(/证据材料/), "跳过");
    const late = await citizen.expect(/申请期限已于 2026-03-06 届满/);
    expect(late.text).toContain("不会因此被拒收");
    await citizen.send("一月至五月在外地住院治疗");
    const summary = await citizen.expect(/请核对您的行政复议申请/);
    expect(summary.text).toContain("逾期原因：一月至五月在外地住院治疗");
    await citizen.press(summary, "确认提交");
    const receipt = await citizen.expect(/行政复议申请已提交/);
    expect(receipt.text).toContain("复议机构将审查您说明的理由（《行政复议法》第二十条第二款）");
    const number = /MS-\d{4}-\d{6}/.exec(receipt.text)![0];
    expect(detailsOf(await caseOf(number)).late).toEqual({ windowEnd: "2026-03-06", reason: "一月至五月在外地住院治疗" });
    const card = await stack.staff(OFFICER_A).expect(new RegExp(`新的行政复议申请[\\s\\S]*${number}`));
    expect(card.text).toContain("⚠ 超过申请期限（截至 2026-03-06），申请人说明的正当理由：一月至五月在外地住院治疗");
    expect(card.text).toContain("被申请人：区交通运输局");

    // 补正 once (art. 31), through both bots: the applicant answers in the chat, the review restarts.
    const officer = stack.staff(OFFICER_A);
    await officer.press(card, "要求补正");
    await officer.expect(new RegExp(`一次性写明 ${number} 需要补正的全部事项`));
    await officer.send("请提供住院证明和罚款决定书照片。");
    await officer.expect(new RegExp(`已办理：${number}`));
    const notice = await citizen.expect(new RegExp(`行政复议申请 ${number} 需要补正`));
    expect(notice.text).toContain("住院证明");
    await citizen.send("住院证明编号 2026-0315，决定书编号 交罚〔2026〕12 号");
    await citizen.expect(new RegExp(`已收到您的补正材料（${number}）`));
    await officer.expect(new RegExp(`申请人已补正行政复议 ${number}`));
    expect((await caseOf(number)).status).toBe("ASSIGNED");
    await officer.press(card, "要求补正");
    await officer.expect(new RegExp(`这个操作现在不能进行：${number}`));
  });

  it("alerts the head when no acceptance decision comes in 5 working days, and the case is accepted by law (art. 30 ¶3)", async () => {
    const citizen = stack.citizen(51004, "李雷");
    await consent(citizen);
    const row = await stack.core.citizens.ensure(51004);
    const { case: c } = await stack.core.cases.submit({
      submissionKey: "e2e-rc-silent",
      citizenId: row.id,
      kind: "RECONSIDERATION",
      text: "撤销不予登记决定",
      anonymous: false,
      details: {
        applicant: { name: "李雷", phone: "13600003333" },
        respondent: { departmentId: null, name: "市市场监督管理局" },
        act: "不予登记决定",
        learnedOn: "2026-11-20",
        noticeNamedRemedy: true,
        request: "撤销不予登记决定",
        reasons: "材料齐全",
        evidence: [],
      },
    });
    const head = stack.staff(OFFICE_HEAD);
    await head.expect(new RegExp(`新的行政复议申请[\\s\\S]*${c.number}`));
    const routed = await caseOf(c.number);
    // /overdue lists it while its review period runs out (due within 3 working days).
    now = new Date(routed.dueAt.getTime() - 3_600_000);
    await head.send("/overdue");
    const digest = await head.expect(/逾期和即将到期的事项/);
    expect(digest.text).toContain(c.number);
    // The review period ends with no decision: the sweep (or its alarm) accepts it by law.
    now = new Date(routed.dueAt.getTime() + 60_000);
    await createMaintenanceProcessor(stack.core)({ data: { task: "sweep" }, id: "sweep" } as unknown as Job<{ task: "sweep" }>);
    const alert = await head.expect(new RegExp(`⚠ 行政复议 ${c.number} 审查期限已满而未作决定，依法视为受理`));
    expect(alert.buttons.flat().map((b) => b.text)).toContain("指派承办人");
    await citizen.expect(new RegExp(`${c.number} 在审查期限内未被决定不予受理`));
    const deemed = await caseOf(c.number);
    expect(deemed.status).toBe("IN_PROGRESS");
    expect(detailsOf(deemed)).toMatchObject({ deemedAccepted: true, procedure: "ordinary" });
    expect((await stack.core.cases.events(deemed.id)).map((e) => e.action)).toEqual(["submit", "route", "rc_deemed_accepted"]);
  });
});
