import type { Department } from "../generated/prisma/client.js";
import { sql, type Queryable } from "./sql.js";

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

  return {
    /** Every department, by id. */
    departments: async (): Promise<Department[]> => (await load()).list,
    department: async (id: number | null): Promise<Department | null> => (id === null ? null : ((await load()).byId.get(id) ?? null)),
    departmentByCode: async (code: string): Promise<Department | null> => (await load()).byCode.get(code) ?? null,
    /** Forget what was read (tests that change departments). */
    forget(): void {
      cached = null;
    },
  };
}

export type Reference = ReturnType<typeof createReference>;
