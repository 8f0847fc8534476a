/**
 * The rules of an administrative reconsideration (行政复议法, 2023 revision), as rows of the one
 * rules table (spread into RULES in rules.ts, read by the same guarded function).
 *
 *   SUBMITTED --route (to the reconsideration office)--> ASSIGNED  (acceptance review, 5 working days, art. 30)
 *   ASSIGNED --rc_accept (simplified | ordinary)--> IN_PROGRESS
 *   ASSIGNED --rc_deemed_accepted (review period over, art. 30 ¶3)--> IN_PROGRESS
 *   ASSIGNED --rc_not_accept (reason, remedy; art. 30 ¶2)--> CLOSED
 *   ASSIGNED --rc_request_correction (once, art. 31)--> AWAITING_CORRECTION --rc_correction_received--> ASSIGNED (review restarts)
 *   AWAITING_CORRECTION --rc_correction_expired (视为放弃, art. 31 ¶2)--> CLOSED
 *   IN_PROGRESS: rc_assign_handler, rc_mark_major, rc_schedule_hearing, rc_confirm_hearing, rc_respondent_reply, rc_remind_reply, rc_extend, rc_propose_decision
 *   IN_PROGRESS --rc_approve_decision (arts. 63–69)--> CLOSED
 *   ASSIGNED | IN_PROGRESS | AWAITING_CORRECTION --rc_end (withdrawn / settled / mediated, arts. 73–74)--> CLOSED
 *
 * Only types are imported from rules.ts (it imports this file's rows).
 */
import type { Case, CaseKind } from "../generated/prisma/client.js";
import type { ActionInput, Permit, Rule } from "./rules.js";
import { correctionWindowEnd, RECONSIDERATION } from "../clock/reconsideration.js";
import { canHoldHearing, detailsOf, ENDINGS, fullyStaffed, isDecisionType } from "../reconsideration/reconsideration.js";

const KIND: readonly CaseKind[] = ["RECONSIDERATION"];
const SAME = "unchanged" as const;
const ADMIN: Permit = { actor: "staff", roles: ["ADMIN"], relation: "any" };
const SYSTEM: Permit[] = [{ actor: "system" }];
const APPLICANT: Permit[] = [{ actor: "citizen", relation: "applicant" }];
/** The reconsideration office (the case's department): its handlers (行政复议人员) and its head. */
const OFFICE: Permit[] = [{ actor: "staff", roles: ["HANDLER", "SUPERVISOR"], relation: "department" }, ADMIN];
/** The office's head: assigns handlers, approves extensions and decisions (art. 62 ¶1: "经行政复议机构的负责人批准"). */
const HEAD: Permit[] = [{ actor: "staff", roles: ["SUPERVISOR"], relation: "department" }, ADMIN];
/** The lead handler (the first assigned) proposes the decision. */
const LEAD_HANDLER: Permit[] = [{ actor: "staff", roles: ["HANDLER", "SUPERVISOR"], relation: "lead_handler" }];
/** The respondent agency (被申请人), when it is one of the district's departments. */
const RESPONDENT: Permit[] = [{ actor: "staff", roles: ["HANDLER", "SUPERVISOR"], relation: "respondent_department" }];

const d = detailsOf;
const beforeDue = (c: Case, now: Date) => now.getTime() <= c.dueAt.getTime() && c.overdueAt === null;
const deadlineAlarm = (c: Case, i: ActionInput) => i.dueAt !== undefined && c.dueAt.getTime() === i.dueAt;

