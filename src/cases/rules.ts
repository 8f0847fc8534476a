/**
 * Every action the case service performs, as data: who may do it, on which kinds of case, from
 * which statuses, and to which status. `allowed` reads this table; the case service's guarded
 * function calls it inside the transaction, on the row as read there, and bots call it only to
 * decide what to offer. Filing a case (`submit`) is the one write not here: there is no row yet.
 *
 *   SUBMITTED --route--> ASSIGNED --accept--> IN_PROGRESS --answer--> CLOSED --reopen--> REOPENED
 *   SUBMITTED --escalate--> PENDING_DISPATCH --assign--> ASSIGNED
 *   IN_PROGRESS --ask--> AWAITING_CITIZEN --citizen_reply--> IN_PROGRESS
 *   ASSIGNED | IN_PROGRESS | AWAITING_CITIZEN | REOPENED --return--> PENDING_DISPATCH
 *   ASSIGNED | IN_PROGRESS | REOPENED --transfer (another department)--> ASSIGNED
 *   IN_PROGRESS --request_correction (disclosure)--> AWAITING_CORRECTION --correction_received--> IN_PROGRESS
 *   AWAITING_CORRECTION --correction_lapse_due (system asks)--> --correction_expired (handler confirms)--> CLOSED
 *   AWAITING_CORRECTION --correction_more_time (good reason)--> AWAITING_CORRECTION
 *   disclosure: --consult--> (clock stopped) --consultation_answered | consultation_ended--> (clock runs)
 *   mediation: ASSIGNED | IN_PROGRESS | AWAITING_CITIZEN | REOPENED --conclude--> CLOSED, any open --party_declined--> CLOSED
 *   linked complaint (并单), any open --answer_linked (with its lead)--> CLOSED
 *   any open --withdraw (the citizen)--> CLOSED
 */
import type { Case, CaseKind, CaseStatus, StaffRole } from "../generated/prisma/client.js";
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
  /** applicant: the case's own citizen; other_party: a mediation's other party, holding an unused invitation. */
  | { actor: "citizen"; relation: "applicant" | "other_party" }
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
/** Rows that serve a reconsideration too: routing to the office, withdrawal, urging and the deadline alarms. */
const ALL_KINDS_AND_RECONSIDERATION: readonly CaseKind[] = [...ALL_KINDS, "RECONSIDERATION"];

const mediation = (c: Case) => (c.details ?? {}) as Partial<MediationDetails>;
/** The citizen's verdict on an answer: only an answer (not a withdrawal or expiry) is rated, once. */
const unratedAnswer = (c: Case) => c.answer !== null && c.satisfied === null;
const notYetAnswered = (c: Case) => mediation(c).otherPartyAnswer === undefined;
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
  accept: { who: DEPARTMENT, kinds: ALL_KINDS, from: ["ASSIGNED", "REOPENED"], to: "IN_PROGRESS" },
  ask: { who: DEPARTMENT, kinds: ALL_KINDS, from: ["IN_PROGRESS"], to: "AWAITING_CITIZEN" },
  citizen_reply: { who: APPLICANT, kinds: ALL_KINDS, from: ["AWAITING_CITIZEN"], to: "IN_PROGRESS" },
  return: { who: DEPARTMENT, kinds: ALL_KINDS, from: WORKING_STATUSES, to: "PENDING_DISPATCH" },
  transfer: {
    who: DEPARTMENT,
    kinds: ALL_KINDS,
    from: ["ASSIGNED", "IN_PROGRESS", "REOPENED"],
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
  reopen: { who: APPLICANT, kinds: ["COMPLAINT"], from: ["CLOSED"], to: "REOPENED", when: unratedAnswer },
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
    kinds: ["DISCLOSURE"],
    from: CLOCK_RUNNING_STATUSES,
    to: UNCHANGED,
    when: (c, now) => c.extensionState === null && beforeDue(c, now),
    input: (_c, i) => i.days !== undefined && Number.isInteger(i.days) && i.days >= 1 && i.days <= DISCLOSURE.maxExtensionDays,
  },
  approve_extension: {
    who: SUPERVISION,
    kinds: ["DISCLOSURE"],
    from: OPEN_STATUSES,
    to: UNCHANGED,
    when: (c, now) => c.extensionState === "requested" && beforeDue(c, now),
  },
  reject_extension: { who: SUPERVISION, kinds: ["DISCLOSURE"], from: OPEN_STATUSES, to: UNCHANGED, when: (c) => c.extensionState === "requested" },
  invite_party: { who: DEPARTMENT, kinds: ["MEDIATION"], from: WORKING_STATUSES, to: UNCHANGED, when: notYetAnswered },
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
  conclude: {
    who: DEPARTMENT,
    kinds: ["MEDIATION"],
    from: WORKING_STATUSES,
    to: "CLOSED",
    input: (_c, i) => (OUTCOMES as readonly string[]).includes(i.outcome ?? ""),
  },
  followup: {
    who: SYSTEM,
    kinds: ["MEDIATION"],
    from: ["CLOSED"],
    to: UNCHANGED,
    when: (c) => c.outcome === "agreement" && !mediation(c).followupSentAt,
    input: (c, i, now) => i.afterDays !== undefined && c.closedAt !== null && c.closedAt.getTime() + i.afterDays * 86_400_000 <= now.getTime(),
  },
  agreement_carried_out: {
    who: APPLICANT,
    kinds: ["MEDIATION"],
    from: ["CLOSED"],
    to: UNCHANGED,
    when: (c) => Boolean(mediation(c).followupSentAt) && mediation(c).carriedOut === undefined,
  },
  agreement_not_carried_out: {
    who: APPLICANT,
    kinds: ["MEDIATION"],
    from: ["CLOSED"],
    to: UNCHANGED,
    when: (c) => Boolean(mediation(c).followupSentAt) && mediation(c).carriedOut === undefined,
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
  c: Pick<Case, "citizenId" | "departmentId"> & Partial<Pick<Case, "details">>,
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
