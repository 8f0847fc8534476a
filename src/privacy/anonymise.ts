import type { Tx } from "../db/prisma.js";

/** What replaces a personal text; fixed, so a report can count anonymised cases by it. */
export const ANONYMISED = "［已匿名化 · anonymised］";

/** The Citizen row anonymised cases belong to: Telegram ids are positive, so 0 is no one's. */
export const ARCHIVE_TELEGRAM_ID = 0n;

/**
 * Fields of a case's details that say nothing about a person and that statistics use (the form and
 * delivery of a disclosure request; a mediation's dispute type, size and how it went). Every other
 * field, including any added later, is personal until someone decides otherwise.
 */
const STATISTICAL_DETAILS = new Set([
  "form",
  "delivery",
  "disputeType",
  "people",
  "proactive",
  "otherPartyAnswer",
  "followupSentAt",
  "carriedOut",
  "otherCarriedOut",
  "judicialReminderSentAt",
  // A mediation agreement's dates (its text fields are personal and scrubbed).
  "draftedAt",
  "confirmedBy",
  "effectiveAt",
]);

/** Events whose notes the system wrote (ids, scores, dates); every other note may quote a person and is replaced. */
const MACHINE_NOTES = [
  "classify",
  "link",
  "remind",
  "overdue",
  "followup",
  "correction_expired",
  "anonymised",
  // The disclosure clock's (dates, the kind of consultation); a good reason for more 补正 time quotes a person.
  "correction_lapse_due",
  "consult",
  "consultation_answered",
  "consultation_ended",
  "due_recounted",
  // Which party confirmed or answered, and the agreement taking effect (人民调解法).
  "agreement_confirmed",
  "agreement_effective",
  "agreement_carried_out",
  "agreement_not_carried_out",
];

/** Keeps the shape (renderers still find their fields) but no personal value: texts become the marker. */
export function scrubDetails(value: unknown, key?: string): unknown {
  if (key !== undefined && STATISTICAL_DETAILS.has(key)) return value;
  if (typeof value === "string") return ANONYMISED;
  if (Array.isArray(value)) return [];
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDetails(v, k)]));
  }
  return null;
}

/**
 * Anonymises one closed case inside `tx` (PIPL art. 73(4): the person can no longer be identified,
 * and it cannot be undone): contacts, identity number and names, the text, relayed messages, the
 * answer, photos and documents (MediaFile rows) and place go; the case moves to the archive citizen, so nothing links it to a
 * Telegram account any more. What the archive and statistics need stays: number, kind, department,
 * handler, dates, status, priority, outcome, reply type, satisfaction, the audit trail's actions.
 * Writes the "anonymised" audit event. Returns false (and changes nothing) when already done.
 */
export async function anonymiseCase(
  tx: Tx,
  caseId: number,
  opts: { archiveCitizenId: number; reason: string; at: Date },
): Promise<boolean> {
  const c = await tx.case.findUnique({ where: { id: caseId } });
  if (!c || c.anonymisedAt || c.status !== "CLOSED") return false;
  const changed = await tx.case.updateMany({
    where: { id: caseId, anonymisedAt: null, status: "CLOSED" },
    data: {
      anonymisedAt: opts.at,
      citizenId: opts.archiveCitizenId,
      otherPartyCitizenId: null,
      submissionKey: `anonymised:${caseId}`,
      text: ANONYMISED,
      location: null,
      dupKeys: [],
      attachments: [],
      contactName: null,
      contactPhone: null,
      accessSecretHash: null,
      answer: c.answer === null ? null : ANONYMISED,
      reviewOpinion: c.reviewOpinion === null ? null : ANONYMISED,
      details: c.details === null ? undefined : (scrubDetails(c.details) as object),
    },
  });
  if (changed.count === 0) return false;
  await tx.caseMessage.updateMany({ where: { caseId }, data: { text: ANONYMISED } });
  // Notices kept for a chatless citizen's status page quote the case; its secret opens nothing any more.
  await tx.citizenNotice.deleteMany({ where: { caseId } });
  // Photos and documents (the citizen's and the answer's) are kept exactly as long as the case's other personal data.
  await tx.mediaFile.deleteMany({ where: { caseId } });
  await tx.caseEvent.updateMany({ where: { caseId, note: { not: null }, action: { notIn: MACHINE_NOTES } }, data: { note: ANONYMISED } });
  await tx.caseEvent.create({
    data: { caseId, actor: "system", action: "anonymised", fromStatus: c.status, toStatus: c.status, note: opts.reason },
  });
  return true;
}
