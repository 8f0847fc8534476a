/**
 * Every action the case service performs, as data: who may do it, on which kinds of case, from
 * which statuses, and to which status. `allowed` reads this table; the case service's guarded
 * function calls it inside the transaction, on the row as read there, and bots call it only to
 * decide what to offer. Filing a case (`submit`) is the one write not here: there is no row yet.
 *
 *   SUBMITTED --route--> ASSIGNED --accept--> IN_PROGRESS --answer--> CLOSED
 *   complaint: CLOSED --reopen (不满意, a review asked within 30 days)--> REOPENED (复查) --review_decided (supervisor)--> CLOSED
 *   SUBMITTED --escalate--> PENDING_DISPATCH --assign--> ASSIGNED
 *   IN_PROGRESS --ask--> AWAITING_CITIZEN --citizen_reply--> IN_PROGRESS
 *   ASSIGNED | IN_PROGRESS | AWAITING_CITIZEN --return--> PENDING_DISPATCH
 *   ASSIGNED | IN_PROGRESS --transfer (another department)--> ASSIGNED
 *   IN_PROGRESS --request_correction (disclosure)--> AWAITING_CORRECTION --correction_received--> IN_PROGRESS
 *   AWAITING_CORRECTION --correction_lapse_due (system asks)--> --correction_expired (handler confirms)--> CLOSED
 *   AWAITING_CORRECTION --correction_more_time (good reason)--> AWAITING_CORRECTION
 *   disclosure: --consult--> (clock stopped) --consultation_answered | consultation_ended--> (clock runs)
 *   mediation: ASSIGNED | IN_PROGRESS | AWAITING_CITIZEN --conclude (no agreement, withdrawn)--> CLOSED, any open --party_declined--> CLOSED
 *   mediation: --agreement_drafted--> --agreement_confirmed (each party)--> --agreement_effective (both)--> CLOSED
 *   linked complaint (并单), any open --answer_linked (with its lead)--> CLOSED
 *   any open --withdraw (the citizen)--> CLOSED
 */
import type { Case, CaseKind, CaseStatus, StaffRole } from "../generated/prisma/client.js";
import { COMPLAINT_REVIEW } from "../clock/deadlines.js";
import { dueAfterCalendarDays } from "./time-limits.js";
import { agreementOf, judicialWindowEnd, type Party } from "../mediation/mediation.js";
import { correctionDeadline, DISCLOSURE } from "../clock/deadlines.js";
import { isReplyType } from "../disclosure/reply-types.js";
import { OUTCOMES, type MediationDetails } from "../mediation/mediation.js";
import type { Actor } from "./permissions.js";
import { RECONSIDERATION_RULES } from "./reconsideration-rules.js";
import { leadHandlerOf, respondentDepartmentOf } from "../reconsideration/reconsideration.js";
import { CASE_STATUSES, CLOCK_RUNNING_STATUSES, OPEN_STATUSES, WORKING_STATUSES } from "./state-machine.js";

/** Who may act, and in what relation to the case. Staff must also be active. */
export type Permit =
  | { actor: "system" }
  /**
   * applicant: the case's own citizen; other_party: a mediation's other party, holding an unused
   * invitation; party: either party of a mediation once the other accepted (the applicant or the
   * citizen who accepted the invitation).
   */
  | { actor: "citizen"; relation: "applicant" | "other_party" | "party" }
  /** department: the case's department; lead_department: the department of the lead case (并单); any: every case. */
  | { actor: "staff"; roles: readonly StaffRole[]; relation: "department" | "lead_department" | "any" }
  /**
   * Reconsideration (reconsideration-rules.ts): respondent_department: staff of the agency whose act
   * is challenged; lead_handler: the case's lead handler (the first assigned), by staff id.
   */
  | { actor: "staff"; roles: readonly StaffRole[]; relation: "respondent_department" | "lead_handler" };

/** Facts about the case's surroundings that some permits need, read in the same transaction. */
export type Relations = {
  /** The lead case this (linked) case is answered with. */
  lead?: Pick<Case, "id" | "departmentId">;
  /** The acting citizen presented an unused invitation to this mediation. */
  invitation?: boolean;
};

