import type { StaffRole } from "../generated/prisma/enums.js";

/** What a signed-in staff member may read on the web desk: every department, or one. */
export type WebScope = { all: true } | { all: false; departmentId: number };

/**
 * The web desk's one authorization rule (issue 13): an admin and the legal office see everything;
 * a handler and a supervisor see their own department; anyone else (dispatchers, a handler
 * without a department) gets no web desk at all. Every page and export asks this server-side.
 */
export function webScope(role: StaffRole, departmentId: number | null): WebScope | null {
  if (role === "ADMIN" || role === "LEGAL_OFFICE") return { all: true };
  if ((role === "HANDLER" || role === "SUPERVISOR") && departmentId !== null) return { all: false, departmentId };
  return null;
}

/** True when the scope covers a case or figures of `departmentId` (null: not yet routed, district-wide only). */
export function scopeCovers(scope: WebScope, departmentId: number | null): boolean {
  return scope.all || scope.departmentId === departmentId;
}

/** The Prisma `where` fragment that keeps a query inside the scope. */
export function scopeWhere(scope: WebScope): { departmentId?: number } {
  return scope.all ? {} : { departmentId: scope.departmentId };
}
