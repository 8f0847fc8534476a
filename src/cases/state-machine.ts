/**
 * The case statuses and the groups of them that rules and queries share. Which action leads from
 * which status to which, for whom and on which kind of case, is the table in `rules.ts`.
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

/** Statuses in which the case is still the government's to answer. */
export const OPEN_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter((s) => s !== "CLOSED");

/** Open statuses whose statutory clock runs (a 补正 stops it until the corrected request arrives). */
export const CLOCK_RUNNING_STATUSES: readonly CaseStatus[] = OPEN_STATUSES.filter((s) => s !== "AWAITING_CORRECTION");

/** Statuses in which a department holds the case and works it. */
export const WORKING_STATUSES: readonly CaseStatus[] = ["ASSIGNED", "IN_PROGRESS", "AWAITING_CITIZEN", "REOPENED"];