export const RECONSIDERATION_RULES = {
  /** art. 30 ¶1: the office accepts, choosing the simplified (art. 53) or the ordinary procedure. */
  rc_accept: {
    who: OFFICE,
    kinds: KIND,
    from: ["ASSIGNED"],
    to: "IN_PROGRESS",
    input: (_c, i) => i.procedure === "simplified" || i.procedure === "ordinary",
  },
  /** art. 30 ¶2: not accepted, with the reason (and, for another body's case, which body). */
  rc_not_accept: { who: OFFICE, kinds: KIND, from: ["ASSIGNED"], to: "CLOSED" },
  /** art. 31 ¶1: 补正 once, in one notice, within 5 working days of receipt; the review clock stops. */
  rc_request_correction: {
    who: OFFICE,
    kinds: KIND,
    from: ["ASSIGNED"],
    to: "AWAITING_CORRECTION",
    when: (c, now) => c.correctionRequestedAt === null && now <= correctionWindowEnd(c.createdAt),
  },
  /** art. 31 ¶3: the corrected application is reviewed under art. 30 again, from its arrival. */
  rc_correction_received: { who: APPLICANT, kinds: KIND, from: ["AWAITING_CORRECTION"], to: "ASSIGNED" },
  /** art. 31 ¶2: no correction in the period, no good reason: the application is treated as abandoned. */
  rc_correction_expired: {
    who: SYSTEM,
    kinds: KIND,
    from: ["AWAITING_CORRECTION"],
    to: "CLOSED",
    when: (c, now) => d(c).correction !== undefined && now.getTime() > Date.parse(d(c).correction!.dueAt),
  },
  /** art. 30 ¶3: no decision not to accept when the review period ends: accepted from that day. */
  rc_deemed_accepted: {
    who: SYSTEM,
    kinds: KIND,
    from: ["ASSIGNED"],
    to: "IN_PROGRESS",
    when: (c, now) => now.getTime() >= c.dueAt.getTime(),
    input: deadlineAlarm,
  },
  rc_assign_handler: {
    who: HEAD,
    kinds: KIND,
    from: ["IN_PROGRESS"],
    to: SAME,
    when: (c) => !d(c).proposal,
    input: (c, i) => i.staffId !== undefined && !(d(c).handlers ?? []).includes(i.staffId),
  },
  /** 重大: 3 handlers and a hearing (art. 50 ¶1). */
  rc_mark_major: { who: HEAD, kinds: KIND, from: ["IN_PROGRESS"], to: SAME, when: (c) => !d(c).major && !d(c).proposal },
  /** art. 50: a panel of the assigned handlers — presiding officer and ≥ 2 hearing officers — so never with fewer. */
  rc_schedule_hearing: {
    who: OFFICE,
    kinds: KIND,
    from: ["IN_PROGRESS"],
    to: SAME,
    when: (c) => canHoldHearing(d(c)) && !d(c).hearing && !d(c).proposal,
  },
  /** art. 51: the parties are told the time and place; each confirms. */
  rc_confirm_hearing: {
    who: [...APPLICANT, ...RESPONDENT],
    kinds: KIND,
    from: ["IN_PROGRESS"],
    to: SAME,
    when: (c) => d(c).hearing !== undefined,
  },
  /** art. 48: the respondent's written reply, evidence and basis. */
  rc_respondent_reply: {
    who: RESPONDENT,
    kinds: KIND,
    from: ["IN_PROGRESS"],
    to: SAME,
    when: (c) => d(c).reply !== undefined && !d(c).reply!.receivedAt,
  },
  /** The respondent is reminded once, before its reply is due (art. 48). */
  rc_remind_reply: {
    who: SYSTEM,
    kinds: KIND,
    from: ["IN_PROGRESS"],
    to: SAME,
    when: (c) => d(c).reply !== undefined && !d(c).reply!.receivedAt && !d(c).reply!.remindedAt,
  },
  /** art. 62 ¶1: ordinary procedure only, once, at most 30 days, approved by the head while the period runs; the parties are told. */
  rc_extend: {
    who: HEAD,
    kinds: KIND,
    from: ["IN_PROGRESS"],
    to: SAME,
    when: (c, now) => d(c).procedure === "ordinary" && !d(c).extension && beforeDue(c, now),
    input: (_c, i) => i.days !== undefined && Number.isInteger(i.days) && i.days >= 1 && i.days <= RECONSIDERATION.maxExtensionDays,
  },
  /** The lead handler proposes a decision of arts. 63–69; only a fully staffed case, and a major one only after its hearing (art. 50 ¶1). */
  rc_propose_decision: {
    who: LEAD_HANDLER,
    kinds: KIND,
    from: ["IN_PROGRESS"],
    to: SAME,
    when: (c) => fullyStaffed(d(c)) && !d(c).proposal && (!d(c).major || d(c).hearing !== undefined),
    input: (_c, i) => typeof i.decisionType === "string" && isDecisionType(i.decisionType),
  },
  /** The head approves the lead handler's proposal: the decision is made and sent to both parties. */
  rc_approve_decision: {
    who: HEAD,
    kinds: KIND,
    from: ["IN_PROGRESS"],
    to: "CLOSED",
    when: (c) => d(c).proposal !== undefined && fullyStaffed(d(c)),
  },
  rc_reject_decision: { who: HEAD, kinds: KIND, from: ["IN_PROGRESS"], to: SAME, when: (c) => d(c).proposal !== undefined },
  /** arts. 73–74: a mediation agreement (调解书), a settlement (和解) or the applicant's withdrawal ends the case. */
  rc_end: {
    who: OFFICE,
    kinds: KIND,
    from: ["ASSIGNED", "IN_PROGRESS", "AWAITING_CORRECTION"],
    to: "CLOSED",
    input: (_c, i) => (ENDINGS as readonly string[]).includes(i.outcome ?? ""),
  },
} as const satisfies Record<string, Rule>;
