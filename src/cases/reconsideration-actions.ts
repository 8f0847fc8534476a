import type { JobRequest } from "../queues/definitions.js";
import type { Prisma as PrismaTypes } from "../generated/prisma/client.js";
import { shanghaiDay } from "../clock/calendar.js";
import { correctionPeriodEnd, decisionDue, extendDecisionDue, replyDue, reviewDue, type Procedure } from "../clock/reconsideration.js";
import { detailsOf, type DecisionType, type Ending, type ReconsiderationDetails } from "../reconsideration/reconsideration.js";
import type { Actor, CitizenActor, StaffActor } from "./permissions.js";
import { refuse, type Perform } from "./guarded.js";

const json = (d: ReconsiderationDetails) => d as unknown as PrismaTypes.InputJsonValue;

/**
 * An administrative reconsideration's own actions (行政复议法, 2023 revision), each one row of the
 * rules table (reconsideration-rules.ts) applied by the guarded function, with its audit event.
 */
export function createReconsiderationActions(deps: { perform: Perform; schedule: (caseId: number) => JobRequest }) {
  const { perform, schedule } = deps;
  const system: Actor = { kind: "system" };

  /** Acceptance, by the office or by the law (art. 30 ¶3): the decision's clock starts, and the respondent is asked to reply (art. 48). */
  const acceptedPatch = (d: ReconsiderationDetails, acceptedOn: string, procedure: Procedure, at: Date, deemed: boolean) => ({
    details: json({ ...d, procedure, acceptedOn, ...(deemed ? { deemedAccepted: true } : {}), reply: { dueAt: replyDue(at).toISOString() } }),
    dueAt: decisionDue(acceptedOn, procedure),
    remindedAt: null,
    overdueAt: null,
  });

  return {
    /** art. 30 ¶1: accepted, under the simplified (art. 53; decision in 30 days) or the ordinary procedure (60 days, art. 62). */
    acceptReconsideration: (caseId: number, actor: StaffActor, procedure: Procedure) =>
      perform({
        action: "rc_accept",
        caseId,
        actor,
        input: { procedure },
        note: procedure,
        patch: (c, at) => acceptedPatch(detailsOf(c), shanghaiDay(at), procedure, at, false),
        notify: ["rc_accepted"],
        jobs: [schedule(caseId)],
      }),

    /** art. 30 ¶2: not accepted, with the reason; the applicant is told the remedy (arts. 34, 35). */
    notAcceptReconsideration: (caseId: number, actor: StaffActor, reason: string) =>
      perform({
        action: "rc_not_accept",
        caseId,
        actor,
        note: reason,
        patch: (c, at) => ({ details: json({ ...detailsOf(c), notAccepted: { reason } }), outcome: "not_accepted", answer: reason, closedAt: at }),
        notify: ["rc_not_accepted"],
      }),

    /** art. 31: 补正 once, in one notice; the applicant has 10 working days; the review clock stops. */
    requestReconsiderationCorrection: (caseId: number, actor: StaffActor, text: string) =>
      perform({
        action: "rc_request_correction",
        caseId,
        actor,
        message: { direction: "TO_CITIZEN", text, staffId: actor.id },
        patch: (c, at) => ({ correctionRequestedAt: at, details: json({ ...detailsOf(c), correction: { text, dueAt: correctionPeriodEnd(at).toISOString() } }) }),
        notify: ["rc_correction_requested"],
      }),

    /** art. 31 ¶3: the corrected application is reviewed again under art. 30, 5 working days from its arrival. */
    reconsiderationCorrectionReceived: (caseId: number, actor: CitizenActor, text: string) =>
      perform({
        action: "rc_correction_received",
        caseId,
        actor,
        message: { direction: "FROM_CITIZEN", text },
        patch: (_c, at) => ({ dueAt: reviewDue(at), remindedAt: null, overdueAt: null }),
        notify: ["rc_correction_received"],
        jobs: [schedule(caseId)],
      }),

    /** art. 31 ¶2: no correction in time: treated as abandoned, and recorded. */
    expireReconsiderationCorrection: (caseId: number) =>
      perform({
        action: "rc_correction_expired",
        caseId,
        actor: system,
        note: "no correction within the period (art. 31 ¶2)",
        patch: (_c, at) => ({ outcome: "abandoned", closedAt: at }),
        notify: ["rc_correction_expired"],
      }),

    /**
     * art. 30 ¶3: the review period ended with no decision: accepted from that day, under the
     * ordinary procedure (nobody chose the simplified one). The supervisor is alerted, the applicant told.
     */
    deemAccepted: (caseId: number, dueAt: number) =>
      perform({
        action: "rc_deemed_accepted",
        caseId,
        actor: system,
        input: { dueAt },
        note: "review period over without a decision (art. 30 ¶3)",
        patch: (c, at) => ({ ...acceptedPatch(detailsOf(c), shanghaiDay(c.dueAt), "ordinary", at, true) }),
        notify: ["rc_deemed_accepted", "rc_accepted"],
        jobs: [schedule(caseId)],
      }),

    /** The head assigns a 行政复议人员 of the office; the first assigned leads. */
    assignReconsiderationHandler: (caseId: number, actor: StaffActor, staffId: number) =>
      perform({
        action: "rc_assign_handler",
        caseId,
        actor,
        input: { staffId },
        note: `staff:${staffId}`,
        also: async (tx, c) => {
          const s = await tx.staffMember.findUnique({ where: { id: staffId } });
          if (!s || !s.active || s.departmentId !== c.departmentId || (s.role !== "HANDLER" && s.role !== "SUPERVISOR")) refuse("not_allowed", c.status);
        },
        patch: (c) => {
          const handlers = [...(detailsOf(c).handlers ?? []), staffId];
          return { details: json({ ...detailsOf(c), handlers }), handlerId: handlers[0] };
        },
        notify: ["rc_handler_assigned"],
      }),

    /** 重大: the case now needs 3 handlers and a hearing before its decision (art. 50 ¶1). */
    markReconsiderationMajor: (caseId: number, actor: StaffActor) =>
      perform({ action: "rc_mark_major", caseId, actor, patch: (c) => ({ details: json({ ...detailsOf(c), major: true }) }) }),

    /**
     * art. 50: a hearing, presided by the lead handler with the other assigned handlers as hearing
     * officers, and a recorder; the parties are notified and asked to confirm (art. 51: at least 5 days ahead).
     */
    scheduleHearing: (caseId: number, actor: StaffActor, hearing: { at: string; place: string; recorder: string }) =>
      perform({
        action: "rc_schedule_hearing",
        caseId,
        actor,
        note: `${hearing.at} ${hearing.place}`,
        patch: (c) => {
          const [presidingId, ...officerIds] = detailsOf(c).handlers ?? [];
          return { details: json({ ...detailsOf(c), hearing: { ...hearing, presidingId, officerIds } }) };
        },
        notify: ["rc_hearing_scheduled"],
      }),

    /** A party confirms the hearing: the applicant in the citizen bot, the respondent's staff in the staff bot. */
    confirmHearing: (caseId: number, actor: CitizenActor | StaffActor) =>
      perform({
        action: "rc_confirm_hearing",
        caseId,
        actor,
        note: actor.kind === "citizen" ? "applicant" : "respondent",
        patch: (c) => {
          const d = detailsOf(c);
          const flag = actor.kind === "citizen" ? { applicantConfirmed: true } : { respondentConfirmed: true };
          return { details: json({ ...d, hearing: { ...d.hearing!, ...flag } }) };
        },
        notify: ["rc_hearing_confirmed"],
      }),

    /** art. 48: the respondent's written reply (its evidence and basis go with it). */
    respondentReply: (caseId: number, actor: StaffActor, text: string) =>
      perform({
        action: "rc_respondent_reply",
        caseId,
        actor,
        note: text,
        patch: (c, at) => {
          const d = detailsOf(c);
          return { details: json({ ...d, reply: { ...d.reply!, receivedAt: at.toISOString(), text } }) };
        },
        notify: ["rc_reply_received"],
      }),

    /** The respondent's reply is due soon (art. 48): its staff are reminded, once. */
    remindReply: (caseId: number) =>
      perform({
        action: "rc_remind_reply",
        caseId,
        actor: system,
        patch: (c, at) => {
          const d = detailsOf(c);
          return { details: json({ ...d, reply: { ...d.reply!, remindedAt: at.toISOString() } }) };
        },
        notify: ["rc_reply_due_soon"],
      }),

    /** art. 62 ¶1: the head extends an ordinary case once, by at most 30 days, and the parties are told. */
    extendReconsideration: (caseId: number, actor: StaffActor, days: number, reason: string) =>
      perform({
        action: "rc_extend",
        caseId,
        actor,
        input: { days },
        note: `${days}: ${reason}`,
        patch: (c) => ({ details: json({ ...detailsOf(c), extension: { days, reason } }), dueAt: extendDecisionDue(c.dueAt, days), remindedAt: null }),
        notify: ["rc_extended"],
        jobs: [schedule(caseId)],
      }),

    /** The lead handler proposes a decision (arts. 63–69); the head approves it or sends it back. */
    proposeDecision: (caseId: number, actor: StaffActor, type: DecisionType, text: string) =>
      perform({
        action: "rc_propose_decision",
        caseId,
        actor,
        input: { decisionType: type },
        note: `${type}: ${text}`,
        patch: (c) => ({ details: json({ ...detailsOf(c), proposal: { type, text, byId: actor.id } }) }),
        notify: ["rc_decision_proposed"],
      }),

    /** The head's approval makes the decision: it goes to the applicant (with the lawsuit remedy) and to the respondent. */
    approveDecision: (caseId: number, actor: StaffActor) =>
      perform({
        action: "rc_approve_decision",
        caseId,
        actor,
        note: (c) => detailsOf(c).proposal?.type ?? null,
        patch: (c, at) => {
          const { proposal, ...d } = detailsOf(c);
          const decision = { type: proposal!.type, text: proposal!.text, approvedById: actor.id };
          return { details: json({ ...d, decision }), outcome: decision.type, answer: decision.text, closedAt: at };
        },
        notify: ["rc_decided"],
      }),

    rejectDecision: (caseId: number, actor: StaffActor, reason: string) =>
      perform({
        action: "rc_reject_decision",
        caseId,
        actor,
        note: reason,
        patch: (c) => {
          const { proposal: _dropped, ...d } = detailsOf(c);
          return { details: json(d) };
        },
        notify: ["rc_decision_rejected"],
      }),

    /** arts. 73–74: a mediation agreement, a settlement, or a withdrawal the office allows, ends the case. */
    endReconsideration: (caseId: number, actor: StaffActor, kind: Ending, text: string) =>
      perform({
        action: "rc_end",
        caseId,
        actor,
        input: { outcome: kind },
        note: `${kind}: ${text}`,
        patch: (c, at) => ({ details: json({ ...detailsOf(c), ending: { kind, text } }), outcome: kind, answer: text, closedAt: at }),
        notify: ["rc_ended"],
      }),
  };
}
