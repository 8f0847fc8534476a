import type pg from "pg";
import type { Logger } from "../logger.js";
import { batched, batchedPer } from "../db/batched.js";
import type { Prisma, Tx } from "../db/prisma.js";
import type { JobRequest } from "../queues/definitions.js";
import type { Queues } from "../queues/queues.js";
import { sql, utc } from "../db/sql.js";
import { groupBy } from "../util/group.js";
import { alarmJob, alarmOf } from "../deadlines/alarms.js";

/** An outbox row as read or just written. */
export type OutboxRow = { id: number; queue: string; name: string; payload: unknown; enqueuedAt?: Date | null };
type Row = OutboxRow;

type BulkJob = { name: string; data: unknown; opts: object };
/** One `addBulk` for the jobs of several flushes (the batch kind of `addToQueue` below). */
async function addJobs(queue: { addBulk(jobs: BulkJob[]): Promise<unknown> }, lists: BulkJob[][]): Promise<void[]> {
  await queue.addBulk(lists.flat());
  return lists.map(() => undefined);
}

/**
 * Transactional outbox. Work is written in the same transaction as the state change that causes
 * it, so a crash between commit and enqueue loses nothing: `flush` runs right after commit and
 * again from the sweep. BullMQ job ids derive from the row id, so a double flush adds one job.
 *
 * A deadline alarm written with its case (src/deadlines/alarms.ts) is added as the delayed job
 * itself, under the alarm's own id (the one a deadlines rebuild gives it), and its row is complete
 * once Redis holds it: arming was its work, and from then on the case's clock fields in the database
 * are what a rebuild after a Redis loss re-arms from, as for every other alarm.
 */
