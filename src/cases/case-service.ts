import type { Prisma, Tx } from "../db/prisma.js";
import type { Logger } from "../logger.js";
import type { Outbox } from "../outbox/outbox.js";
import type { JobRequest, NotifyType } from "../queues/definitions.js";
import type { Case, CaseKind, CaseStatus, Priority, Prisma as PrismaTypes } from "../generated/prisma/client.js";
import { CLOCK_RUNNING_STATUSES, nextStatus, OPEN_STATUSES, type CaseAction } from "./state-machine.js";
import { correctionDeadline, DISCLOSURE, dueAfterCorrection, extendDue } from "../clock/deadlines.js";
import type { DisclosureReplyType } from "../disclosure/reply-types.js";
import type { MediationDetails, OUTCOMES } from "../mediation/mediation.js";
import { randomBytes } from "node:crypto";
import { actorLabel, mayAct, type Actor, type CitizenActor, type StaffActor } from "./permissions.js";
import { dueDateFor } from "./time-limits.js";
import { formatCaseNumber } from "./case-number.js";
import { shanghaiDay } from "../clock/calendar.js";
import { sanitizeDeep } from "../text/sanitize.js";

export type SubmitInput = {
  /** Idempotency key: the same key always yields the same case. */
  submissionKey: string;
  citizenId: number;
  kind: CaseKind;
  text: string;
  location?: string | null;
  attachments?: string[];
  anonymous: boolean;
  contactName?: string | null;
  contactPhone?: string | null;
  details?: PrismaTypes.InputJsonValue;
};

export type Classification = {
  departmentCode: string | null;
  confidence: number;
  priority: Priority;
  modelVersion: string;
};

export type ActionResult =
  | { ok: true; case: Case; messageId?: number }
  | { ok: false; reason: "not_found" | "forbidden" | "not_allowed"; status?: CaseStatus };

type ActOptions = {
  note?: string | null;
  /** A human verdict on the right department, kept for retraining the classifier. */
  label?: { departmentId: number; source: "dispatcher" | "transfer" };
  patch?: (c: Case) => PrismaTypes.CaseUncheckedUpdateManyInput;
  message?: { direction: "TO_CITIZEN" | "FROM_CITIZEN"; text: string; staffId?: number };
  notify?: NotifyType[];
  /** Other work that must follow the change (e.g. re-planning deadline alarms). */
  jobs?: JobRequest[];
};

/** Why an action that changes no status may not happen now, or null when it may. */
type Guard = (c: Case) => "forbidden" | "not_allowed" | null;

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "P2002";
}

/**
 * The one place where cases change. Each change checks who acts and whether the lifecycle allows
 * it, writes the audit event and the follow-up work (outbox) in the same transaction, and is safe
 * to repeat: a repeated or stale action changes nothing and says why.
 */
