import type pg from "pg";
import { attachMedia } from "../media/media-service.js";
import type { Prisma, Tx } from "../db/prisma.js";
import type { Logger } from "../logger.js";
import type { Outbox } from "../outbox/outbox.js";
import type { JobRequest, NotifyType } from "../queues/definitions.js";
import type { Case, CaseKind, Priority, Prisma as PrismaTypes } from "../generated/prisma/client.js";
import { OPEN_STATUSES } from "./state-machine.js";
import type { DisclosureReplyType } from "../disclosure/reply-types.js";
import type { Actor, CitizenActor, StaffActor } from "./permissions.js";
import { dueAfterCalendarDays, dueDateFor, timeLimitFor, type LimitSettings } from "./time-limits.js";
import { dueFieldsOf, fixedDue } from "../clock/due-recipe.js";
import { COMPLAINT_REVIEW } from "../clock/deadlines.js";
import { createCaseSubmission } from "./case-submission.js";
import { createGuard, refuse, type ActionResult, type Step } from "./guarded.js";
import { createPlainGuard } from "./guarded-sql.js";
import { createMediationActions } from "./mediation-actions.js";
import { createDisclosureActions } from "./disclosure-actions.js";
import { createReconsiderationActions } from "./reconsideration-actions.js";
import { OFFICE_CODE } from "../reconsideration/reconsideration.js";
import { createPublicationActions } from "./publication-actions.js";
import { createReviewActions } from "./review-actions.js";

export type { ActionResult } from "./guarded.js";

export type SubmitInput = {
  /** Idempotency key: the same key always yields the same case. */
  submissionKey: string;
  citizenId: number;
  kind: CaseKind;
  text: string;
  location?: string | null;
  attachments?: string[];
  /** The kept photos and documents (MediaFile ids) the form collected, filed with the case. */
  mediaIds?: number[];
  anonymous: boolean;
  contactName?: string | null;
  contactPhone?: string | null;
  details?: PrismaTypes.InputJsonValue;
  /** Who filed it, for the audit trail: "citizen" (the bot, default), "web" (the web form) or "open311:<client name>". */
  actor?: string;
  /** A case filed without a chat: SHA-256 of the secret that opens its status page with the number. */
  accessSecretHash?: string;
};

export type Classification = {
  departmentCode: string | null;
  confidence: number;
  priority: Priority;
  modelVersion: string;
  /** The three likeliest departments and the words that weighed most, for the dispatcher. */
  reasons?: ClassifierReasons;
};

export type ClassifierReasons = { top: { code: string; probability: number }[]; words: string[] };

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "P2002";
}

/**
 * The one place where cases change. Every action goes through one guarded function that checks
 * the rules table (`rules.ts`) inside its transaction and writes the audit event and the follow-up
 * work (outbox) with the change; a repeated or stale action changes nothing and says why.
 */
