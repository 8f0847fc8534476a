import type pg from "pg";
import type { Logger } from "../logger.js";
import type { Outbox, OutboxRow } from "../outbox/outbox.js";
import type { Case } from "../generated/prisma/client.js";
import { jsonArray, readCaseRow, statementName, utc, utcTypes } from "../db/sql.js";
import { batched } from "../db/batched.js";
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

/** A value as the text its column's cast reads (every column goes as text[] and is cast in the SET). */
function param(column: keyof typeof COLUMNS, value: unknown): string | null {
  if (value === null) return null;
  if (COLUMNS[column] === "jsonb") return JSON.stringify(value);
  return value instanceof Date ? utc(value) : String(value);
}

/** One judged change, ready to write: the row as read (the guard), what to set, its event and outbox rows. */
type Write = {
  id: number;
  fromStatus: string;
  fromUpdatedAt: string;
  toStatus: string;
  updatedAt: string;
  values: (string | null)[];
  actor: string;
  action: string;
  note: string | null;
  jobs: { queues: string[]; names: string[]; payloads: string[] };
};
type Written = { case: Case; rows: OutboxRow[] } | null;

/**
 * The statement for a batch of changes that set the same columns: every change's row is updated
 * only if it is still as read (status and updatedAt), and the audit event and outbox rows are
 * written for exactly the rows updated — atomic, being one statement. Two changes of one case in a
 * batch: Postgres updates the row once, with one of them; RETURNING names which (`_n`), and the
 * other lost the race as it would have in a statement of its own.
 */
