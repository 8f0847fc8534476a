/**
 * The case lifecycle as pure data. The case service is the only place that applies it.
 *
 *   SUBMITTED --route--> ASSIGNED --accept--> IN_PROGRESS --answer--> CLOSED
 *   SUBMITTED --escalate--> PENDING_DISPATCH --assign--> ASSIGNED
 *   IN_PROGRESS --ask--> AWAITING_CITIZEN --citizen_reply--> IN_PROGRESS
 *   ASSIGNED | IN_PROGRESS | AWAITING_CITIZEN | REOPENED --return--> PENDING_DISPATCH
 *   CLOSED --reopen (citizen not satisfied)--> REOPENED --accept--> IN_PROGRESS
 *   ASSIGNED | IN_PROGRESS | REOPENED --transfer (to another department)--> ASSIGNED
 *   IN_PROGRESS --request_correction (disclosure, 补正)--> AWAITING_CORRECTION --correction_received--> IN_PROGRESS
 *   AWAITING_CORRECTION --correction_expired (no correction in time)--> CLOSED
 *   ASSIGNED | IN_PROGRESS | AWAITING_CITIZEN | REOPENED --conclude (mediation outcome)--> CLOSED
 *   any open status --withdraw (the citizen withdraws, e.g. with their consent: PIPL art. 15)--> CLOSED
 */
import type { CaseStatus } from "../generated/prisma/enums.js";

export const CASE_STATUSES = [
  "SUBMITTED",
  "PENDING_DISPATCH",
  "ASSIGNED",
  "IN_PROGRESS",
  "AWAITING_CITIZEN",
  "AWAITING_CORRECTION",
  "CLOSED",
  "REOPENED",
] as const satisfies readonly CaseStatus[];

export const TRANSITIONS = {
  route: { from: ["SUBMITTED"], to: "ASSIGNED" },
  escalate: { from: ["SUBMITTED"], to: "PENDING_DISPATCH" },
  assign: { from: ["PENDING_DISPATCH"], to: "ASSIGNED" },
  accept: { from: ["ASSIGNED", "REOPENED"], to: "IN_PROGRESS" },
  ask: { from: ["IN_PROGRESS"], to: "AWAITING_CITIZEN" },
  citizen_reply: { from: ["AWAITING_CITIZEN"], to: "IN_PROGRESS" },
  return: { from: ["ASSIGNED", "IN_PROGRESS", "AWAITING_CITIZEN", "REOPENED"], to: "PENDING_DISPATCH" },
  answer: { from: ["IN_PROGRESS"], to: "CLOSED" },
  reopen: { from: ["CLOSED"], to: "REOPENED" },
  transfer: { from: ["ASSIGNED", "IN_PROGRESS", "REOPENED"], to: "ASSIGNED" },
  request_correction: { from: ["IN_PROGRESS"], to: "AWAITING_CORRECTION" },
  correction_received: { from: ["AWAITING_CORRECTION"], to: "IN_PROGRESS" },
  correction_expired: { from: ["AWAITING_CORRECTION"], to: "CLOSED" },
  /** A mediation ends: with an agreement, without one, withdrawn, or declined by the other party. */
  conclude: { from: ["ASSIGNED", "IN_PROGRESS", "AWAITING_CITIZEN", "REOPENED"], to: "CLOSED" },
  /** The citizen withdraws the case (with their consent to processing, PIPL art. 15): it ends wherever it stood. */
  withdraw: {
    from: ["SUBMITTED", "PENDING_DISPATCH", "ASSIGNED", "IN_PROGRESS", "AWAITING_CITIZEN", "AWAITING_CORRECTION", "REOPENED"],
    to: "CLOSED",
  },
} as const satisfies Record<string, { from: readonly CaseStatus[]; to: CaseStatus }>;

export type CaseAction = keyof typeof TRANSITIONS;
export const CASE_ACTIONS = Object.keys(TRANSITIONS) as CaseAction[];

/** The status `action` leads to from `from`, or null when the action is not allowed there. */
export function nextStatus(from: CaseStatus, action: CaseAction): CaseStatus | null {
  const t = TRANSITIONS[action];
  return (t.from as readonly CaseStatus[]).includes(from) ? t.to : null;
}

/** Statuses in which the case is still the government's to answer. */
export const OPEN_STATUSES: readonly CaseStatus[] = [
  "SUBMITTED",
  "PENDING_DISPATCH",
  "ASSIGNED",
  "IN_PROGRESS",
  "AWAITING_CITIZEN",
  "AWAITING_CORRECTION",
  "REOPENED",
];

/** Open statuses whose statutory clock runs (a 补正 stops it until the corrected request arrives). */
export const CLOCK_RUNNING_STATUSES: readonly CaseStatus[] = OPEN_STATUSES.filter((s) => s !== "AWAITING_CORRECTION");
