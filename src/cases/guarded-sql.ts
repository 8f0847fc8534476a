import type pg from "pg";
import type { Logger } from "../logger.js";
import type { Outbox, OutboxRow } from "../outbox/outbox.js";
import type { Case } from "../generated/prisma/client.js";
import { readCaseRow, statementName, utc, utcTypes } from "../db/sql.js";
import { allowed } from "./rules.js";
import { consequences, judged, LostRace, refuse, type ActionResult, type Step } from "./guarded.js";

/**
 * The Case columns a plain-SQL change may set, with the type each parameter is cast to. Names are
 * never taken from anywhere else, so the statement is built from this table only.
 */
const COLUMNS = {
  classifiedAt: "timestamp(3)",
  suggestedDepartmentCode: "text",
  confidence: "double precision",
  modelVersion: "text",
  classifierReasons: "jsonb",
  priority: '"Priority"',
  dueAt: "timestamp(3)",
  dueFrom: "timestamp(3)",
  dueWorkingDays: "int",
  dueProvisional: "boolean",
  remindedAt: "timestamp(3)",
  overdueAt: "timestamp(3)",
  departmentId: "int",
  linkedToId: "int",
} as const satisfies Partial<Record<keyof Case, string>>;

/** What a plain change may write to the row (undefined: left as it is). */
export type PlainPatch = { [K in keyof typeof COLUMNS]?: Case[K] };

/**
 * A step that needs nothing of a Prisma transaction: no relations to read, no message, label, `also`
 * or `then`; its patch names only the columns above.
 */
export type PlainStep = Omit<Step, "relations" | "patch" | "label" | "message" | "also" | "then"> & {
  patch?: (c: Case, at: Date) => PlainPatch;
};

function param(column: keyof typeof COLUMNS, value: unknown): unknown {
  if (value === null) return null;
  if (COLUMNS[column] === "jsonb") return JSON.stringify(value);
  return value instanceof Date ? utc(value) : value;
}

/**
 * The guarded change of `perform` (guarded.ts) for the system's steps on the workers' hot path
 * (classify, route, escalate, 并单), in plain SQL on the shared pool instead of a Prisma interactive
 * transaction (BEGIN, read, update, event, outbox, COMMIT: six round trips and Prisma's query
 * compiler on the event loop for each). Same semantics: the row is read and judged by the same
 * rules table (`allowed`), then ONE statement updates the row only if it is still as read (status
 * and updatedAt), writes the audit event and the outbox rows with data-modifying CTEs — atomic,
 * being one statement — and returns the rows to flush. A statement that updated nothing lost a race:
 * the case is read and judged again, as `perform` does.
 */
export function createPlainGuard(deps: { pool: pg.Pool; outbox: Outbox; logger: Logger; now: () => Date }) {
  const { pool, outbox, logger, now } = deps;

  async function apply(step: PlainStep, read: Case | null): Promise<{ case: Case; rows: OutboxRow[] }> {
    const c = read ?? (await readCaseRow(pool, step.caseId));
    if (!c) refuse("not_found");
    const at = now();
    const verdict = allowed(step.action, step.actor, c, { input: step.input ?? {}, now: at });
    if (!verdict.ok) refuse(verdict.reason, c.status);
    const { updatedAt, event, requests } = consequences(step, c, verdict, at);
    const patch = step.patch?.(c, at) ?? {};
    const values: unknown[] = [c.id, c.status, utc(c.updatedAt), verdict.to, utc(updatedAt)];
    const sets = (Object.keys(patch) as (keyof typeof COLUMNS)[])
      .filter((k) => patch[k] !== undefined)
      .map((k) => {
        if (!Object.hasOwn(COLUMNS, k)) throw new Error(`column ${String(k)} is not one a plain change may set`);
        values.push(param(k, patch[k]));
        return `"${k}" = $${values.length}::${COLUMNS[k]}`;
      });
    const jobs = outbox.columns(requests);
    const wall = utc(new Date());
    values.push(event.actor, event.action, event.note, wall, jobs.queues, jobs.names, jobs.payloads);
    const n = values.length;
    const text = `
        WITH c AS (
          UPDATE "Case" SET ${[...sets, `"status" = $4::"CaseStatus"`, `"updatedAt" = $5::timestamp(3)`].join(", ")}
          WHERE "id" = $1 AND "status" = $2::"CaseStatus" AND "updatedAt" = $3::timestamp(3)
          RETURNING *
        ), event AS (
          INSERT INTO "CaseEvent" ("caseId", "actor", "action", "fromStatus", "toStatus", "note", "createdAt")
          SELECT c."id", $${n - 6}, $${n - 5}, $2::"CaseStatus", $4::"CaseStatus", $${n - 4}, $${n - 3}::timestamp(3) FROM c
        ), jobs AS (
          INSERT INTO "OutboxMessage" ("queue", "name", "payload", "createdAt")
          SELECT j.queue, j.name, j.payload::jsonb, $${n - 3}::timestamp(3)
          FROM c, unnest($${n - 2}::text[], $${n - 1}::text[], $${n}::text[]) WITH ORDINALITY AS j(queue, name, payload, ord)
          ORDER BY j.ord
          RETURNING "id", "queue", "name", "payload"
        )
        SELECT c.*, (SELECT json_agg(jobs ORDER BY jobs."id") FROM jobs) AS outbox FROM c`;
    // Prepared per connection (src/db/sql.ts): one text per action's set of columns.
    const { rows } = await pool.query<Case & { outbox: OutboxRow[] | null }>({ name: statementName(text), text, values, types: utcTypes });
    const row = rows[0];
    // Someone else changed the case between our read and our write: nothing of ours was written.
    if (!row) throw new LostRace(`case ${c.id} changed while ${step.action} was applied`);
    const { outbox: written, ...updated } = row;
    (updated as Case).attachments ??= [];
    return { case: updated as Case, rows: written ?? [] };
  }

  /**
   * Applies `step` as `perform` does, in one statement. `read`: the case as the caller just read it
   * (SELECT * on the pool), judged as is — the guard on status and updatedAt catches any change
   * since, and a lost race reads it again — so the hot path reads each case once per job.
   */
  return async function performPlain(step: PlainStep, read?: Case): Promise<ActionResult> {
    const out = await judged(step, logger, (n) => apply(step, n === 1 ? (read ?? null) : null));
    if ("ok" in out) return out;
    // The rows in hand (RETURNING) go straight to Redis, with no read of them again.
    await outbox.flushQuietly(out.rows);
    return { ok: true, case: out.case };
  };
}

export type PerformPlain = ReturnType<typeof createPlainGuard>;