function batchStatement(columns: (keyof typeof COLUMNS)[]): string {
  const first = 14;
  const sets = columns.map((k, i) => `"${k}" = i.v${i}::${COLUMNS[k]}`);
  const inputs = columns.map((_, i) => `$${first + i}::text[]`);
  const names = columns.map((_, i) => `v${i}`);
  return `
    WITH i AS (
      SELECT * FROM unnest($1::int[], $2::text[], $3::timestamp(3)[], $4::text[], $5::timestamp(3)[], $6::text[], $7::text[], $8::text[]${inputs.map((x) => `, ${x}`).join("")})
        WITH ORDINALITY AS i(id, from_status, from_at, to_status, at, actor, action, note${names.map((x) => `, ${x}`).join("")}, n)
    ), c AS (
      UPDATE "Case" k SET ${[...sets, `"status" = i.to_status::"CaseStatus"`, `"updatedAt" = i.at`].join(", ")}
      FROM i WHERE k."id" = i.id AND k."status" = i.from_status::"CaseStatus" AND k."updatedAt" = i.from_at
      RETURNING k.*, i.n AS "_n"
    ), event AS (
      INSERT INTO "CaseEvent" ("caseId", "actor", "action", "fromStatus", "toStatus", "note", "createdAt")
      SELECT c."id", i.actor, i.action, i.from_status::"CaseStatus", i.to_status::"CaseStatus", i.note, $9::timestamp(3)
      FROM c JOIN i ON i.n = c."_n"
    ), jobs AS (
      INSERT INTO "OutboxMessage" ("queue", "name", "payload", "createdAt")
      SELECT j.queue, j.name, j.payload, $9::timestamp(3)
      FROM c JOIN i ON i.n = c."_n" JOIN ROWS FROM (unnest($10::int[]), unnest($11::text[]), unnest($12::text[]), jsonb_array_elements($13::jsonb)) WITH ORDINALITY AS j(n, queue, name, payload, ord) ON j.n = c."_n"
      -- A case leaving SUBMITTED (routed, escalated) has no staff card to redraw unless it went
      -- overdue first (case_overdue, to the dispatchers, is the only notice with a card that a case
      -- gets before it is routed) and so has one: its case_cards job is not written.
      WHERE j.name <> 'case_cards' OR i.from_status <> 'SUBMITTED' OR c."overdueAt" IS NOT NULL
         OR EXISTS (SELECT 1 FROM "StaffCard" s WHERE s."caseId" = c."id")
      ORDER BY j.ord
      RETURNING "id", "queue", "name", "payload"
    )
    -- Every outbox row written, once (on the first row).
    SELECT c.*, CASE WHEN c."_n" = (SELECT min("_n") FROM c) THEN (SELECT json_agg(jobs ORDER BY jobs."id") FROM jobs) END AS outbox
    FROM c ORDER BY c."_n"`;
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
 *
 * Changes judged while one statement runs go together in the next (src/db/batched.ts), one
 * statement per set of columns: under load the workers' classifications of many cases are one
 * round trip; each change still stands or falls on its own row.
 */
export function createPlainGuard(deps: { pool: pg.Pool; outbox: Outbox; logger: Logger; now: () => Date }) {
  const { pool, outbox, logger, now } = deps;

  const writers = new Map<string, (w: Write) => Promise<Written>>();
  function writerFor(columns: (keyof typeof COLUMNS)[]): (w: Write) => Promise<Written> {
    const key = columns.join(",");
    let writer = writers.get(key);
    if (!writer) {
      const text = batchStatement(columns);
      writer = batched((ws: Write[]) => writeBatch(text, columns.length, ws));
      writers.set(key, writer);
    }
    return writer;
  }

  async function writeBatch(text: string, width: number, batch: Write[]): Promise<Written[]> {
    // In the order of case ids: two batches that share cases lock their rows in the same order.
    const order = batch.map((_, k) => k).sort((a, b) => batch[a].id - batch[b].id);
    const ws = order.map((k) => batch[k]);
    const column = <T>(f: (w: Write) => T) => ws.map(f);
    const values: unknown[] = [
      column((w) => w.id),
      column((w) => w.fromStatus),
      column((w) => w.fromUpdatedAt),
      column((w) => w.toStatus),
      column((w) => w.updatedAt),
      column((w) => w.actor),
      column((w) => w.action),
      column((w) => w.note),
      utc(new Date()),
      ws.flatMap((w, k) => w.jobs.queues.map(() => k + 1)),
      ws.flatMap((w) => w.jobs.queues),
      ws.flatMap((w) => w.jobs.names),
      jsonArray(ws.flatMap((w) => w.jobs.payloads)),
      ...Array.from({ length: width }, (_, i) => column((w) => w.values[i])),
    ];
    // Prepared per connection (src/db/sql.ts): one text per set of columns.
    const { rows } = await pool.query<Case & { _n: bigint; outbox: OutboxRow[] | null }>({ name: statementName(text), text, values, types: utcTypes });
    // The outbox rows of every change that won, in the order written (ids follow it): each change's share in turn.
    const written = rows[0]?.outbox ?? [];
    const out: Written[] = batch.map(() => null);
    let next = 0;
    for (const { _n, outbox: _, ...updated } of rows) {
      const k = Number(_n) - 1;
      (updated as Case).attachments ??= [];
      // Its rows are the next ones, but for a case_cards the statement left out (see batchStatement).
      const mine: OutboxRow[] = [];
      for (const name of ws[k].jobs.names) {
        const row = written[next];
        const skipped = name === "case_cards" && (row?.name !== name || (row.payload as { caseId?: number }).caseId !== ws[k].id);
        if (!skipped) mine.push(written[next++]);
      }
      out[order[k]] = { case: updated as Case, rows: mine };
    }
    return out;
  }

  async function apply(step: PlainStep, read: Case | null): Promise<{ case: Case; rows: OutboxRow[] }> {
    const c = read ?? (await readCaseRow(pool, step.caseId));
    if (!c) refuse("not_found");
    const at = now();
    const verdict = allowed(step.action, step.actor, c, { input: step.input ?? {}, now: at });
    if (!verdict.ok) refuse(verdict.reason, c.status);
    const { updatedAt, event, requests } = consequences(step, c, verdict, at);
    const patch = step.patch?.(c, at) ?? {};
    const columns = (Object.keys(patch) as (keyof typeof COLUMNS)[]).filter((k) => patch[k] !== undefined).sort();
    for (const k of columns) if (!Object.hasOwn(COLUMNS, k)) throw new Error(`column ${String(k)} is not one a plain change may set`);
    const done = await writerFor(columns)({
      id: c.id,
      fromStatus: c.status,
      fromUpdatedAt: utc(c.updatedAt),
      toStatus: verdict.to,
      updatedAt: utc(updatedAt),
      values: columns.map((k) => param(k, patch[k])),
      actor: event.actor,
      action: event.action,
      note: event.note,
      jobs: outbox.columns(requests),
    });
    // Someone else changed the case between our read and our write: nothing of ours was written.
    if (!done) throw new LostRace(`case ${c.id} changed while ${step.action} was applied`);
    return done;
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
