import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { createCore, type Core } from "../../src/core.js";
import { QUEUE_NAMES } from "../../src/queues/definitions.js";
import { shanghaiDay } from "../../src/clock/calendar.js";
import type { StaffActor } from "../../src/cases/permissions.js";
import { toStaffActor } from "../../src/staff/staff-service.js";
import { detailsOf, type ReconsiderationDetails } from "../../src/reconsideration/reconsideration.js";
import { testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";
import { castOf, footprint, type Cast } from "../helpers/case-fixtures.js";

// The reconsideration rows of the rules table (行政复议法 2023), through the case service against
// the real Postgres. Dates are counted by hand on the 2026 schedule (端午 19–21 Jun is the only
// holiday in June–August 2026).

const at = (day: string, time = "10:00") => Date.parse(`${day}T${time}:00+08:00`);
let clock = at("2026-06-01");
let core: Core;
let cast: Cast;
let office: { head: StaffActor; h1: StaffActor; h2: StaffActor; h3: StaffActor };

beforeAll(() => {
  core = createCore(testConfig(), { now: () => new Date(clock) });
});
beforeEach(async () => {
  clock = at("2026-06-01");
  await resetDatabase(core.prisma, { demoStaff: false });
  cast = await castOf(core);
  const dept = await core.prisma.department.findUniqueOrThrow({ where: { code: "reconsideration" } });
  const tag = randomBytes(3).readUIntBE(0, 3);
  const staff = async (n: number, role: "HANDLER" | "SUPERVISOR") =>
    toStaffActor(await core.prisma.staffMember.create({ data: { telegramId: BigInt(600_000_000 + tag * 10 + n), displayName: `o${n}`, role, departmentId: dept.id } }));
  office = { head: await staff(1, "SUPERVISOR"), h1: await staff(2, "HANDLER"), h2: await staff(3, "HANDLER"), h3: await staff(4, "HANDLER") };
});
afterEach(async () => {
  for (const name of QUEUE_NAMES) await core.queues[name].obliterate({ force: true });
});
afterAll(async () => {
  await core.close();
});

/** An application against the housing bureau (the cast's department), filed Mon 1 Jun 2026 and routed to the office. */
async function application(over: Partial<ReconsiderationDetails> = {}) {
  const details: ReconsiderationDetails = {
    applicant: { name: "赵敏", phone: "13900001111" },
    respondent: { departmentId: cast.housing.id, name: cast.housing.nameZh },
    act: "不予公开答复",
    learnedOn: "2026-05-20",
    noticeNamedRemedy: true,
    request: "撤销答复并公开",
    reasons: "信息不属于不予公开的范围",
    evidence: [],
    ...over,
  };
  const { case: c } = await core.cases.submit({
    submissionKey: `rc-${randomBytes(6).toString("hex")}`,
    citizenId: cast.applicant.id,
    kind: "RECONSIDERATION",
    text: details.request,
    anonymous: false,
    details: details as never,
  });
  const routed = await core.cases.routeReconsideration(c.id);
  if (!routed.ok) throw new Error(`route refused: ${routed.reason}`);
  return routed.case;
}
const day = (d: Date) => shanghaiDay(d);
const eventsOf = async (caseId: number) => (await core.cases.events(caseId)).map((e) => e.action);

describe("acceptance review (arts. 30–31)", () => {
  it("goes to the office with 5 working days to decide: Mon 1 Jun → 2, 3, 4, 5, Mon 8 Jun", async () => {
    const c = await application();
    expect(c.status).toBe("ASSIGNED");
    expect(c.departmentId).toBe((await core.prisma.department.findUniqueOrThrow({ where: { code: "reconsideration" } })).id);
    expect(day(c.dueAt)).toBe("2026-06-08");
  });

  it("accepts under the ordinary procedure: decided within 60 days of Tue 2 Jun (1 Aug is day 60, a Saturday → Mon 3 Aug); the reply is due in 10 working days (16 Jun)", async () => {
    const c = await application();
    clock = at("2026-06-02");
    const r = await core.cases.acceptReconsideration(c.id, office.h1, "ordinary");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.case.status).toBe("IN_PROGRESS");
    expect(day(r.case.dueAt)).toBe("2026-08-03");
    expect(detailsOf(r.case).reply?.dueAt && day(new Date(detailsOf(r.case).reply!.dueAt))).toBe("2026-06-16");
    expect(await eventsOf(c.id)).toEqual(["submit", "route", "rc_accept"]);
    const notices = await core.prisma.outboxMessage.findMany({ where: { name: "rc_accepted" } });
    expect(notices).toHaveLength(1);
  });

  it("accepts under the simplified procedure (art. 53 (4): a disclosure case): 30 days from 2 Jun → Thu 2 Jul", async () => {
    const c = await application();
    clock = at("2026-06-02");
    const r = await core.cases.acceptReconsideration(c.id, office.head, "simplified");
    expect(r.ok && day(r.case.dueAt)).toBe("2026-07-02");
  });

  it("refuses acceptance by the respondent's own staff, or an unknown procedure, changing nothing", async () => {
    const c = await application();
    const before = await footprint(core, c.id);
    expect(await core.cases.acceptReconsideration(c.id, cast.handler, "ordinary")).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await core.cases.acceptReconsideration(c.id, office.h1, "fast" as never)).toMatchObject({ ok: false, reason: "not_allowed" });
    expect(await footprint(core, c.id)).toEqual(before);
  });

  it("does not accept, with the reason (art. 30 ¶2), closing the case", async () => {
    const c = await application();
    const r = await core.cases.notAcceptReconsideration(c.id, office.h1, "不属于本机关管辖");
    expect(r.ok && [r.case.status, r.case.outcome, detailsOf(r.case).notAccepted?.reason]).toEqual(["CLOSED", "not_accepted", "不属于本机关管辖"]);
  });

  it("asks 补正 once (art. 31): the clock stops; the corrected application (Wed 10 Jun) is reviewed within 5 working days (17 Jun)", async () => {
    const c = await application();
    clock = at("2026-06-02");
    const asked = await core.cases.requestReconsiderationCorrection(c.id, office.h1, "请写明被申请人作出答复的日期");
    expect(asked.ok && asked.case.status).toBe("AWAITING_CORRECTION");
    // 10 working days from Tue 2 Jun: 3, 4, 5, 8, 9, 10, 11, 12, 15, 16 Jun.
    expect(asked.ok && day(new Date(detailsOf(asked.case).correction!.dueAt))).toBe("2026-06-16");
    clock = at("2026-06-10");
    const back = await core.cases.reconsiderationCorrectionReceived(c.id, cast.applicant, "答复日期为 2026 年 5 月 20 日");
    expect(back.ok && [back.case.status, day(back.case.dueAt)]).toEqual(["ASSIGNED", "2026-06-17"]);
    expect(await core.cases.requestReconsiderationCorrection(c.id, office.h1, "again")).toMatchObject({ ok: false, reason: "not_allowed" });
  });

  it("refuses 补正 after 5 working days of receipt (Tue 9 Jun is the 6th)", async () => {
    const c = await application();
    clock = at("2026-06-09");
    expect(await core.cases.requestReconsiderationCorrection(c.id, office.h1, "x")).toMatchObject({ ok: false, reason: "not_allowed" });
  });

  it("treats an uncorrected application as abandoned once its period ended (art. 31 ¶2)", async () => {
    const c = await application();
    clock = at("2026-06-02");
    await core.cases.requestReconsiderationCorrection(c.id, office.h1, "x");
    clock = at("2026-06-16", "23:00");
    expect(await core.deadlines.expireReconsiderationCorrections()).toBe(0);
    clock = at("2026-06-17", "00:30");
    expect(await core.deadlines.expireReconsiderationCorrections()).toBe(1);
    const after = await core.cases.get(c.id);
    expect([after?.status, after?.outcome]).toEqual(["CLOSED", "abandoned"]);
  });

  it("is accepted by law when the review period ends (art. 30 ¶3): from Mon 8 Jun, 60 days → Fri 7 Aug", async () => {
    const c = await application();
    clock = at("2026-06-08", "12:00");
    expect(await core.cases.deemAccepted(c.id, c.dueAt.getTime())).toMatchObject({ ok: false, reason: "not_allowed" });
    clock = c.dueAt.getTime();
    const r = await core.cases.deemAccepted(c.id, c.dueAt.getTime());
    expect(r.ok && [r.case.status, detailsOf(r.case).acceptedOn, detailsOf(r.case).deemedAccepted, day(r.case.dueAt)]).toEqual([
      "IN_PROGRESS",
      "2026-06-08",
      true,
      "2026-08-07",
    ]);
    const types = (await core.prisma.outboxMessage.findMany({ where: { queue: "notify" }, orderBy: { id: "asc" } })).map((o) => o.name);
    expect(types).toContain("rc_deemed_accepted");
  });
});

