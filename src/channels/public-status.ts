import type { Case } from "../generated/prisma/client.js";

type T = (key: string, vars?: Record<string, string | number>) => string;

/**
 * The outcome as anyone may read it: the status while open; once closed, how it ended (answered, a
 * disclosure answer's statutory type, a mediation's outcome, withdrawn, lapsed). Never the answer's
 * text, a name, a contact or a place.
 */
export function publicNote(t: T, c: Pick<Case, "status" | "kind" | "replyType" | "outcome" | "linkedToId">, closingAction: string | null): string {
  if (c.status !== "CLOSED") return t("open311-note-open", { status: t(`status-${c.status}`) });
  if (closingAction === "withdraw") return t("open311-note-withdrawn");
  if (closingAction === "correction_expired") return t("open311-note-correction-expired");
  if (closingAction === "party_declined" || c.outcome === "declined") return t("open311-note-declined");
  if (c.kind === "DISCLOSURE" && c.replyType) return t("open311-note-disclosure", { type: t(`reply-type-${c.replyType}`) });
  if (c.kind === "MEDIATION" && c.outcome) return t("open311-note-mediation", { outcome: t(`outcome-${c.outcome}`) });
  return t(c.linkedToId ? "open311-note-linked" : "open311-note-answered");
}

/** ISO 8601 in Beijing time (+08:00), as Open311 shows datetimes with the jurisdiction's offset. */
export function isoShanghai(at: Date): string {
  return `${new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}