export function createOutbox(deps: {
  prisma: Prisma;
  pool: pg.Pool;
  queues: Queues;
  logger: Logger;
  /** The core's clock: an alarm's delay is counted from it, as the deadlines rebuild counts it. */
  now?: () => Date;
}) {
  const { prisma, pool, queues, logger } = deps;
  const clock = deps.now ?? (() => new Date());

  type AnyQueue = {
    getJob(id: string): Promise<unknown>;
    add(name: string, data: unknown, opts: object): Promise<unknown>;
    addBulk(jobs: BulkJob[]): Promise<unknown>;
  };

  /** The BullMQ job a row becomes: `ob-<id>` carrying the row's id, or a deadline alarm (above). */
  function jobOf(row: Row, nowMs: number): { name: string; data: object; opts: { jobId: string; delay?: number }; alarm: boolean } {
    const alarm = alarmOf(row.queue, row.payload);
    if (alarm) return { ...alarmJob(alarm, nowMs), alarm: true };
    return { name: row.name, data: { ...(row.payload as object), outboxId: row.id }, opts: { jobId: `ob-${row.id}` }, alarm: false };
  }

  /**
   * Adds a row to its queue (BullMQ ignores a second add of the same job id). With `onlyIfGone`,
   * only when Redis no longer has that job. False when nothing was added.
   */
  async function enqueue(row: Row, opts: { onlyIfGone?: boolean } = {}): Promise<boolean> {
    const queue = queues[row.queue as keyof Omit<Queues, "close">] as unknown as AnyQueue | undefined;
    if (!queue) {
      logger.error({ outboxId: row.id, queue: row.queue }, "outbox row names an unknown queue");
      return false;
    }
    const job = jobOf(row, clock().getTime());
    if (opts.onlyIfGone && (await queue.getJob(job.opts.jobId))) return false;
    await queue.add(job.name, job.data, job.opts);
    return true;
  }

  /** The row's name: a notification's type, else the queue's name. */
  const nameOf = (r: JobRequest) => (r.queue === "notify" ? r.payload.type : r.queue);

  /** Writes the requests in the caller's transaction, in one statement; ids in request order. */
  async function write(tx: Tx, requests: JobRequest[]): Promise<number[]> {
    if (requests.length === 0) return [];
    const rows = await tx.outboxMessage.createManyAndReturn({
      data: requests.map((r) => ({ queue: r.queue, name: nameOf(r), payload: r.payload })),
      select: { id: true },
    });
    return rows.map((r) => r.id).sort((a, b) => a - b);
  }

  /**
   * Columns for writing rows inside a plain-SQL statement (the submit's one statement), as arrays
   * for `unnest`; the statement merges in the ids it makes itself (a new case's id).
   */
  function columns(requests: JobRequest[]): { queues: string[]; names: string[]; payloads: string[] } {
    return { queues: requests.map((r) => r.queue), names: requests.map(nameOf), payloads: requests.map((r) => JSON.stringify(r.payload)) };
  }

  /**
   * Rows are marked enqueued, and done, in batches: while one UPDATE runs, the ids flushed or
   * finished meanwhile wait for the next, so under load many submits and jobs share one round trip.
   * A caller returns once its ids are marked. Rows in `done` (alarm rows once armed, and rows whose
   * job has finished: `complete`) are marked complete in the same statement, unless already complete
   * or failed for good; a row keeps the time it was first enqueued. Completions had a batch of their
   * own (a second UPDATE of the same table, in flight beside this one); sharing it saved ~0.2 round
   * trips a case in bench:pipeline.
   */
  const markEnqueued = batched(async (lists: { ids: number[]; done: number[] }[]) => {
    // Through `sql`, so a prepared statement: it ran unnamed (parsed and planned by Postgres each
    // time, ~0.7 times a case) until session 12.
    await sql(
      pool,
      `UPDATE "OutboxMessage" SET "enqueuedAt" = COALESCE("enqueuedAt", $1::timestamp(3)),
         "completedAt" = CASE WHEN "id" = ANY($3::int[]) AND "completedAt" IS NULL AND "failedAt" IS NULL THEN $1::timestamp(3) ELSE "completedAt" END
       WHERE "id" = ANY($2::int[]) AND ("enqueuedAt" IS NULL OR ("id" = ANY($3::int[]) AND "completedAt" IS NULL AND "failedAt" IS NULL))`,
      [utc(new Date()), lists.flatMap((l) => l.ids), lists.flatMap((l) => l.done)],
    );
    return lists.map(() => undefined);
  });

  /**
   * The jobs of flushes running at once go to each queue together (`addJobs`): while one `addBulk`
   * runs, what other flushes bring for that queue waits for the next, so under load many submits and
   * jobs share one MULTI. Each `addBulk` builds an ioredis pipeline, and building one copies every
   * BullMQ script onto it: ~7% of the submitting process's CPU in bench:pipeline when each submit
   * built its own. Job ids from the rows keep a row flushed twice in one batch one job.
   */
  const addToQueue = (queue: AnyQueue, jobs: BulkJob[]): Promise<void> => batchedPer(queue, addJobs)(jobs);

  /** Adds rows already in hand (just written) to their queues, in bulk per queue, and marks them enqueued. */
  async function flushRows(rows: Row[]): Promise<number> {
    const byQueue = groupBy(rows, (r) => r.queue);
    const enqueued: number[] = [];
    const armed: number[] = [];
    const nowMs = clock().getTime();
    await Promise.all(
      [...byQueue].map(async ([name, list]) => {
        const queue = queues[name as keyof Omit<Queues, "close">] as unknown as AnyQueue | undefined;
        if (!queue) {
          logger.error({ outboxIds: list.map((r) => r.id), queue: name }, "outbox row names an unknown queue");
          return;
        }
        const jobs = list.map((r) => jobOf(r, nowMs));
        await addToQueue(queue, jobs.map(({ name, data, opts }) => ({ name, data, opts })));
        list.forEach((r, i) => (jobs[i].alarm ? armed : enqueued).push(r.id));
      }),
    );
    if (enqueued.length || armed.length) await markEnqueued({ ids: [...enqueued, ...armed], done: armed });
    return enqueued.length + armed.length;
  }

  /** Moves rows to their queues: the given ids, or every row not yet enqueued and older than `olderThanMs`. */
  async function flush(ids?: number[], olderThanMs = 0): Promise<number> {
    // Plain SQL: every case change flushes its rows right after commit (Prisma's query compiler cost
    // more CPU than the query, twice per case in the workers).
    const rows = await sql<Row>(
      pool,
      `SELECT "id", "queue", "name", "payload" FROM "OutboxMessage" WHERE "enqueuedAt" IS NULL AND "failedAt" IS NULL AND ${
        ids ? `"id" = ANY($1::int[])` : `"createdAt" <= $1`
      } ORDER BY "id" LIMIT 500`,
      [ids ?? utc(new Date(Date.now() - olderThanMs))],
    );
    // In bulk, one call per queue and one update: a fan-out (a digest to every supervisor) reaches
    // the workers at once instead of one row per round trip. Job ids from the rows keep it idempotent.
    await flushRows(rows);
    return rows.length;
  }

  /**
   * Rows that reached Redis long ago but were never completed go in again: if Redis lost the job
   * (evicted, or removed), it is re-added; if the job still exists (waiting, delayed, retrying),
   * adding under the same job id does nothing. Rows that failed for good are never resurrected.
   */
  async function requeueStale(olderThanMs: number, limit = 200): Promise<number> {
    const rows = await prisma.outboxMessage.findMany({
      where: { completedAt: null, failedAt: null, enqueuedAt: { lte: new Date(Date.now() - olderThanMs) } },
      orderBy: { enqueuedAt: "asc" },
      take: limit,
    });
    let added = 0;
    for (const row of rows) if (await enqueue(row, { onlyIfGone: true })) added++;
    return added;
  }

  /**
   * After Redis lost its data: every row neither completed nor failed goes to its queue again, in
   * bulk (the job id from the row makes a job Redis still has a no-op).
   */
  async function requeueAll(): Promise<number> {
    let total = 0;
    for (let after = 0; ; ) {
      const rows = await prisma.outboxMessage.findMany({
        where: { completedAt: null, failedAt: null, id: { gt: after } },
        orderBy: { id: "asc" },
        take: 1000,
      });
      if (rows.length === 0) return total;
      after = rows[rows.length - 1].id;
      // Rows already enqueued keep their enqueuedAt (flushRows marks only those without one).
      await flushRows(rows);
      total += rows.length;
    }
  }

  /**
   * Enqueues after commit; a failure here is logged and left to the sweep. Rows in hand (a
   * statement's RETURNING) go straight to Redis; bare ids are read first.
   */
  async function flushQuietly(what: number[] | Row[]): Promise<void> {
    if (what.length === 0) return;
    try {
      if (typeof what[0] === "number") await flush(what as number[]);
      else await flushRows(what as Row[]);
    } catch (err) {
      logger.warn({ err, ids: what.map((r) => (typeof r === "number" ? r : r.id)) }, "outbox flush failed; the sweep will retry");
    }
  }

  /** Whether this row's work is still to do, done, or failed for good (for processors not guarded by state). */
  async function state(outboxId: number | undefined): Promise<"open" | "done" | "failed"> {
    if (!outboxId) return "open";
    const [row] = await sql<{ done: boolean; failed: boolean }>(
      pool,
      `SELECT "completedAt" IS NOT NULL AS done, "failedAt" IS NOT NULL AS failed FROM "OutboxMessage" WHERE "id" = $1`,
      [outboxId],
    );
    return row?.done ? "done" : row?.failed ? "failed" : "open";
  }

  /**
   * Marks the row's work done for good (the sweep and a Redis rebuild leave it alone from then on),
   * in the enqueued marks' batch (above): one autocommitted statement shared with the jobs that
   * finish or flush meanwhile (Prisma's updateMany was BEGIN/UPDATE/COMMIT per job). The caller
   * waits for its own row before its job counts as done.
   */
  async function complete(outboxId: number | undefined): Promise<void> {
    if (outboxId) await markEnqueued({ ids: [outboxId], done: [outboxId] });
  }

  return { write, columns, flush, flushQuietly, requeueStale, requeueAll, state, complete };
}

export type Outbox = ReturnType<typeof createOutbox>;