export function createCaseService(deps: { prisma: Prisma; outbox: Outbox; logger: Logger; now?: () => Date }) {
  const { prisma, outbox, logger } = deps;
  const now = deps.now ?? (() => new Date());

  async function nextNumber(tx: Tx, at: Date): Promise<string> {
    const year = Number(shanghaiDay(at).slice(0, 4));
    const rows = await tx.$queryRaw<{ last: number }[]>`
      INSERT INTO "CaseNumberCounter" ("year", "last") VALUES (${year}, 1)
      ON CONFLICT ("year") DO UPDATE SET "last" = "CaseNumberCounter"."last" + 1
      RETURNING "last"`;
    return formatCaseNumber(year, rows[0].last);
  }

  /** Files a case. Repeating a submission key returns the case it made the first time. */
  async function submit(raw: SubmitInput): Promise<{ case: Case; created: boolean }> {
    // Whatever the caller, what is stored holds no NUL, control character or lone surrogate.
    const input = sanitizeDeep(raw);
    const existing = await prisma.case.findUnique({ where: { submissionKey: input.submissionKey } });
    if (existing) return { case: existing, created: false };
    const receivedAt = now();
    try {
      const { c, ids } = await prisma.$transaction(async (tx) => {
        const c = await tx.case.create({
          data: {
            number: await nextNumber(tx, receivedAt),
            submissionKey: input.submissionKey,
            kind: input.kind,
            citizenId: input.citizenId,
            text: input.text,
            location: input.location ?? null,
            attachments: input.attachments ?? [],
            anonymous: input.anonymous,
            contactName: input.anonymous ? null : (input.contactName ?? null),
            contactPhone: input.anonymous ? null : (input.contactPhone ?? null),
            details: input.details,
            dueAt: dueDateFor(input.kind, "NORMAL", receivedAt),
            createdAt: receivedAt,
          },
        });
        await tx.caseEvent.create({
          data: { caseId: c.id, actor: "citizen", action: "submit", fromStatus: null, toStatus: "SUBMITTED" },
        });
        const ids = await outbox.write(tx, [
          { queue: "classify", payload: { caseId: c.id } },
          { queue: "deadlines", payload: { task: "schedule", caseId: c.id } },
        ]);
        return { c, ids };
      });
      logger.info({ caseId: c.id, number: c.number, kind: c.kind }, "case submitted");
      await outbox.flushQuietly(ids);
      return { case: c, created: true };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const again = await prisma.case.findUniqueOrThrow({ where: { submissionKey: input.submissionKey } });
      return { case: again, created: false };
    }
  }

  async function act(caseId: number, action: CaseAction, actor: Actor, opts: ActOptions = {}): Promise<ActionResult> {
    const outcome = await prisma.$transaction(async (tx) => {
      const c = await tx.case.findUnique({ where: { id: caseId } });
      if (!c) return { ok: false as const, reason: "not_found" as const };
      if (!mayAct(actor, action, c)) return { ok: false as const, reason: "forbidden" as const, status: c.status };
      const to = nextStatus(c.status, action);
      if (!to) return { ok: false as const, reason: "not_allowed" as const, status: c.status };
      const changed = await tx.case.updateMany({
        where: { id: c.id, status: c.status },
        data: { status: to, ...(opts.patch?.(c) ?? {}) },
      });
      // Someone else moved the case between our read and write: nothing of ours is applied.
      if (changed.count === 0) return { ok: false as const, reason: "not_allowed" as const, status: c.status };
      await tx.caseEvent.create({
        data: { caseId: c.id, actor: actorLabel(actor), action, fromStatus: c.status, toStatus: to, note: opts.note ?? null },
      });
      if (opts.label) {
        const dept = await tx.department.findUniqueOrThrow({ where: { id: opts.label.departmentId } });
        await tx.caseLabel.create({
          data: { caseId: c.id, departmentCode: dept.code, source: opts.label.source, actor: actorLabel(actor) },
        });
      }
      let messageId: number | undefined;
      if (opts.message) {
        const m = await tx.caseMessage.create({
          data: { caseId: c.id, direction: opts.message.direction, text: opts.message.text, staffId: opts.message.staffId ?? null },
        });
        messageId = m.id;
      }
      const requests: JobRequest[] = (opts.notify ?? []).map((type) => ({
        queue: "notify" as const,
        payload: { type, caseId: c.id, ...(messageId ? { messageId } : {}) },
      }));
      const ids = await outbox.write(tx, [...requests, ...(opts.jobs ?? [])]);
      const updated = await tx.case.findUniqueOrThrow({ where: { id: c.id } });
      return { ok: true as const, case: updated, messageId, ids };
    });
    if (!outcome.ok) {
      logger.info({ caseId, action, reason: outcome.reason, status: outcome.status }, "case action refused");
      return outcome;
    }
    logger.info({ caseId, action, to: outcome.case.status, actor: actorLabel(actor) }, "case action");
    await outbox.flushQuietly(outcome.ids);
    return { ok: true, case: outcome.case, messageId: outcome.messageId };
  }

  const system: Actor = { kind: "system" };
  const schedule = (caseId: number): JobRequest => ({ queue: "deadlines", payload: { task: "schedule", caseId } });

  /**
   * An action that changes no status (urging, asking for or deciding an extension): guarded,
   * written with its audit event and follow-up work in one transaction, like every change.
   */
  async function record(
    caseId: number,
    actor: Actor,
    action: string,
    opts: { guard: Guard; patch?: (c: Case) => PrismaTypes.CaseUncheckedUpdateManyInput; note?: string; notify: NotifyType[]; jobs?: JobRequest[] },
  ): Promise<ActionResult> {
    const out = await prisma.$transaction(async (tx) => {
      const c = await tx.case.findUnique({ where: { id: caseId } });
      if (!c) return { ok: false as const, reason: "not_found" as const };
      const refused = opts.guard(c);
      if (refused) return { ok: false as const, reason: refused, status: c.status };
      // Guarded on the row as read, so two concurrent presses apply once.
      const changed = await tx.case.updateMany({ where: { id: caseId, updatedAt: c.updatedAt }, data: opts.patch?.(c) ?? { updatedAt: now() } });
      if (changed.count === 0) return { ok: false as const, reason: "not_allowed" as const, status: c.status };
      await tx.caseEvent.create({
        data: { caseId, actor: actorLabel(actor), action, fromStatus: c.status, toStatus: c.status, note: opts.note ?? null },
      });
      const ids = await outbox.write(tx, [
        ...opts.notify.map((type) => ({ queue: "notify" as const, payload: { type, caseId } })),
        ...(opts.jobs ?? []),
      ]);
      return { ok: true as const, case: await tx.case.findUniqueOrThrow({ where: { id: caseId } }), ids };
    });
    if (!out.ok) return out;
    logger.info({ caseId, action, actor: actorLabel(actor) }, "case action");
    await outbox.flushQuietly(out.ids);
    return { ok: true, case: out.case };
  }

  const supervisorOf = (actor: StaffActor, c: Case) =>
    actor.active && (actor.role === "ADMIN" || (actor.role === "SUPERVISOR" && actor.departmentId === c.departmentId));
  const handlerOf = (actor: StaffActor, c: Case) =>
    actor.active && (actor.role === "HANDLER" || actor.role === "SUPERVISOR") && actor.departmentId !== null && actor.departmentId === c.departmentId;

  /** Stores the classifier's verdict once and schedules routing. Returns false if already classified. */
  async function recordClassification(caseId: number, cls: Classification): Promise<boolean> {
    const ids = await prisma.$transaction(async (tx) => {
      const c = await tx.case.findUnique({ where: { id: caseId } });
      if (!c || c.classifiedAt) return null;
      const dueAt = dueDateFor(c.kind, cls.priority, c.createdAt);
      const dueChanged = dueAt.getTime() !== c.dueAt.getTime();
      await tx.case.update({
        where: { id: caseId },
        data: {
          classifiedAt: now(),
          suggestedDepartmentCode: cls.departmentCode,
          confidence: cls.confidence,
          modelVersion: cls.modelVersion,
          priority: cls.priority,
          dueAt,
          // A new due date gets its own reminder and overdue alarms.
          ...(dueChanged ? { remindedAt: null, overdueAt: null } : {}),
        },
      });
      await tx.caseEvent.create({
        data: {
          caseId,
          actor: "system",
          action: "classify",
          fromStatus: c.status,
          toStatus: c.status,
          note: `${cls.departmentCode ?? "-"} ${cls.confidence.toFixed(2)} ${cls.priority} ${cls.modelVersion}`,
        },
      });
      return outbox.write(tx, [
        { queue: "route", payload: { caseId } },
        ...(dueChanged ? [{ queue: "deadlines" as const, payload: { task: "schedule" as const, caseId } }] : []),
      ]);
    });
    if (!ids) return false;
    await outbox.flushQuietly(ids);
    return true;
  }

  return {
    submit,
    recordClassification,

    /** Sends a classified case to a department. */
    route: (caseId: number, departmentId: number) =>
      act(caseId, "route", system, { patch: () => ({ departmentId }), notify: ["case_routed"] }),

    /** Sends a case the classifier was unsure of to the dispatchers. */
    escalate: (caseId: number, note: string) => act(caseId, "escalate", system, { note, notify: ["case_escalated"] }),

    /** A dispatcher assigns an unrouted case to a department. */
    assign: (caseId: number, actor: StaffActor, departmentId: number) =>
      act(caseId, "assign", actor, {
        patch: () => ({ departmentId, handlerId: null }),
        label: { departmentId, source: "dispatcher" },
        notify: ["case_assigned"],
      }),

    /**
     * A handler or supervisor hands the case to another department (转办); the new department gets
     * the card, the citizen is told, and the move is kept as a label for retraining.
     */
    async transfer(caseId: number, actor: StaffActor, departmentId: number, reason?: string): Promise<ActionResult> {
      const c = await prisma.case.findUnique({ where: { id: caseId } });
      if (c && c.departmentId === departmentId) return { ok: false, reason: "not_allowed", status: c.status };
      return act(caseId, "transfer", actor, {
        note: reason ?? null,
        patch: () => ({ departmentId, handlerId: null }),
        label: { departmentId, source: "transfer" },
        notify: ["case_transferred"],
      });
    },

    accept: (caseId: number, actor: StaffActor) =>
      act(caseId, "accept", actor, { patch: () => ({ handlerId: actor.id }), notify: ["case_accepted"] }),

    /** The handler asks the citizen something; the question is relayed, never the handler's identity. */
    ask: (caseId: number, actor: StaffActor, question: string) =>
      act(caseId, "ask", actor, {
        message: { direction: "TO_CITIZEN", text: question, staffId: actor.id },
        notify: ["question"],
      }),

    citizenReply: (caseId: number, actor: CitizenActor, text: string) =>
      act(caseId, "citizen_reply", actor, { message: { direction: "FROM_CITIZEN", text }, notify: ["citizen_reply"] }),

    returnToDispatch: (caseId: number, actor: StaffActor, reason: string) =>
      act(caseId, "return", actor, {
        note: reason,
        patch: () => ({ departmentId: null, handlerId: null }),
        notify: ["case_returned"],
      }),

    /**
     * Answers and closes; a disclosure request's answer also states its statutory type. Complaints
     * linked to this one (并单) are answered with it, so every complainant hears the outcome.
     */
    async answer(caseId: number, actor: StaffActor, text: string, replyType?: DisclosureReplyType): Promise<ActionResult> {
      const answerOne = (id: number, note?: string) =>
        act(id, "answer", actor, {
          note: note ?? (replyType ? `${replyType}: ${text}` : text),
          patch: () => ({ answer: text, replyType: replyType ?? null, closedAt: now(), satisfied: null, handlerId: actor.id }),
          message: { direction: "TO_CITIZEN", text, staffId: actor.id },
          notify: ["case_answered"],
        });
      const r = await answerOne(caseId);
      if (!r.ok) return r;
      const linked = await prisma.case.findMany({ where: { linkedToId: caseId, status: { in: [...OPEN_STATUSES] } } });
      for (const l of linked) {
        if (l.status === "ASSIGNED" || l.status === "REOPENED") await act(l.id, "accept", actor, { patch: () => ({ handlerId: actor.id }) });
        await answerOne(l.id, `answered with ${r.case.number} (并单): ${text}`);
      }
      return r;
    },

    /** 并单: a complaint that repeats an open one of the same department follows it; its citizen is told. */
    link: (caseId: number, master: { id: number; number: string; similarity: number }) =>
      record(caseId, system, "link", {
        guard: (c) => (c.kind !== "COMPLAINT" || c.linkedToId !== null || !OPEN_STATUSES.includes(c.status) ? "not_allowed" : null),
        patch: () => ({ linkedToId: master.id }),
        note: `${master.number} ${master.similarity.toFixed(2)}`,
        notify: ["case_linked"],
      }),

    /**
     * The citizen rates the answer. Satisfied keeps the case closed; not satisfied reopens it to the
     * same department and tells its supervisor. Only the first rating of an answer counts.
     */
    async rate(caseId: number, actor: CitizenActor, satisfied: boolean): Promise<ActionResult> {
      if (!satisfied) {
        const c = await prisma.case.findUnique({ where: { id: caseId } });
        if (c && c.satisfied !== null) return { ok: false, reason: "not_allowed", status: c.status };
        return act(caseId, "reopen", actor, {
          patch: () => ({ satisfied: false, closedAt: null }),
          notify: ["case_reopened"],
        });
      }
      return record(caseId, actor, "rate", {
        guard: (c) => (c.citizenId !== actor.id ? "forbidden" : c.status !== "CLOSED" || c.satisfied !== null ? "not_allowed" : null),
        patch: () => ({ satisfied: true }),
        note: "satisfied",
        notify: ["case_rated"],
      });
    },

    /**
     * A deadline alarm fired for the due date `dueAt` (ms): the reminder, or the case turning
     * overdue, is marked once, and only while that due date is in force and the clock runs.
     */
    markDeadline: (caseId: number, dueAt: number, kind: "remind" | "overdue") =>
      record(caseId, system, kind, {
        guard: (c) =>
          !CLOCK_RUNNING_STATUSES.includes(c.status) ||
          c.dueAt.getTime() !== dueAt ||
          (kind === "remind" ? c.remindedAt : c.overdueAt) !== null ||
          (kind === "overdue" && now().getTime() < dueAt)
            ? "not_allowed"
            : null,
        patch: () => (kind === "remind" ? { remindedAt: now() } : { overdueAt: now() }),
        note: new Date(dueAt).toISOString(),
        notify: [kind === "remind" ? "case_due_soon" : "case_overdue"],
      }),

    /** Asks the applicant, once and not before `afterDays` days, whether a mediation agreement was carried out. */
    sendFollowup: (caseId: number, afterDays: number) =>
      record(caseId, system, "followup", {
        guard: (c) => {
          const d = c.details as MediationDetails | null;
          const due = c.closedAt && c.closedAt.getTime() + afterDays * 86_400_000 <= now().getTime();
          return c.outcome !== "agreement" || !d || d.followupSentAt || !due ? "not_allowed" : null;
        },
        patch: (c) => ({ details: { ...(c.details as MediationDetails), followupSentAt: now().toISOString() } }),
        notify: ["mediation_followup"],
      }),

    /** A supervisor (of the case's department) or an administrator urges the handler (催办). */
    urge: (caseId: number, actor: StaffActor) =>
      record(caseId, actor, "urge", {
        guard: (c) => (!supervisorOf(actor, c) ? "forbidden" : !OPEN_STATUSES.includes(c.status) ? "not_allowed" : null),
        notify: ["case_urged"],
      }),

    /** 补正: the handler asks the applicant to correct a disclosure request, within 7 working days of receipt; the clock stops. */
    requestCorrection: (caseId: number, actor: StaffActor, text: string) =>
      prisma.case.findUnique({ where: { id: caseId } }).then((c) =>
        c && (c.kind !== "DISCLOSURE" || now() > correctionDeadline(c.createdAt))
          ? ({ ok: false, reason: "not_allowed", status: c.status } as ActionResult)
          : act(caseId, "request_correction", actor, {
              message: { direction: "TO_CITIZEN", text, staffId: actor.id },
              patch: () => ({ correctionRequestedAt: now() }),
              notify: ["correction_requested"],
            }),
      ),

    /** The corrected request arrives: the period starts again from today. */
    correctionReceived: (caseId: number, actor: CitizenActor, text: string) =>
      act(caseId, "correction_received", actor, {
        message: { direction: "FROM_CITIZEN", text },
        patch: () => ({ dueAt: dueAfterCorrection(now()), remindedAt: null, overdueAt: null }),
        notify: ["correction_received"],
        jobs: [schedule(caseId)],
      }),

    /** The applicant never sent the correction: the request is closed, and both sides are told. */
    expireCorrection: (caseId: number, waitedDays: number) =>
      act(caseId, "correction_expired", system, {
        note: `no correction within ${waitedDays} working days`,
        patch: () => ({ closedAt: now() }),
        notify: ["correction_expired"],
      }),

    /** The mediator creates a one-time link for the other party to accept or decline in the citizen bot. */
    async inviteParty(caseId: number, actor: StaffActor): Promise<{ ok: true; token: string } | Extract<ActionResult, { ok: false }>> {
      const token = randomBytes(18).toString("base64url");
      const r = await record(caseId, actor, "invite_party", {
        guard: (c) => (!handlerOf(actor, c) ? "forbidden" : c.kind !== "MEDIATION" || !OPEN_STATUSES.includes(c.status) ? "not_allowed" : null),
        notify: [],
      });
      if (!r.ok) return r;
      await prisma.partyInvite.create({ data: { token, caseId } });
      return { ok: true, token };
    },

    /**
     * The other party answers, through the invitation (`token` and their citizen id) or as the
     * mediator records it. Mediation is voluntary: a refusal ends the case with advice on other channels.
     */
    async partyAnswer(
      caseId: number,
      accept: boolean,
      by: { token: string; citizenId: number } | { mediator: StaffActor },
    ): Promise<ActionResult> {
      if ("token" in by) {
        const claimed = await prisma.partyInvite.updateMany({ where: { token: by.token, caseId, usedAt: null }, data: { usedAt: now() } });
        if (claimed.count === 0) return { ok: false, reason: "not_allowed" };
      }
      const actor: Actor = "token" in by ? system : by.mediator;
      const answered = await record(caseId, actor, accept ? "party_accepted" : "party_declined", {
        guard: (c) =>
          "mediator" in by && !handlerOf(by.mediator, c)
            ? "forbidden"
            : c.kind !== "MEDIATION" || !OPEN_STATUSES.includes(c.status) || (c.details as MediationDetails | null)?.otherPartyAnswer
              ? "not_allowed"
              : null,
        patch: (c) => ({
          details: { ...(c.details as MediationDetails), otherPartyAnswer: accept ? "accepted" : "declined" },
          ...("token" in by ? { otherPartyCitizenId: by.citizenId } : {}),
        }),
        notify: accept ? ["party_accepted"] : [],
      });
      if (!answered.ok || accept) return answered;
      return act(caseId, "conclude", system, {
        note: "declined",
        patch: () => ({ outcome: "declined", closedAt: now() }),
        notify: ["party_declined"],
      });
    },

    /** The mediator records how it ended; an agreement's text goes to both parties, and its follow-up is planned. */
    conclude: (caseId: number, actor: StaffActor, outcome: (typeof OUTCOMES)[number], agreement?: string) =>
      act(caseId, "conclude", actor, {
        note: agreement ? `${outcome}: ${agreement}` : outcome,
        patch: () => ({ outcome, answer: agreement ?? null, closedAt: now(), handlerId: actor.id }),
        ...(agreement ? { message: { direction: "TO_CITIZEN" as const, text: agreement, staffId: actor.id } } : {}),
        notify: ["mediation_concluded"],
        jobs: outcome === "agreement" ? [schedule(caseId)] : [],
      }),

    /**
     * The citizen withdraws an open case (on /forget: consent withdrawn, PIPL art. 15): it closes
     * where it stood and the department's handler and supervisors are told.
     */
    withdraw: (caseId: number, actor: CitizenActor, reason: string) =>
      act(caseId, "withdraw", actor, {
        note: reason,
        patch: () => ({ closedAt: now(), outcome: "withdrawn" }),
        notify: ["case_withdrawn"],
      }),

    /** The applicant says whether the agreement was carried out (asked by the follow-up). */
    followupAnswer: (caseId: number, actor: CitizenActor, carriedOut: boolean) =>
      record(caseId, actor, carriedOut ? "agreement_carried_out" : "agreement_not_carried_out", {
        guard: (c) => {
          const d = c.details as MediationDetails | null;
          return c.citizenId !== actor.id ? "forbidden" : !d?.followupSentAt || d.carriedOut !== undefined ? "not_allowed" : null;
        },
        patch: (c) => ({ details: { ...(c.details as MediationDetails), carriedOut } }),
        notify: ["followup_answered"],
      }),

    /** A handler asks for the one extension a disclosure request may have (1–20 working days). */
    requestExtension: (caseId: number, actor: StaffActor, days: number, reason: string) =>
      record(caseId, actor, "request_extension", {
        guard: (c) =>
          !handlerOf(actor, c)
            ? "forbidden"
            : c.kind !== "DISCLOSURE" || c.extensionState !== null || !CLOCK_RUNNING_STATUSES.includes(c.status) || days < 1 || days > DISCLOSURE.maxExtensionDays
              ? "not_allowed"
              : null,
        patch: () => ({ extensionState: "requested", extensionDays: days }),
        note: reason,
        notify: ["extension_requested"],
      }),

    /** The department's supervisor approves or rejects it; approval moves the due date and re-plans the alarms. */
    decideExtension: (caseId: number, actor: StaffActor, approve: boolean) =>
      record(caseId, actor, approve ? "approve_extension" : "reject_extension", {
        guard: (c) => (!supervisorOf(actor, c) ? "forbidden" : c.extensionState !== "requested" ? "not_allowed" : null),
        patch: (c) =>
          approve
            ? { extensionState: "approved", dueAt: extendDue(c.dueAt, c.extensionDays ?? 1), remindedAt: null, overdueAt: null }
            : { extensionState: "rejected" },
        notify: [approve ? "extension_approved" : "extension_rejected"],
        jobs: approve ? [schedule(caseId)] : [],
      }),

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
