import { z } from "zod";

/**
 * Every queue and the payload its jobs carry. Payloads hold ids only, never personal data:
 * processors read what they need from the database.
 */
export const NOTIFY_TYPES = [
  "case_routed",
  "case_escalated",
  "case_assigned",
  "case_transferred",
  "case_accepted",
  "question",
  "citizen_reply",
  "case_returned",
  "case_answered",
  "case_reopened",
  "case_rated",
  "case_due_soon",
  "case_overdue",
  "case_urged",
  "correction_requested",
  "correction_received",
  "extension_requested",
  "extension_approved",
  "extension_rejected",
  "correction_expired",
  "case_linked",
  "party_accepted",
  "party_declined",
  "mediation_concluded",
  "mediation_followup",
  "followup_answered",
  "emergency_reported",
  "case_withdrawn",
  /** After every change of a case: each staff card of it is edited to show the case as it is now. */
  "case_cards",
  "correction_lapse_due",
  "correction_more_time",
  "consultation_started",
  "consultation_resumed",
  "due_recounted",
  /** An urgent (safety) complaint reached its department: its supervisors are alerted at once (信访工作条例 art. 23). */
  "complaint_urgent",
  /** A complaint's review (复查) was decided (信访工作条例 art. 35). */
  "review_decided",
  /** A mediation agreement entered by the mediator, for both parties to confirm (人民调解法 art. 29). */
  "agreement_drafted",
  /** One party confirmed it; the other is asked to, and the mediator told. */
  "agreement_confirmed",
  /** Both parties were reminded that the judicial-confirmation window closes (人民调解法 art. 33). */
  "judicial_reminder",
  // Administrative reconsideration (src/notifications/reconsideration-notices.ts).
  "rc_accepted",
  "rc_not_accepted",
  "rc_correction_requested",
  "rc_correction_received",
  "rc_correction_expired",
  "rc_deemed_accepted",
  "rc_handler_assigned",
  "rc_hearing_scheduled",
  "rc_hearing_confirmed",
  "rc_reply_received",
  "rc_reply_due_soon",
  "rc_extended",
  "rc_decision_proposed",
  "rc_decision_rejected",
  "rc_decided",
  "rc_ended",
  // Published results (item 31): to the supervisor with the stripped copy; the handler hears the
  // decision, and an approved one is posted to the public channel when one is configured.
  "publication_proposed",
  "publication_approved",
  "publication_declined",
  /** The legal office reviewed the case file: to the department's supervisors. */
  "case_reviewed",
  /** To whoever wrote a message Telegram refused for good (a handler's answer, a citizen's reply): it did not arrive. */
  "send_failed",
  // Staff notices that belong to no case: one outbox row per recipient, so a retry or a blocked
  // recipient never makes the others hear it twice.
  "digest",
  "calendar_fallback",
  /** To administrators: work failed for good or a recipient can never be reached. */
  "admin_alert",
] as const;
export type NotifyType = (typeof NOTIFY_TYPES)[number];

const outboxRef = { outboxId: z.number().int().positive().optional() };

export const payloadSchemas = {
  classify: z.object({ caseId: z.number().int().positive(), ...outboxRef }),
  route: z.object({ caseId: z.number().int().positive(), ...outboxRef }),
  notify: z.object({
    type: z.enum(NOTIFY_TYPES),
    /** Every type but the staff notices is about a case. */
    caseId: z.number().int().positive().optional(),
    /** CaseMessage id for relayed questions and replies. */
    messageId: z.number().int().positive().optional(),
    /** digest and calendar_fallback: the one staff member it is for, the day or year it is about. */
    staffId: z.number().int().positive().optional(),
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    year: z.number().int().optional(),
    /** admin_alert: the failed outbox row (if any) and why, in system words (never personal data). */
    failedOutboxId: z.number().int().positive().optional(),
    reason: z.string().max(300).optional(),
    /** send_failed: the notice that could not be delivered. */
    failedType: z.enum(NOTIFY_TYPES).optional(),
    ...outboxRef,
  }),
  /**
   * schedule: (re)plan a case's reminder and overdue jobs; remind/overdue fire for the due date `dueAt` (ms).
   * An outbox row of a remind/overdue alarm written with its case carries `at` (ms): the outbox adds it
   * as that delayed job itself (src/deadlines/alarms.ts), and the job it adds has no `at`.
   */
  deadlines: z.object({
    task: z.enum(["schedule", "remind", "overdue", "followup", "judicial_reminder"]),
    caseId: z.number().int().positive(),
    dueAt: z.number().int().optional(),
    at: z.number().int().optional(),
    ...outboxRef,
  }),
  maintenance: z.object({
    task: z.enum(["sweep", "retrain", "digest", "calendar-fallback", "retention"]),
    year: z.number().int().optional(),
    /** A retrain written to the outbox after every RETRAIN_AFTER_LABELS new labels. */
    ...outboxRef,
  }),
} as const;

export type QueueName = keyof typeof payloadSchemas;
export const QUEUE_NAMES = Object.keys(payloadSchemas) as QueueName[];
export type Payload<Q extends QueueName> = z.infer<(typeof payloadSchemas)[Q]>;

/** A unit of work as the case service writes it to the outbox. */
export type JobRequest = { [Q in QueueName]: { queue: Q; payload: Omit<Payload<Q>, "outboxId"> } }[QueueName];