export function createCaseService(deps: {
  prisma: Prisma;
  /** The pg pool under `prisma`: filing a case is one plain-SQL statement (case-submission.ts). */
  pool: pg.Pool;
  outbox: Outbox;
  logger: Logger;
  now?: () => Date;
  retrainAfterLabels?: number;
  /** How many working days before a due date the handler is reminded (REMINDER_WORKING_DAYS): a new case's alarms are armed with it. */
  reminderDays?: number;
  /** The 补正 period (条例 art. 30), from the configuration. */
  disclosure?: { correctionDays: number };
  /**
   * Complaints (信访工作条例): urgent ones due in hours (art. 23), the longest extension (art. 34),
   * the review period and who reviews (art. 35), from the configuration.
   */
  complaint?: { urgentHours: number; maxExtensionDays: number; reviewDays: number; reviewDepartmentCode: string | null };
}) {
  const { prisma, outbox, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const perform = createGuard({ prisma, outbox, logger, now, retrainAfterLabels: deps.retrainAfterLabels });
  /** The system's steps on the workers' hot path (classify, route, escalate, 并单): one plain-SQL statement each (guarded-sql.ts). */
  const performPlain = createPlainGuard({ pool: deps.pool, outbox, logger, now });
  const system: Actor = { kind: "system" };
  const schedule = (caseId: number): JobRequest => ({ queue: "deadlines", payload: { task: "schedule", caseId } });
  const complaint = deps.complaint ?? { urgentHours: 24, maxExtensionDays: 30, reviewDays: COMPLAINT_REVIEW.reviewDays, reviewDepartmentCode: null };
  const limits: LimitSettings = { urgentComplaintHours: complaint.urgentHours };
  /** A mediation body (人民调解委员会, 司法所) takes mediations only (人民调解法 art. 2); anything else sent there is refused. */
  const mediationBodyOnlyForMediation = (departmentId: number) => async (tx: Tx, c: Case) => {
    const d = await tx.department.findUnique({ where: { id: departmentId }, select: { kind: true } });
    if (d?.kind === "MEDIATION_BODY" && c.kind !== "MEDIATION") refuse("not_allowed", c.status);
  };
  /** An urgent complaint reaching a department (routed or assigned): its supervisors are alerted at once (信访工作条例 art. 23). */
  const urgentAlert =
    (caseId: number) =>
    (c: Case): JobRequest[] =>
      c.kind === "COMPLAINT" && c.priority === "URGENT" ? [{ queue: "notify", payload: { type: "complaint_urgent", caseId } }] : [];

  /** The due date and how it was counted, so a provisional one can be counted again (calendar:load). */
  function dueFields(kind: CaseKind, priority: Priority, receivedAt: Date) {
    const limit = timeLimitFor(kind, priority, limits) as { workingDays?: number };
    return dueFieldsOf(dueDateFor(kind, priority, receivedAt, limits), receivedAt, limit.workingDays ?? null);
  }

  /** Files a case (case-submission.ts). Repeating a submission key returns the case it made the first time. */
  const submit = createCaseSubmission({
    pool: deps.pool,
    outbox,
    logger,
    now,
    dueFields: (input, receivedAt) => dueFields(input.kind, "NORMAL", receivedAt),
    reminderDays: deps.reminderDays ?? 2,
  });

  /**
   * Stores the classifier's verdict once (refused if already classified). The classify job routes
   * the case itself, with the row this returns (workers/classify.ts): no route job of its own.
   * `read`: the case as the caller just read it (SELECT *), so it is not read again (guarded-sql.ts).
   */
  async function recordClassification(caseId: number, cls: Classification, read?: Case): Promise<ActionResult> {
    const dueOf = (c: Case) => dueDateFor(c.kind, cls.priority, c.createdAt, limits);
    return performPlain({
      action: "classify",
      caseId,
      actor: system,
      patch: (c, at) => {
        const dueAt = dueOf(c);
        return {
          classifiedAt: at,
          suggestedDepartmentCode: cls.departmentCode,
          confidence: cls.confidence,
          modelVersion: cls.modelVersion,
          classifierReasons: cls.reasons ?? undefined,
          priority: cls.priority,
          ...dueFields(c.kind, cls.priority, c.createdAt),
          // A new due date gets its own reminder and overdue alarms.
          ...(dueAt.getTime() !== c.dueAt.getTime() ? { remindedAt: null, overdueAt: null } : {}),
        };
      },
      note: `${cls.departmentCode ?? "-"} ${cls.confidence.toFixed(2)} ${cls.priority} ${cls.modelVersion}`,
      jobs: (c) => (dueOf(c).getTime() !== c.dueAt.getTime() ? [schedule(caseId)] : []),
    }, read);
  }

  /** Answers and closes one case; a disclosure request's answer also states its statutory type (art. 36). */
  const answerStep = (
    caseId: number,
    actor: StaffActor,
    text: string,
    replyType: DisclosureReplyType | null,
    note: string,
    files?: number[],
  ): Omit<Step, "action"> => ({
    caseId,
    actor,
    input: { replyType },
    note,
    // A new answer's publication is decided anew (item 31): whatever was approved before stays off the public page.
    patch: (_c, at) => ({ answer: text, replyType, closedAt: at, satisfied: null, handlerId: actor.id, publicationState: null }),
    message: { direction: "TO_CITIZEN", text, staffId: actor.id, files },
    notify: ["case_answered"],
  });

  return {
    submit,
    recordClassification,

    /**
     * Sends a classified case to a department; `also` adds notifications in the same transaction (an
     * emergency alert). An urgent complaint's supervisors are alerted at once, with its due hour
     * (信访工作条例 art. 23). `read` as for recordClassification.
     */
    route: (caseId: number, departmentId: number, also: NotifyType[] = [], read?: Case) =>
      performPlain({
        action: "route",
        caseId,
        actor: system,
        input: { departmentId },
        patch: () => ({ departmentId }),
        notify: [...also, "case_routed"],
        jobs: urgentAlert(caseId),
      }, read),

    /**
     * A reconsideration application is not classified: it goes straight to the reconsideration
     * office (行政复议机构, art. 4 ¶2), whose acceptance review then runs (art. 30).
     */
    async routeReconsideration(caseId: number, read?: Case): Promise<ActionResult> {
      const office = await prisma.department.findUnique({ where: { code: OFFICE_CODE } });
      if (!office) return performPlain({ action: "escalate", caseId, actor: system, note: `no department ${OFFICE_CODE}`, notify: ["case_escalated"] }, read);
      return performPlain(
        { action: "route", caseId, actor: system, input: { departmentId: office.id }, patch: () => ({ departmentId: office.id }), notify: ["case_routed"] },
        read,
      );
    },

    /** Sends a case the classifier was unsure of to the dispatchers; `also` as for route. */
    escalate: (caseId: number, note: string, also: NotifyType[] = [], read?: Case) =>
      performPlain({ action: "escalate", caseId, actor: system, note, notify: [...also, "case_escalated"] }, read),

    /** A dispatcher assigns an unrouted case to a department. */
    assign: (caseId: number, actor: StaffActor, departmentId: number) =>
      perform({
        action: "assign",
        caseId,
        actor,
        input: { departmentId },
        patch: () => ({ departmentId, handlerId: null }),
        label: { departmentId, source: "dispatcher" },
        notify: ["case_assigned"],
        jobs: urgentAlert(caseId),
        also: mediationBodyOnlyForMediation(departmentId),
      }),

    /**
     * A handler or supervisor hands the case to another department (转办); the new department gets
     * the card, the citizen is told, and the move is kept as a label for retraining.
     */
    transfer: (caseId: number, actor: StaffActor, departmentId: number, reason?: string) =>
      perform({
        action: "transfer",
        caseId,
        actor,
        input: { departmentId },
        note: reason ?? null,
        patch: () => ({ departmentId, handlerId: null }),
        label: { departmentId, source: "transfer" },
        also: mediationBodyOnlyForMediation(departmentId),
        notify: ["case_transferred"],
      }),

    accept: (caseId: number, actor: StaffActor) =>
      perform({ action: "accept", caseId, actor, patch: () => ({ handlerId: actor.id }), notify: ["case_accepted"] }),

    /** The handler asks the citizen something; the question is relayed, never the handler's identity. */
    ask: (caseId: number, actor: StaffActor, question: string) =>
      perform({ action: "ask", caseId, actor, message: { direction: "TO_CITIZEN", text: question, staffId: actor.id }, notify: ["question"] }),

    citizenReply: (caseId: number, actor: CitizenActor, text: string, files?: number[]) =>
      perform({ action: "citizen_reply", caseId, actor, message: { direction: "FROM_CITIZEN", text, files }, notify: ["citizen_reply"] }),

    returnToDispatch: (caseId: number, actor: StaffActor, reason: string) =>
      perform({
        action: "return",
        caseId,
        actor,
        note: reason,
        patch: () => ({ departmentId: null, handlerId: null }),
        notify: ["case_returned"],
      }),

    /**
     * Answers and closes. Open complaints linked to this one (并单) are closed with it in the same
     * transaction, each with its own audit event and notice: all of them, or none.
     */
    answer: (caseId: number, actor: StaffActor, text: string, replyType?: DisclosureReplyType, files?: number[]): Promise<ActionResult> =>
      perform({
        action: "answer",
        ...answerStep(caseId, actor, text, replyType ?? null, replyType ? `${replyType}: ${text}` : text, files),
        then: async (tx, lead) =>
          (await tx.case.findMany({ where: { linkedToId: lead.id, status: { in: [...OPEN_STATUSES] } }, orderBy: { id: "asc" } })).map(
            (l): Step => ({
              action: "answer_linked",
              ...answerStep(l.id, actor, text, null, `answered with ${lead.number} (并单): ${text}`),
              relations: async () => ({ lead }),
            }),
          ),
      }),

    /** 并单: a complaint that repeats an open one of the same department follows it; its citizen is told. */
    link: (caseId: number, master: { id: number; number: string; similarity: number }, read?: Case) =>
      performPlain({
        action: "link",
        caseId,
        actor: system,
        input: { masterId: master.id },
        patch: () => ({ linkedToId: master.id }),
        note: `${master.number} ${master.similarity.toFixed(2)}`,
        notify: ["case_linked"],
      }, read),

    /**
     * The citizen rates the answer. Satisfied keeps the case closed. Not satisfied, within 30 days of
     * the answer, asks for a review (复查, 信访工作条例 art. 35): the case goes to the supervisors of
     * the reviewing department (COMPLAINT_REVIEW_DEPARTMENT, else the one that answered) with the
     * review's own due date, counted from the request; it never goes back to the handler with a
     * due date already past. Only the first rating of an answer counts.
     */
    async rate(caseId: number, actor: CitizenActor, satisfied: boolean): Promise<ActionResult> {
      if (satisfied) return perform({ action: "rate", caseId, actor, patch: () => ({ satisfied: true }), note: "satisfied", notify: ["case_rated"] });
      const reviewer = complaint.reviewDepartmentCode ? await prisma.department.findUnique({ where: { code: complaint.reviewDepartmentCode } }) : null;
      return perform({
        action: "reopen",
        caseId,
        actor,
        note: (c) => `review requested; answered ${c.closedAt?.toISOString() ?? "-"}${reviewer ? `; reviewed by ${reviewer.code}` : ""}`,
        patch: (_c, at) => ({
          satisfied: false,
          closedAt: null,
          reviewRequestedAt: at,
          ...(reviewer ? { departmentId: reviewer.id } : {}),
          ...fixedDue(dueAfterCalendarDays(at, complaint.reviewDays)),
          remindedAt: null,
          overdueAt: null,
        }),
        notify: ["case_reopened"],
        jobs: [schedule(caseId)],
      });
    },

    /** The review's opinion (复查意见): upheld or changed, with its text, to the citizen (信访工作条例 art. 35). */
    decideReview: (caseId: number, actor: StaffActor, result: "upheld" | "changed", opinion: string) =>
      perform({
        action: "review_decided",
        caseId,
        actor,
        input: { reviewResult: result },
        note: `${result}: ${opinion}`,
        patch: (_c, at) => ({ reviewResult: result, reviewOpinion: opinion, reviewDecidedAt: at, closedAt: at }),
        message: { direction: "TO_CITIZEN", text: opinion, staffId: actor.id },
        notify: ["review_decided"],
      }),

    /**
     * The citizen withdraws their own open case (e.g. when withdrawing consent): it is closed with
     * their reason, and whoever works it is told. A withdrawn mediation ends as "withdrawn".
     */
    withdraw: (caseId: number, actor: CitizenActor, reason: string) =>
      perform({
        action: "withdraw",
        caseId,
        actor,
        note: reason,
        patch: (c, at) => ({ closedAt: at, ...(c.kind === "MEDIATION" ? { outcome: "withdrawn" } : {}) }),
        notify: ["case_withdrawn"],
      }),

    /**
     * A deadline alarm fired for the due date `dueAt` (ms): the reminder, or the case turning
     * overdue, is marked once, and only while that due date is in force and the clock runs.
     */
    markDeadline: (caseId: number, dueAt: number, kind: "remind" | "overdue") =>
      perform({
        action: kind,
        caseId,
        actor: system,
        input: { dueAt },
        patch: (_c, at) => (kind === "remind" ? { remindedAt: at } : { overdueAt: at }),
        note: new Date(dueAt).toISOString(),
        notify: [kind === "remind" ? "case_due_soon" : "case_overdue"],
      }),

    /** A supervisor (of the case's department) or an administrator urges the handler (催办). */
    urge: (caseId: number, actor: StaffActor) => perform({ action: "urge", caseId, actor, notify: ["case_urged"] }),

    ...createDisclosureActions({ perform, schedule, periods: deps.disclosure ?? { correctionDays: 15 }, complaintMaxExtensionDays: complaint.maxExtensionDays }),
    /** The longest extension a complaint may have in this deployment (信访工作条例 art. 34). */
    complaintMaxExtensionDays: complaint.maxExtensionDays,
    ...createMediationActions({ perform, schedule, prisma }),
    ...createReconsiderationActions({ perform, schedule }),
    ...createPublicationActions({ perform }),
    ...createReviewActions({ perform }),

    get: (caseId: number) => prisma.case.findUnique({ where: { id: caseId }, include: { department: true } }),
    byNumber: (number: string) =>
      prisma.case.findUnique({ where: { number: number.toUpperCase() }, include: { department: true } }),
    listForCitizen: (citizenId: number, take = 10) =>
      prisma.case.findMany({
        where: { citizenId },
        orderBy: { createdAt: "desc" },
        take,
        include: { department: true },
      }),
    /** The citizen's cases waiting for their answer or correction, most recent first. */
    awaitingCitizen: (citizenId: number) =>
      prisma.case.findMany({
        where: { citizenId, status: { in: ["AWAITING_CITIZEN", "AWAITING_CORRECTION"] } },
        orderBy: { updatedAt: "desc" },
      }),
    events: (caseId: number) => prisma.caseEvent.findMany({ where: { caseId }, orderBy: { id: "asc" } }),
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