/** The action's own arguments, where a rule checks them against the case. */
export type ActionInput = {
  departmentId?: number;
  days?: number;
  dueAt?: number;
  afterDays?: number;
  replyType?: string | null;
  outcome?: string;
  masterId?: number;
  consultation?: string;
  /** Reconsideration: the procedure chosen at acceptance, a handler to assign, a decision's type. */
  procedure?: string;
  staffId?: number;
  decisionType?: string;
  /** The longest extension the deployment allows for this kind (complaints: COMPLAINT_EXTENSION_MAX_DAYS). */
  maxDays?: number;
  /** A complaint review's result (信访工作条例 art. 35). */
  reviewResult?: string;
  /** Which party of a mediation acts (the applicant or the other party). */
  party?: Party;
  /** The version (draftedAt, ms) of the mediation agreement a party confirms. */
  version?: number;
};

export const UNCHANGED = "unchanged";

/** The time limit still runs: the due moment has not passed and the case never went overdue. */
const beforeDue = (c: Case, now: Date) => now.getTime() <= c.dueAt.getTime() && c.overdueAt === null;

export type Rule = {
  who: readonly Permit[];
  kinds: readonly CaseKind[];
  from: readonly CaseStatus[];
  to: CaseStatus | typeof UNCHANGED;
  /** What else must hold of the case (at time `now`) for the action to make sense. */
  when?: (c: Case, now: Date) => boolean;
  /** What the action's arguments must satisfy; checked when applied, not when a bot asks ahead. */
  input?: (c: Case, i: ActionInput, now: Date) => boolean;
};

const SYSTEM: Permit[] = [{ actor: "system" }];
const APPLICANT: Permit[] = [{ actor: "citizen", relation: "applicant" }];
/** Handlers and supervisors of the case's department; administrators anywhere. */
const DEPARTMENT: Permit[] = [
  { actor: "staff", roles: ["HANDLER", "SUPERVISOR"], relation: "department" },
  { actor: "staff", roles: ["ADMIN"], relation: "any" },
];
const SUPERVISION: Permit[] = [
  { actor: "staff", roles: ["SUPERVISOR"], relation: "department" },
  { actor: "staff", roles: ["ADMIN"], relation: "any" },
];
const DISPATCH: Permit[] = [{ actor: "staff", roles: ["DISPATCHER", "ADMIN"], relation: "any" }];
const LEAD: Permit[] = [
  { actor: "staff", roles: ["HANDLER", "SUPERVISOR"], relation: "lead_department" },
  { actor: "staff", roles: ["ADMIN"], relation: "any" },
];

const ALL_KINDS: readonly CaseKind[] = ["COMPLAINT", "DISCLOSURE", "MEDIATION"];
/** Either party of a mediation (after the other party accepted the invitation). */
const PARTIES: Permit[] = [{ actor: "citizen", relation: "party" }];
/** Statuses in which a department works a case; a complaint under review (REOPENED) is the supervisor's alone. */
const HANDLING: readonly CaseStatus[] = WORKING_STATUSES.filter((s) => s !== "REOPENED");
/** The longest complaint extension, unless the deployment sets less (信访工作条例 art. 34: 不得超过30日). */
export const MAX_COMPLAINT_EXTENSION_DAYS = 30;
const extensionDaysOk = (c: Case, i: ActionInput) =>
  i.days !== undefined &&
  Number.isInteger(i.days) &&
  i.days >= 1 &&
  i.days <= (c.kind === "DISCLOSURE" ? DISCLOSURE.maxExtensionDays : Math.min(i.maxDays ?? MAX_COMPLAINT_EXTENSION_DAYS, MAX_COMPLAINT_EXTENSION_DAYS));
/**
 * A complaint's review (复查) may be asked within 30 days of the answer (信访工作条例 art. 35): until
 * the end of the 30th day after the day it was answered (the day itself not counted), Shanghai time.
 */
export const reviewWindowOpen = (c: Pick<Case, "closedAt">, now: Date) =>
  c.closedAt !== null && now.getTime() <= dueAfterCalendarDays(c.closedAt, COMPLAINT_REVIEW.requestDays).getTime();
