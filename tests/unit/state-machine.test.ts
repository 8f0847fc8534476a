import { describe, expect, it } from "vitest";
import { CASE_ACTIONS, CASE_STATUSES, nextStatus, type CaseAction } from "../../src/cases/state-machine.js";
import type { CaseStatus } from "../../src/generated/prisma/enums.js";

/** The whole lifecycle written out by hand: every (status, action) pair not listed is forbidden. */
const ALLOWED: Record<string, CaseStatus> = {
  "SUBMITTED/route": "ASSIGNED",
  "SUBMITTED/escalate": "PENDING_DISPATCH",
  "PENDING_DISPATCH/assign": "ASSIGNED",
  "ASSIGNED/accept": "IN_PROGRESS",
  "REOPENED/accept": "IN_PROGRESS",
  "IN_PROGRESS/ask": "AWAITING_CITIZEN",
  "AWAITING_CITIZEN/citizen_reply": "IN_PROGRESS",
  "ASSIGNED/return": "PENDING_DISPATCH",
  "IN_PROGRESS/return": "PENDING_DISPATCH",
  "AWAITING_CITIZEN/return": "PENDING_DISPATCH",
  "REOPENED/return": "PENDING_DISPATCH",
  "IN_PROGRESS/answer": "CLOSED",
  "CLOSED/reopen": "REOPENED",
  "ASSIGNED/transfer": "ASSIGNED",
  "IN_PROGRESS/transfer": "ASSIGNED",
  "REOPENED/transfer": "ASSIGNED",
  "IN_PROGRESS/request_correction": "AWAITING_CORRECTION",
  "AWAITING_CORRECTION/correction_received": "IN_PROGRESS",
  "AWAITING_CORRECTION/correction_expired": "CLOSED",
  "ASSIGNED/conclude": "CLOSED",
  "IN_PROGRESS/conclude": "CLOSED",
  "AWAITING_CITIZEN/conclude": "CLOSED",
  "REOPENED/conclude": "CLOSED",
  "SUBMITTED/withdraw": "CLOSED",
  "PENDING_DISPATCH/withdraw": "CLOSED",
  "ASSIGNED/withdraw": "CLOSED",
  "IN_PROGRESS/withdraw": "CLOSED",
  "AWAITING_CITIZEN/withdraw": "CLOSED",
  "AWAITING_CORRECTION/withdraw": "CLOSED",
  "REOPENED/withdraw": "CLOSED",
};

const pairs = CASE_STATUSES.flatMap((s) => CASE_ACTIONS.map((a) => [s, a] as [CaseStatus, CaseAction]));

describe("case state machine", () => {
  it("covers all 8 statuses × 15 actions", () => {
    expect(pairs).toHaveLength(120);
  });

  it.each(pairs)("%s --%s-->", (status, action) => {
    expect(nextStatus(status, action)).toBe(ALLOWED[`${status}/${action}`] ?? null);
  });

  it("has no way out of CLOSED but the citizen's reopen", () => {
    const out = CASE_ACTIONS.filter((a) => nextStatus("CLOSED", a) !== null);
    expect(out).toEqual(["reopen"]);
  });
});
