import type { Logger } from "../logger.js";
import type { Prisma, Tx } from "../db/prisma.js";
import type { JobRequest } from "../queues/definitions.js";
import type { Queues } from "../queues/queues.js";

/**
 * Transactional outbox. Work is written in the same transaction as the state change that causes
 * it, so a crash between commit and enqueue loses nothing: `flush` runs right after commit and
 * again from the sweep. BullMQ job ids derive from the row id, so a double flush adds one job.
 */
export function createOutbox(deps: { prisma: Prisma; queues: Queues; logger: Logger }) {
  const { prisma, queues, logger } = deps;

  type Row = { id: number; queue: string; name: string; payload: unknown; enqueuedAt?: Date | null };
  type AnyQueue = {
    getJob(id: string): Promise<unknown>;
    add(name: string, data: unknown, opts: object): Promise<unknown>;
    addBulk(jobs: { name: string; data: unknown; opts: object }[]): Promise<unknown>;
  };

  /**
   * Adds a row to its queue as job `ob-<id>` (BullMQ ignores a second add of the same id). With
   * `onlyIfGone`, only when Redis no longer has that job. False when nothing was added.
   */
  async function enqueue(row: Row, opts: { onlyIfGone?: boolean } = {}): Promise<boolean> {
    const queue = queues[row.queue as keyof Omit<Queues, "close">] as unknown as AnyQueue | undefined;
    if (!queue) {
      logger.error({ outboxId: row.id, queue: row.queue }, "outbox row names an unknown queue");
      return false;
    }
    const jobId = `ob-${row.id}`;
    if (opts.onlyIfGone && (await queue.getJob(jobId))) return false;
    await queue.add(row.name, { ...(row.payload as object), outboxId: row.id }, { jobId });
    return true;
  }

  async function write(tx: Tx, requests: JobRequest[]): Promise<number[]> {
    const ids: number[] = [];
    for (const r of requests) {
      const row = await tx.outboxMessage.create({
        data: { queue: r.queue, name: r.queue === "notify" ? r.payload.type : r.queue, payload: r.payload },
        select: { id: true },
      });
      ids.push(row.id);
    }
    return ids;
  }

  /** Moves rows to their queues: the given ids, or every row not yet enqueued and older than `olderThanMs`. */
  async function flush(ids?: number[], olderThanMs = 0): Promise<number> {
    const rows = await prisma.outboxMessage.findMany({
      where: {
        enqueuedAt: null,
        failedAt: null,
        ...(ids ? { id: { in: ids } } : { createdAt: { lte: new Date(Date.now() - olderThanMs) } }),
      },
      orderBy: { id: "asc" },
      take: 500,
    });
    // In bulk, one call per queue and one update: a fan-out (a digest to every supervisor) reaches
    // the workers at once instead of one row per round trip. Job ids from the rows keep it idempotent.
    const byQueue = new Map<string, Row[]>();
    for (const r of rows) byQueue.set(r.queue, [...(byQueue.get(r.queue) ?? []), r]);
    const enqueued: number[] = [];
    for (const [name, list] of byQueue) {
      const queue = queues[name as keyof Omit<Queues, "close">] as unknown as AnyQueue | undefined;
      if (!queue) {
        logger.error({ outboxIds: list.map((r) => r.id), queue: name }, "outbox row names an unknown queue");
        continue;
      }
      await queue.addBulk(list.map((r) => ({ name: r.name, data: { ...(r.payload as object), outboxId: r.id }, opts: { jobId: `ob-${r.id}` } })));
      enqueued.push(...list.map((r) => r.id));
    }
    if (enqueued.length) await prisma.outboxMessage.updateMany({ where: { id: { in: enqueued } }, data: { enqueuedAt: new Date() } });
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
      const byQueue = new Map<string, Row[]>();
      for (const r of rows) byQueue.set(r.queue, [...(byQueue.get(r.queue) ?? []), r]);
      for (const [name, list] of byQueue) {
        const queue = queues[name as keyof Omit<Queues, "close">] as unknown as AnyQueue | undefined;
        if (!queue) continue;
        await queue.addBulk(list.map((r) => ({ name: r.name, data: { ...(r.payload as object), outboxId: r.id }, opts: { jobId: `ob-${r.id}` } })));
      }
      const fresh = rows.filter((r) => !r.enqueuedAt).map((r) => r.id);
      if (fresh.length) await prisma.outboxMessage.updateMany({ where: { id: { in: fresh } }, data: { enqueuedAt: new Date() } });
      total += rows.length;
    }
  }

  /** Enqueues after commit; a failure here is logged and left to the sweep. */
  async function flushQuietly(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    try {
      await flush(ids);
    } catch (err) {
      logger.warn({ err, ids }, "outbox flush failed; the sweep will retry");
    }
  }

  /** Whether this row's work is still to do, done, or failed for good (for processors not guarded by state). */
  async function state(outboxId: number | undefined): Promise<"open" | "done" | "failed"> {
    if (!outboxId) return "open";
    const row = await prisma.outboxMessage.findUnique({ where: { id: outboxId }, select: { completedAt: true, failedAt: true } });
    return row?.completedAt ? "done" : row?.failedAt ? "failed" : "open";
  }

  async function complete(outboxId: number | undefined): Promise<void> {
    if (!outboxId) return;
    await prisma.outboxMessage.updateMany({ where: { id: outboxId, completedAt: null, failedAt: null }, data: { completedAt: new Date() } });
  }

  return { write, flush, flushQuietly, requeueStale, requeueAll, state, complete };
}

export type Outbox = ReturnType<typeof createOutbox>;