const agreementDrafted = (c: Case) => agreementOf(c.details) !== null;
const bothConfirmed = (c: Case) => {
  const a = agreementOf(c.details);
  return a !== null && Boolean(a.confirmedBy.applicant) && Boolean(a.confirmedBy.other);
};
/** Rows that serve a reconsideration too: routing to the office, withdrawal, urging and the deadline alarms. */
const ALL_KINDS_AND_RECONSIDERATION: readonly CaseKind[] = [...ALL_KINDS, "RECONSIDERATION"];

const mediation = (c: Case) => (c.details ?? {}) as Partial<MediationDetails>;
/** The citizen's verdict on an answer: only an answer (not a withdrawal or expiry) is rated, once. */
const unratedAnswer = (c: Case) => c.answer !== null && c.satisfied === null;
const notYetAnswered = (c: Case) => mediation(c).otherPartyAnswer === undefined;
const followupUnanswered = (c: Case, party: ActionInput["party"]) =>
  party === "applicant" ? mediation(c).carriedOut === undefined : party === "other" ? mediation(c).otherCarriedOut === undefined : false;
/** A consultation (条例 arts. 32–34) stops the clock until it is answered or its period ends. */
const consulting = (c: Case) => c.consultationStartedAt !== null;
/** The longest further period a handler may give for a 补正 after a good reason, in working days. */
export const MAX_CORRECTION_DAYS = 30;
/** The 补正 period the applicant was given has passed (until the end of its last day, art. 30). */
const correctionPeriodOver = (c: Case, now: Date) => c.correctionDueAt !== null && now > c.correctionDueAt;
const deadlineAlarm = (c: Case, i: ActionInput) => i.dueAt !== undefined && c.dueAt.getTime() === i.dueAt;

