import type { StaffRole } from "../generated/prisma/enums.js";

/** Who acts on a case. What each may do is the table in `rules.ts`. */
export type StaffActor = { kind: "staff"; id: number; role: StaffRole; departmentId: number | null; active: boolean };
/** A citizen: the case's applicant, or (holding an invitation) a mediation's other party. */
export type CitizenActor = { kind: "citizen"; id: number };
export type SystemActor = { kind: "system" };
export type Actor = StaffActor | CitizenActor | SystemActor;

/** How the audit trail names an actor: staff by id, citizens never by identity. */
export function actorLabel(a: Actor): string {
  return a.kind === "system" ? "system" : a.kind === "citizen" ? "citizen" : `staff:${a.id}`;
}
