import type { Department } from "../generated/prisma/client.js";
import { sql, type Queryable } from "./sql.js";
import { batched } from "./batched.js";

/** Departments are seeded (prisma/seed.ts) and never changed by the running product; re-read now and then anyway. */
const DEPARTMENTS_TTL_MS = 60_000;

/**
 * Reference data every case reads and nobody changes at run time, cached per process: the
 * departments (routing, every notice and card). One read a minute instead of one per job.
 */
export function createReference(deps: { pool: Queryable; ttlMs?: number }) {
  const ttl = deps.ttlMs ?? DEPARTMENTS_TTL_MS;
  type Loaded = { at: number; list: Department[]; byId: Map<number, Department>; byCode: Map<string, Department> };
  let cached: Loaded | null = null;
  let loading: Promise<Loaded> | null = null;

  async function load(): Promise<Loaded> {
    if (cached && Date.now() - cached.at < ttl) return cached;
    loading ??= sql<Department>(deps.pool, `SELECT * FROM "Department" ORDER BY "id"`)
      .then((list) => {
        const loaded: Loaded = { at: Date.now(), list, byId: new Map(list.map((d) => [d.id, d])), byCode: new Map(list.map((d) => [d.code, d])) };
        cached = loaded;
        return loaded;
      })
      .finally(() => (loading = null));
    return loading;
  }

  // Staffing changes at run time (an invitation, a deactivation), so it is read, never cached; the
  // checks of concurrent route jobs share one statement (src/db/batched.ts).
  const staffedAmong = batched(async (ids: number[]) => {
    const rows = await sql<{ departmentId: number }>(
      deps.pool,
      `SELECT DISTINCT "departmentId" FROM "StaffMember" WHERE "departmentId" = ANY($1::int[]) AND "active" AND "role"::text IN ('HANDLER', 'SUPERVISOR')`,
      [[...new Set(ids)]],
    );
    const staffed = new Set(rows.map((r) => r.departmentId));
    return ids.map((id) => staffed.has(id));
  });

  return {
    /** Every department, by id. */
    departments: async (): Promise<Department[]> => (await load()).list,
    department: async (id: number | null): Promise<Department | null> => (id === null ? null : ((await load()).byId.get(id) ?? null)),
    departmentByCode: async (code: string): Promise<Department | null> => (await load()).byCode.get(code) ?? null,
    /** Whether the department has an active handler or supervisor now (someone to work a case routed there). */
    staffed: (departmentId: number): Promise<boolean> => staffedAmong(departmentId),
    /** Forget what was read (tests that change departments). */
    forget(): void {
      cached = null;
    },
  };
}

export type Reference = ReturnType<typeof createReference>;
