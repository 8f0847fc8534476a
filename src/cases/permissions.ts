import type { StaffRole } from "../generated/prisma/enums.js";

/** Who acts on a case. What each may do is the table in `rules.ts`. */
export type StaffActor = { kind: "staff"; id: number; role: StaffRole; departmentId: number | null; active: boolean };
/** A citizen: the case's applicant, or (holding an invitation) a mediation's other party. */
/** A citizen; `via`: a hotline operator acting for a caller without Telegram, who is named in the audit trail. */
export type CitizenActor = { kind: "citizen"; id: number; via?: { operatorId: number } };
export type SystemActor = { kind: "system" };
export type Actor = StaffActor | CitizenActor | SystemActor;

/** How the audit trail names an actor: staff by id, citizens never by identity. */
export function actorLabel(a: Actor): string {
  if (a.kind === "citizen") return a.via ? `operator:${a.via.operatorId}` : "citizen";
  return a.kind === "system" ? "system" : `staff:${a.id}`;
}