export const RULES = {
  route: { who: SYSTEM, kinds: ALL_KINDS_AND_RECONSIDERATION, from: ["SUBMITTED"], to: "ASSIGNED", input: (_c, i) => i.departmentId !== undefined },
  escalate: { who: SYSTEM, kinds: ALL_KINDS, from: ["SUBMITTED"], to: "PENDING_DISPATCH" },
  classify: { who: SYSTEM, kinds: ALL_KINDS, from: ["SUBMITTED"], to: UNCHANGED, when: (c) => c.classifiedAt === null },
  assign: { who: DISPATCH, kinds: ALL_KINDS, from: ["PENDING_DISPATCH"], to: "ASSIGNED", input: (_c, i) => i.departmentId !== undefined },
  accept: { who: DEPARTMENT, kinds: ALL_KINDS, from: ["ASSIGNED"], to: "IN_PROGRESS" },
  ask: { who: DEPARTMENT, kinds: ALL_KINDS, from: ["IN_PROGRESS"], to: "AWAITING_CITIZEN" },
  citizen_reply: { who: APPLICANT, kinds: ALL_KINDS, from: ["AWAITING_CITIZEN"], to: "IN_PROGRESS" },
  return: { who: DEPARTMENT, kinds: ALL_KINDS, from: HANDLING, to: "PENDING_DISPATCH" },
  transfer: {
    who: DEPARTMENT,
    kinds: ALL_KINDS,
    from: ["ASSIGNED", "IN_PROGRESS"],
    to: "ASSIGNED",
    input: (c, i) => i.departmentId !== undefined && i.departmentId !== c.departmentId,
  },
  /** A disclosure answer states one of the statutory types (Regulations on Open Government Information, art. 36). */
  answer: {
    who: DEPARTMENT,
    kinds: ["COMPLAINT", "DISCLOSURE"],
    from: ["IN_PROGRESS"],
    to: "CLOSED",
    input: (c, i) => (c.kind === "DISCLOSURE" ? typeof i.replyType === "string" && isReplyType(i.replyType) : !i.replyType),
  },
  /**
   * Published results (item 31, 公开办理结果): with the answer the handler may propose that the
   * result be published; the department's supervisor approves or declines the stripped copy,
   * once per answer (a new answer after a reopening is decided anew).
   */
  propose_publication: {
    who: DEPARTMENT,
    kinds: ["COMPLAINT"],
    from: ["CLOSED"],
    to: UNCHANGED,
    when: (c) => c.answer !== null && c.publicationState === null,
  },
  approve_publication: { who: SUPERVISION, kinds: ["COMPLAINT"], from: ["CLOSED"], to: UNCHANGED, when: (c) => c.publicationState === "proposed" },
  decline_publication: { who: SUPERVISION, kinds: ["COMPLAINT"], from: ["CLOSED"], to: UNCHANGED, when: (c) => c.publicationState === "proposed" },
  /** 并单: a complaint that repeats an open one follows it, and is answered with it by the lead's department. */
  link: {
    who: SYSTEM,
    kinds: ["COMPLAINT"],
    from: OPEN_STATUSES,
    to: UNCHANGED,
    when: (c) => c.linkedToId === null,
    input: (c, i) => i.masterId !== undefined && i.masterId !== c.id,
  },
  answer_linked: { who: LEAD, kinds: ["COMPLAINT"], from: OPEN_STATUSES, to: "CLOSED" },
  /** Only a complaint's answer is rated: a disclosure answer states the legal remedies instead (条例 art. 51). */
  /**
   * 不满意 asks for a review (复查) of the answer, within 30 days of it (信访工作条例 art. 35); the
   * case goes to the reviewing supervisor with its own due date, not back to the handler.
   */
  reopen: { who: APPLICANT, kinds: ["COMPLAINT"], from: ["CLOSED"], to: "REOPENED", when: (c, now) => unratedAnswer(c) && reviewWindowOpen(c, now) },
  /** The review's opinion (复查意见): the original answer upheld or changed, told to the citizen (信访工作条例 art. 35). */
  review_decided: {
    who: SUPERVISION,
    kinds: ["COMPLAINT"],
    from: ["REOPENED"],
    to: "CLOSED",
    when: (c) => c.reviewRequestedAt !== null && c.reviewDecidedAt === null,
    input: (_c, i) => i.reviewResult === "upheld" || i.reviewResult === "changed",
  },
  rate: { who: APPLICANT, kinds: ["COMPLAINT"], from: ["CLOSED"], to: UNCHANGED, when: unratedAnswer },
  withdraw: { who: APPLICANT, kinds: ALL_KINDS_AND_RECONSIDERATION, from: OPEN_STATUSES, to: "CLOSED" },
  urge: { who: SUPERVISION, kinds: ALL_KINDS_AND_RECONSIDERATION, from: OPEN_STATUSES, to: UNCHANGED },
  remind: {
    who: SYSTEM,
    kinds: ALL_KINDS_AND_RECONSIDERATION,
    from: CLOCK_RUNNING_STATUSES,
    to: UNCHANGED,
    when: (c) => c.remindedAt === null && !consulting(c),
    input: deadlineAlarm,
  },
  overdue: {
    who: SYSTEM,
    kinds: ALL_KINDS_AND_RECONSIDERATION,
    from: CLOCK_RUNNING_STATUSES,
    to: UNCHANGED,
    when: (c, now) => c.overdueAt === null && now >= c.dueAt && !consulting(c),
    input: deadlineAlarm,
  },
  /** 补正 is asked once, within 7 working days of receipt; the clock stops meanwhile (art. 30). */
  request_correction: {
    who: DEPARTMENT,
    kinds: ["DISCLOSURE"],
    from: ["IN_PROGRESS"],
    to: "AWAITING_CORRECTION",
    // Not while a consultation stops the clock: the restarted period would lose the paused days' count.
    when: (c, now) => c.correctionRequestedAt === null && now <= correctionDeadline(c.createdAt) && !consulting(c),
  },
  correction_received: { who: APPLICANT, kinds: ["DISCLOSURE"], from: ["AWAITING_CORRECTION"], to: "IN_PROGRESS" },
  /**
   * The period given for the 补正 passed with nothing received: the handler is asked, once per
   * period, whether it lapsed (art. 30: 视为放弃申请 only "无正当理由逾期不补正的").
   */
  correction_lapse_due: {
    who: SYSTEM,
    kinds: ["DISCLOSURE"],
    from: ["AWAITING_CORRECTION"],
    to: UNCHANGED,
    when: (c, now) => c.correctionLapseAskedAt === null && correctionPeriodOver(c, now),
  },
  /** Only the handler's confirmation, after being asked, closes the request as abandoned (art. 30). */
  correction_expired: {
    who: DEPARTMENT,
    kinds: ["DISCLOSURE"],
    from: ["AWAITING_CORRECTION"],
    to: "CLOSED",
    when: (c, now) => c.correctionLapseAskedAt !== null && correctionPeriodOver(c, now),
  },
  /** The applicant had a good reason (正当理由): the handler records it and gives a new period. */
  correction_more_time: {
    who: DEPARTMENT,
    kinds: ["DISCLOSURE"],
    from: ["AWAITING_CORRECTION"],
    to: UNCHANGED,
    input: (_c, i) => i.days !== undefined && Number.isInteger(i.days) && i.days >= 1 && i.days <= MAX_CORRECTION_DAYS,
  },
  /**
   * The handler records that a third party (art. 32) or another agency (art. 34) is being consulted;
   * the time that takes does not count against the limit (art. 33 ¶3). One at a time, while the
   * limit still runs.
   */
  consult: {
    who: DEPARTMENT,
    kinds: ["DISCLOSURE"],
    from: ["IN_PROGRESS", "AWAITING_CITIZEN"],
    to: UNCHANGED,
    when: (c, now) => !consulting(c) && beforeDue(c, now),
    input: (_c, i) => i.consultation === "third_party" || i.consultation === "agency",
  },
  /** The handler records the answer: the clock runs again from the next day. */
  consultation_answered: { who: DEPARTMENT, kinds: ["DISCLOSURE"], from: OPEN_STATUSES, to: UNCHANGED, when: consulting },
  /** The consultation's period ended without an answer (art. 32: 逾期未提出意见的…依照本条例的规定决定): the clock runs again. */
  consultation_ended: {
    who: SYSTEM,
    kinds: ["DISCLOSURE"],
    from: OPEN_STATUSES,
    to: UNCHANGED,
    when: (c, now) => consulting(c) && c.consultationEndsAt !== null && now > c.consultationEndsAt,
  },
  /** A provisional due date counted again once the year's official schedule was loaded. */
  due_recounted: {
    who: SYSTEM,
    kinds: ALL_KINDS,
    from: OPEN_STATUSES,
    to: UNCHANGED,
    when: (c) => c.dueProvisional,
    input: (c, i) => i.dueAt !== undefined && i.dueAt !== c.dueAt.getTime(),
  },
  /**
   * One extension of at most 20 working days, approved by the supervisor (art. 33 ¶2: "需要延长答复
   * 期限的，应当经…负责人同意并告知申请人"): asked and decided while the limit still runs. A case
   * that went overdue stays overdue; an extension cannot undo that.
   */
  request_extension: {
    who: DEPARTMENT,
    kinds: ["DISCLOSURE", "COMPLAINT"],
    // A complaint under review has the review's own period: no extension of it.
    from: CLOCK_RUNNING_STATUSES.filter((s) => s !== "REOPENED"),
    to: UNCHANGED,
    when: (c, now) => c.extensionState === null && beforeDue(c, now),
    input: extensionDaysOk,
  },
  /**
   * A complaint, too, may be extended once, by the supervisor (信访工作条例 art. 34: 经本机关负责人
   * 批准…延长期限不得超过30日，并告知信访人延期理由), decided before the due date like a disclosure's.
   */
  approve_extension: {
    who: SUPERVISION,
    kinds: ["DISCLOSURE", "COMPLAINT"],
    from: OPEN_STATUSES,
    to: UNCHANGED,
    when: (c, now) => c.extensionState === "requested" && beforeDue(c, now),
  },
  reject_extension: { who: SUPERVISION, kinds: ["DISCLOSURE", "COMPLAINT"], from: OPEN_STATUSES, to: UNCHANGED, when: (c) => c.extensionState === "requested" },
  invite_party: { who: DEPARTMENT, kinds: ["MEDIATION"], from: HANDLING, to: UNCHANGED, when: notYetAnswered },
  /** Mediation is voluntary: the other party answers the invitation, or the mediator records their answer. */
  party_accepted: {
    who: [{ actor: "citizen", relation: "other_party" }, ...DEPARTMENT],
    kinds: ["MEDIATION"],
    from: OPEN_STATUSES,
    to: UNCHANGED,
    when: notYetAnswered,
  },
  party_declined: {
    who: [{ actor: "citizen", relation: "other_party" }, ...DEPARTMENT],
    kinds: ["MEDIATION"],
    from: OPEN_STATUSES,
    to: "CLOSED",
    when: notYetAnswered,
  },
  /** No agreement, or withdrawn: recorded at once. An agreement takes effect only when both parties confirmed it (below). */
  conclude: {
    who: DEPARTMENT,
    kinds: ["MEDIATION"],
    from: HANDLING,
    to: "CLOSED",
    input: (_c, i) => i.outcome !== "agreement" && (OUTCOMES as readonly string[]).includes(i.outcome ?? ""),
  },
  /**
   * The mediator enters the agreement as 人民调解法 art. 29 lists it (the parties, the facts and the
   * dispute, each side's responsibility, what each will do, how and by when), once the other party
   * took part; entering it again (corrected) asks both parties to confirm anew.
   */
  agreement_drafted: {
    who: DEPARTMENT,
    kinds: ["MEDIATION"],
    from: HANDLING,
    to: UNCHANGED,
    when: (c) => mediation(c).otherPartyAnswer === "accepted" && c.otherPartyCitizenId !== null,
  },
  /** Each party confirms the agreement in chat, once (the confirmation and its time are the audit event). */
  agreement_confirmed: {
    who: PARTIES,
    kinds: ["MEDIATION"],
    from: HANDLING,
    to: UNCHANGED,
    when: agreementDrafted,
    input: (c, i) => {
      const a = agreementOf(c.details);
      return (i.party === "applicant" || i.party === "other") && a !== null && !a.confirmedBy[i.party] && (i.version === undefined || Date.parse(a.draftedAt) === i.version);
    },
  },
  /** Confirmed by both: the agreement takes effect that day (人民调解法 arts. 29–30) and the case closes. */
  agreement_effective: { who: SYSTEM, kinds: ["MEDIATION"], from: HANDLING, to: "CLOSED", when: bothConfirmed },
  /**
   * Both parties are reminded before the 30 days for judicial confirmation (人民调解法 art. 33:
   * 自调解协议生效之日起三十日内共同向人民法院申请司法确认) close: once, `days` before the end, never after it.
   */
  judicial_reminder: {
    who: SYSTEM,
    kinds: ["MEDIATION"],
    from: ["CLOSED"],
    to: UNCHANGED,
    when: (c) => c.outcome === "agreement" && Boolean(agreementOf(c.details)?.effectiveAt) && !mediation(c).judicialReminderSentAt,
    input: (c, i, now) => {
      const from = agreementOf(c.details)?.effectiveAt;
      if (!from || i.days === undefined) return false;
      const end = judicialWindowEnd(from).getTime();
      return end - i.days * 86_400_000 <= now.getTime() && now.getTime() < end;
    },
  },
  followup: {
    who: SYSTEM,
    kinds: ["MEDIATION"],
    from: ["CLOSED"],
    to: UNCHANGED,
    when: (c) => c.outcome === "agreement" && !mediation(c).followupSentAt,
    input: (c, i, now) => i.afterDays !== undefined && c.closedAt !== null && c.closedAt.getTime() + i.afterDays * 86_400_000 <= now.getTime(),
  },
  /** The follow-up asks both parties whether the agreement was carried out; each answers once. */
  agreement_carried_out: {
    who: PARTIES,
    kinds: ["MEDIATION"],
    from: ["CLOSED"],
    to: UNCHANGED,
    when: (c) => Boolean(mediation(c).followupSentAt),
    input: (c, i) => followupUnanswered(c, i.party),
  },
  agreement_not_carried_out: {
    who: PARTIES,
    kinds: ["MEDIATION"],
    from: ["CLOSED"],
    to: UNCHANGED,
    when: (c) => Boolean(mediation(c).followupSentAt),
    input: (c, i) => followupUnanswered(c, i.party),
  },
  /**
   * The legal office's yearly case-file review (item 19; 法治政府建设实施纲要: 行政执法案卷评查): a
   * reviewed file of any kind and status gets its findings in the audit trail, and the department's
   * supervisors hear them.
   */
  review_case_file: {
    who: [{ actor: "staff", roles: ["LEGAL_OFFICE"], relation: "any" }],
    kinds: ALL_KINDS_AND_RECONSIDERATION,
    from: CASE_STATUSES,
    to: UNCHANGED,
  },
  /**
   * An administrative lawsuit against a disclosure answer (条例 art. 51; 行政诉讼法), or the court's
   * result, recorded for the annual report's section 四 (条例 art. 50 ¶2(四)).
   */
  record_lawsuit: {
    who: [{ actor: "staff", roles: ["LEGAL_OFFICE", "ADMIN"], relation: "any" }],
    kinds: ["DISCLOSURE"],
    from: ["CLOSED"],
    to: UNCHANGED,
  },
  ...RECONSIDERATION_RULES,
} as const satisfies Record<string, Rule>;

