import { describe, expect, it } from "vitest";
import { mayAct, type Actor } from "../../src/cases/permissions.js";
import { CASE_ACTIONS } from "../../src/cases/state-machine.js";

const theCase = { citizenId: 7, departmentId: 1 };
const staff = (role: "HANDLER" | "DISPATCHER" | "SUPERVISOR" | "ADMIN", departmentId: number | null, active = true): Actor => ({
  kind: "staff",
  id: 1,
  role,
  departmentId,
  active,
});

describe("who may act on a case", () => {
  it("lets a handler of the case's department work it, and nothing else", () => {
    const allowed = CASE_ACTIONS.filter((a) => mayAct(staff("HANDLER", 1), a, theCase));
    expect(allowed).toEqual(["accept", "ask", "return", "answer", "transfer", "request_correction", "conclude"]);
  });

  it("refuses a handler of another department every action", () => {
    expect(CASE_ACTIONS.filter((a) => mayAct(staff("HANDLER", 2), a, theCase))).toEqual([]);
    expect(CASE_ACTIONS.filter((a) => mayAct(staff("SUPERVISOR", 2), a, theCase))).toEqual([]);
  });

  it("refuses deactivated staff", () => {
    expect(CASE_ACTIONS.filter((a) => mayAct(staff("HANDLER", 1, false), a, theCase))).toEqual([]);
  });

  it("lets dispatchers assign, and only assign", () => {
    expect(CASE_ACTIONS.filter((a) => mayAct(staff("DISPATCHER", null), a, theCase))).toEqual(["assign"]);
  });

  it("lets a citizen reply to and reopen only their own case", () => {
    expect(CASE_ACTIONS.filter((a) => mayAct({ kind: "citizen", id: 7 }, a, theCase))).toEqual([
      "citizen_reply",
      "reopen",
      "correction_received",
      "withdraw",
    ]);
    expect(CASE_ACTIONS.filter((a) => mayAct({ kind: "citizen", id: 8 }, a, theCase))).toEqual([]);
  });

  it("keeps routing to the system", () => {
    expect(CASE_ACTIONS.filter((a) => mayAct({ kind: "system" }, a, theCase))).toEqual(["route", "escalate", "correction_expired", "conclude"]);
  });
});
