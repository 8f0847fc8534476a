import type { JobRequest } from "../queues/definitions.js";
import { DISCLOSURE, extendDue } from "../clock/deadlines.js";
import { dueAfterWorkingDays, workingDaysBetween } from "../clock/calendar.js";
import { extendedDue, fixedDue, workingDue } from "../clock/due-recipe.js";
import { extendByCalendarDays } from "./time-limits.js";
import type { Case } from "../generated/prisma/client.js";
import type { Actor, CitizenActor, StaffActor } from "./permissions.js";
import type { Perform } from "./guarded.js";

/**
 * A consulted third party (条例 art. 32) or agency (art. 34) has 15 working days from receiving the
 * request for its opinion; after that the agency decides without it (art. 32), or the other agency
 * is taken to agree (art. 34), so the clock runs again.
 */
export const CONSULTATION_DAYS = 15;

/** The clock runs again from the day the answer was recorded, or from the end of the consultation's period. */
function resumeDay(c: Case, at: Date): Date {
  return c.consultationEndsAt && c.consultationEndsAt < at ? c.consultationEndsAt : at;
}

/** A disclosure request's own actions: 补正 and its outcome, and the one extension (Regulations on Open Government Information). */
export function createDisclosureActions(deps: {
  perform: Perform;
  schedule: (caseId: number) => JobRequest;
  periods: { correctionDays: number };
  /** A complaint's extension, in calendar days, is at most this (信访工作条例 art. 34). */
  complaintMaxExtensionDays?: number;
}) {
  const { perform, schedule, periods } = deps;
  /**
   * The due date an approved extension gives: a disclosure request's in working days on the same
   * count (条例 art. 33 ¶2); a complaint's in calendar days from the due moment in force (信访工作条例 art. 34).
   */
  const extended = (c: Case, days: number) =>
    c.kind === "COMPLAINT" ? fixedDue(extendByCalendarDays(c.dueAt, days)) : extendedDue(c, extendDue(c.dueAt, days), days);
  /** How long a consultation may stop the clock: a third party (art. 32) and a consulted agency (art. 34) each have 15 working days. */
  const consultationDays = (_kind: string) => CONSULTATION_DAYS;
  const system: Actor = { kind: "system" };

  return {
    /** 补正: the handler asks the applicant to correct a disclosure request, once, within 7 working days of receipt (art. 30); the clock stops. */
    requestCorrection: (caseId: number, actor: StaffActor, text: string) =>
      perform({
        action: "request_correction",
        caseId,
        actor,
        message: { direction: "TO_CITIZEN", text, staffId: actor.id },
        // The notice states a reasonable period, as a date, and what happens if it passes (art. 30).
        patch: (_c, at) => ({ correctionRequestedAt: at, correctionDueAt: dueAfterWorkingDays(at, periods.correctionDays), correctionLapseAskedAt: null }),
        notify: ["correction_requested"],
      }),

    /**
     * The corrected request arrives: the period starts again from today (art. 30). An extension
     * granted on the old period ends with it, so the handler may ask again on the new one.
     */
    correctionReceived: (caseId: number, actor: CitizenActor, text: string, files?: number[]) =>
      perform({
        action: "correction_received",
        caseId,
        actor,
        message: { direction: "FROM_CITIZEN", text, files },
        patch: (_c, at) => ({
          ...workingDue(at, DISCLOSURE.answerDays),
          remindedAt: null,
          overdueAt: null,
          extensionState: null,
          extensionDays: null,
          correctionLapseAskedAt: null,
        }),
        notify: ["correction_received"],
        jobs: [schedule(caseId)],
      }),

    /** The 补正 period passed with nothing received: the handler is asked to confirm the lapse (art. 30). */
    correctionLapseDue: (caseId: number) =>
      perform({
        action: "correction_lapse_due",
        caseId,
        actor: system,
        note: (c) => `no correction by ${c.correctionDueAt?.toISOString() ?? "-"}`,
        patch: (_c, at) => ({ correctionLapseAskedAt: at }),
        notify: ["correction_lapse_due"],
      }),

    /** The handler confirms that no correction came without good reason: 视为放弃申请, closed (art. 30). */
    expireCorrection: (caseId: number, actor: StaffActor) =>
      perform({
        action: "correction_expired",
        caseId,
        actor,
        note: (c) => `no correction by ${c.correctionDueAt?.toISOString() ?? "-"}; confirmed by the handler`,
        patch: (_c, at) => ({ closedAt: at }),
        notify: ["correction_expired"],
      }),

    /** The applicant had a good reason: the handler records it and gives `days` more working days from today. */
    giveCorrectionTime: (caseId: number, actor: StaffActor, days: number, reason: string) =>
      perform({
        action: "correction_more_time",
        caseId,
        actor,
        input: { days },
        note: reason,
        patch: (_c, at) => ({ correctionDueAt: dueAfterWorkingDays(at, days), correctionLapseAskedAt: null }),
        notify: ["correction_more_time"],
      }),

    /**
     * A third party (art. 32) or another agency (art. 34) is consulted: the working days the limit
     * still had are kept, and the due date moves to that many after the consultation's period ends
     * (art. 33 ¶3); recording the answer sooner brings it back.
     */
    consult: (caseId: number, actor: StaffActor, consultation: "third_party" | "agency") =>
      perform({
        action: "consult",
        caseId,
        actor,
        input: { consultation },
        note: consultation,
        patch: (c, at) => {
          const remaining = workingDaysBetween(at, c.dueAt);
          const endsAt = dueAfterWorkingDays(at, consultationDays(consultation));
          return {
            consultationKind: consultation,
            consultationStartedAt: at,
            consultationEndsAt: endsAt,
            consultationRemainingDays: remaining,
            ...workingDue(endsAt, remaining),
            remindedAt: null,
          };
        },
        notify: ["consultation_started"],
        jobs: [schedule(caseId)],
      }),

    /** The consulted party answered (the handler records it), or its period ended: the clock runs again from the next day. */
    resumeClock: (caseId: number, who: { actor: StaffActor } | { ended: true }) =>
      perform({
        action: "actor" in who ? "consultation_answered" : "consultation_ended",
        caseId,
        actor: "actor" in who ? who.actor : system,
        note: (c) => `${c.consultationKind ?? "-"} ${"actor" in who ? "answered" : "period ended"}`,
        patch: (c, at) => ({
          ...workingDue(resumeDay(c, at), c.consultationRemainingDays ?? 0),
          consultationKind: null,
          consultationStartedAt: null,
          consultationEndsAt: null,
          consultationRemainingDays: null,
          remindedAt: null,
        }),
        notify: ["consultation_resumed"],
        jobs: [schedule(caseId)],
      }),

    /** A provisional due date counted again after its year's official schedule was loaded. */
    recountDue: (caseId: number, fields: ReturnType<typeof workingDue>, consultationEndsAt?: Date) =>
      perform({
        action: "due_recounted",
        caseId,
        actor: system,
        input: { dueAt: fields.dueAt.getTime() },
        note: (c) => `${c.dueAt.toISOString()} -> ${fields.dueAt.toISOString()}`,
        patch: () => ({ ...fields, remindedAt: null, ...(consultationEndsAt ? { consultationEndsAt } : {}) }),
        notify: ["due_recounted"],
        jobs: [schedule(caseId)],
      }),

    consultationDays,

    /**
     * A handler asks for the one extension a disclosure request (1–20 working days, art. 33) or a
     * complaint (1–COMPLAINT_EXTENSION_MAX_DAYS calendar days, 信访工作条例 art. 34) may have, with its reason.
     */
    requestExtension: (caseId: number, actor: StaffActor, days: number, reason: string) =>
      perform({
        action: "request_extension",
        caseId,
        actor,
        input: { days, maxDays: deps.complaintMaxExtensionDays },
        patch: () => ({ extensionState: "requested", extensionDays: days }),
        note: reason,
        notify: ["extension_requested"],
      }),

    /** The department's supervisor approves or rejects it; approval moves the due date and re-plans the alarms. */
    decideExtension: (caseId: number, actor: StaffActor, approve: boolean) =>
      perform({
        action: approve ? "approve_extension" : "reject_extension",
        caseId,
        actor,
        patch: (c) =>
          approve
            ? {
                extensionState: "approved",
                ...extended(c, c.extensionDays ?? 1),
                remindedAt: null,
                // Granted during a consultation: the days are added to what remains once the clock runs again.
                ...(c.consultationStartedAt ? { consultationRemainingDays: (c.consultationRemainingDays ?? 0) + (c.extensionDays ?? 1) } : {}),
              }
            : { extensionState: "rejected" },
        notify: [approve ? "extension_approved" : "extension_rejected"],
        jobs: approve ? [schedule(caseId)] : [],
      }),
  };
}