export type CaseAction = keyof typeof RULES;
export const CASE_ACTIONS = Object.keys(RULES) as CaseAction[];
export { CASE_STATUSES };

export type Verdict = { ok: true; to: CaseStatus; via: Permit } | { ok: false; reason: "forbidden" | "not_allowed" };

/** The first permit of `rule` that lets `actor` act on `c`, if any. */
export function permitFor(
  rule: Rule,
  actor: Actor,
  c: Pick<Case, "citizenId" | "departmentId"> & Partial<Pick<Case, "details" | "otherPartyCitizenId">>,
  rel: Relations = {},
): Permit | null {
  if (actor.kind === "staff" && !actor.active) return null;
  for (const p of rule.who) {
    if (p.actor !== actor.kind) continue;
    if (p.actor === "system") return p;
    if (p.actor === "citizen" && actor.kind === "citizen") {
      if (p.relation === "applicant" && actor.id === c.citizenId) return p;
      // The applicant cannot answer, for the other side, the invitation to their own mediation.
      if (p.relation === "other_party" && rel.invitation === true && actor.id !== c.citizenId) return p;
      if (p.relation === "party" && (actor.id === c.citizenId || (c.otherPartyCitizenId != null && actor.id === c.otherPartyCitizenId))) return p;
      continue;
    }
    if (p.actor === "staff" && actor.kind === "staff" && p.roles.includes(actor.role)) {
      if (p.relation === "any") return p;
      const rc = { details: c.details ?? null };
      if (p.relation === "lead_handler") {
        if (leadHandlerOf(rc) === actor.id) return p;
        continue;
      }
      const dept =
        p.relation === "department"
          ? c.departmentId
          : p.relation === "respondent_department"
            ? respondentDepartmentOf(rc)
            : (rel.lead?.departmentId ?? null);
      if (actor.departmentId !== null && actor.departmentId === dept) return p;
    }
  }
  return null;
}

/**
 * May `actor` do `action` to `c` now? "forbidden" when the actor has no standing for it;
 * "not_allowed" when the case's kind, status or state rule it out. `input`, when given, is checked too.
 */
export function allowed(
  action: CaseAction,
  actor: Actor,
  c: Case,
  opts: { relations?: Relations; input?: ActionInput; now?: Date } = {},
): Verdict {
  const rule: Rule = RULES[action];
  const via = permitFor(rule, actor, c, opts.relations);
  if (!via) return { ok: false, reason: "forbidden" };
  const now = opts.now ?? new Date();
  if (!rule.kinds.includes(c.kind) || !rule.from.includes(c.status)) return { ok: false, reason: "not_allowed" };
  if (rule.when && !rule.when(c, now)) return { ok: false, reason: "not_allowed" };
  if (opts.input && rule.input && !rule.input(c, opts.input, now)) return { ok: false, reason: "not_allowed" };
  return { ok: true, to: rule.to === UNCHANGED ? c.status : rule.to, via };
}
