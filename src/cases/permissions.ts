import type { CaseAction } from "./state-machine.js";
import type { StaffRole } from "../generated/prisma/enums.js";

export type StaffActor = { kind: "staff"; id: number; role: StaffRole; departmentId: number | null; active: boolean };
export type CitizenActor = { kind: "citizen"; id: number };
export type SystemActor = { kind: "system" };
export type Actor = StaffActor | CitizenActor | SystemActor;

export function actorLabel(a: Actor): string {
  return a.kind === "system" ? "system" : a.kind === "citizen" ? "citizen" : `staff:${a.id}`;
}

const SYSTEM_ACTIONS: readonly CaseAction[] = ["route", "escalate", "correction_expired", "conclude"];
const CITIZEN_ACTIONS: readonly CaseAction[] = ["citizen_reply", "reopen", "correction_received", "withdraw"];
const DEPARTMENT_ACTIONS: readonly CaseAction[] = ["accept", "ask", "return", "answer", "transfer", "request_correction", "conclude"];

/**
 * Who may do what to which case. Handlers and supervisors act on their own department's cases;
 * dispatchers assign unrouted ones; a citizen acts only on their own cases.
 */
export function mayAct(
  actor: Actor,
  action: CaseAction,
  c: { citizenId: number; departmentId: number | null },
): boolean {
  switch (actor.kind) {
    case "system":
      return SYSTEM_ACTIONS.includes(action);
    case "citizen":
      return CITIZEN_ACTIONS.includes(action) && actor.id === c.citizenId;
    case "staff":
      if (!actor.active) return false;
      if (actor.role === "ADMIN") return action === "assign" || DEPARTMENT_ACTIONS.includes(action);
      if (action === "assign") return actor.role === "DISPATCHER";
      if (!DEPARTMENT_ACTIONS.includes(action)) return false;
      return (
        (actor.role === "HANDLER" || actor.role === "SUPERVISOR") &&
        actor.departmentId !== null &&
        actor.departmentId === c.departmentId
      );
  }
}