describe("handlers, hearing and decision (arts. 48–50, 62–69)", () => {
  async function accepted() {
    const c = await application();
    clock = at("2026-06-02");
    const r = await core.cases.acceptReconsideration(c.id, office.h1, "ordinary");
    if (!r.ok) throw new Error("accept refused");
    return r.case;
  }

  it("needs two handlers before a decision; only the lead proposes it and only the head approves it", async () => {
    const c = await accepted();
    expect(await core.cases.proposeDecision(c.id, office.h1, "revoke_new_act", "撤销，责令重新答复")).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await core.cases.assignReconsiderationHandler(c.id, office.h1, office.h1.id)).toMatchObject({ ok: false, reason: "forbidden" });
    expect((await core.cases.assignReconsiderationHandler(c.id, office.head, office.h1.id)).ok).toBe(true);
    expect(await core.cases.assignReconsiderationHandler(c.id, office.head, office.h1.id)).toMatchObject({ ok: false, reason: "not_allowed" });
    // A handler of another department is never a 行政复议人员 of this case.
    const before = await footprint(core, c.id);
    expect(await core.cases.assignReconsiderationHandler(c.id, office.head, cast.handler.id)).toMatchObject({ ok: false, reason: "not_allowed" });
    expect(await footprint(core, c.id)).toEqual(before);
    expect(await core.cases.proposeDecision(c.id, office.h1, "revoke_new_act", "撤销")).toMatchObject({ ok: false, reason: "not_allowed" });
    await core.cases.assignReconsiderationHandler(c.id, office.head, office.h2.id);
    expect(await core.cases.proposeDecision(c.id, office.h2, "revoke_new_act", "撤销")).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await core.cases.proposeDecision(c.id, office.h1, "nonsense" as never, "撤销")).toMatchObject({ ok: false, reason: "not_allowed" });
    expect((await core.cases.proposeDecision(c.id, office.h1, "revoke_new_act", "撤销原答复，责令十五个工作日内重新答复")).ok).toBe(true);
    expect(await core.cases.approveDecision(c.id, office.h1)).toMatchObject({ ok: false, reason: "forbidden" });
    const done = await core.cases.approveDecision(c.id, office.head);
    expect(done.ok && [done.case.status, done.case.outcome, done.case.handlerId, detailsOf(done.case).decision?.approvedById]).toEqual([
      "CLOSED",
      "revoke_new_act",
      office.h1.id,
      office.head.id,
    ]);
    expect(await eventsOf(c.id)).toEqual([
      "submit", "route", "rc_accept", "rc_assign_handler", "rc_assign_handler", "rc_propose_decision", "rc_approve_decision",
    ]);
  });

  it("a major case: no hearing and no decision with 2 handlers; with 3 a hearing, then the decision (art. 50)", async () => {
    const c = await accepted();
    await core.cases.markReconsiderationMajor(c.id, office.head);
    await core.cases.assignReconsiderationHandler(c.id, office.head, office.h1.id);
    await core.cases.assignReconsiderationHandler(c.id, office.head, office.h2.id);
    const hearing = { at: "2026-06-20 09:30", place: "区政府 3 楼听证室", recorder: "书记员 王某" };
    expect(await core.cases.scheduleHearing(c.id, office.h1, hearing)).toMatchObject({ ok: false, reason: "not_allowed" });
    expect(await core.cases.proposeDecision(c.id, office.h1, "uphold", "维持")).toMatchObject({ ok: false, reason: "not_allowed" });
    await core.cases.assignReconsiderationHandler(c.id, office.head, office.h3.id);
    expect(await core.cases.proposeDecision(c.id, office.h1, "uphold", "维持")).toMatchObject({ ok: false, reason: "not_allowed" });
    const h = await core.cases.scheduleHearing(c.id, office.h1, hearing);
    expect(h.ok && detailsOf(h.case).hearing).toMatchObject({ presidingId: office.h1.id, officerIds: [office.h2.id, office.h3.id] });
    expect((await core.cases.confirmHearing(c.id, cast.applicant)).ok).toBe(true);
    expect((await core.cases.confirmHearing(c.id, cast.handler)).ok).toBe(true);
    expect(await core.cases.confirmHearing(c.id, cast.otherHandler)).toMatchObject({ ok: false, reason: "forbidden" });
    expect((await core.cases.proposeDecision(c.id, office.h1, "uphold", "维持")).ok).toBe(true);
  });

  it("takes the respondent's written reply only from the respondent department, once (art. 48)", async () => {
    const c = await accepted();
    expect(await core.cases.respondentReply(c.id, cast.otherHandler, "x")).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await core.cases.respondentReply(c.id, office.h1, "x")).toMatchObject({ ok: false, reason: "forbidden" });
    const r = await core.cases.respondentReply(c.id, cast.handler, "答复：该信息涉及第三方商业秘密");
    expect(r.ok && detailsOf(r.case).reply?.text).toBe("答复：该信息涉及第三方商业秘密");
    expect(await core.cases.respondentReply(c.id, cast.handler, "again")).toMatchObject({ ok: false, reason: "not_allowed" });
  });

  it("reminds the respondent once, 2 working days before its reply is due: due Tue 16 Jun → Fri 12 Jun 09:00", async () => {
    const c = await accepted();
    const reminders = () => core.prisma.outboxMessage.count({ where: { name: "rc_reply_due_soon" } });
    clock = at("2026-06-12", "08:59");
    await core.deadlines.sweepDue();
    expect(await reminders()).toBe(0);
    clock = at("2026-06-12", "09:01");
    await core.deadlines.sweepDue();
    await core.deadlines.sweepDue();
    expect(await reminders()).toBe(1);
    expect((await eventsOf(c.id)).filter((a) => a === "rc_remind_reply")).toHaveLength(1);
  });

  it("extends an ordinary case once, by at most 30 days, with the head's approval (art. 62 ¶1): 3 Aug + 30 → Wed 2 Sep", async () => {
    const c = await accepted();
    expect(await core.cases.extendReconsideration(c.id, office.h1, 30, "需要现场核查")).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await core.cases.extendReconsideration(c.id, office.head, 31, "需要现场核查")).toMatchObject({ ok: false, reason: "not_allowed" });
    const r = await core.cases.extendReconsideration(c.id, office.head, 30, "需要现场核查");
    expect(r.ok && day(r.case.dueAt)).toBe("2026-09-02");
    expect(await core.cases.extendReconsideration(c.id, office.head, 5, "again")).toMatchObject({ ok: false, reason: "not_allowed" });
  });

  it("never extends a simplified case (art. 62 ¶2 has no extension)", async () => {
    const c = await application();
    await core.cases.acceptReconsideration(c.id, office.h1, "simplified");
    expect(await core.cases.extendReconsideration(c.id, office.head, 10, "x")).toMatchObject({ ok: false, reason: "not_allowed" });
  });

  it("ends on a settlement or withdrawal (arts. 73–74), and the applicant may withdraw", async () => {
    const a = await accepted();
    const r = await core.cases.endReconsideration(a.id, office.h1, "settled", "双方和解，被申请人重新答复");
    expect(r.ok && [r.case.status, r.case.outcome]).toEqual(["CLOSED", "settled"]);
    const b = await application();
    expect((await core.cases.withdraw(b.id, cast.applicant, "不再申请")).ok).toBe(true);
  });
});
