import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createCore, type Core } from "../../src/core.js";
import { testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";

// A finished job's row is marked complete in the same batched UPDATE as the enqueued marks, and
// flushes running at once share each queue's addBulk (src/outbox/outbox.ts): whatever shares the
// statement or the MULTI, each row must end as if marked or flushed alone.

let core: Core;
beforeAll(() => {
  core = createCore(testConfig());
});
beforeEach(() => resetDatabase(core.prisma));
afterAll(() => core.close());

const EARLIER = new Date("2026-11-20T01:00:00Z");
const row = (data: { enqueuedAt?: Date | null; completedAt?: Date | null; failedAt?: Date | null }) =>
  core.prisma.outboxMessage.create({ data: { queue: "notify", name: "case_routed", payload: { caseId: 1 }, ...data } });

describe("outbox completions", () => {
  it("complete an open row, leave a done or failed one as it was, and keep the time a row was first enqueued", async () => {
    const open = await row({ enqueuedAt: EARLIER });
    const done = await row({ enqueuedAt: EARLIER, completedAt: EARLIER });
    const failed = await row({ enqueuedAt: EARLIER, failedAt: EARLIER });
    // Enqueued, but the process died before the mark (the job ran anyway).
    const unmarked = await row({});
    const failedUnmarked = await row({ failedAt: EARLIER });
    const before = Date.now();
    await Promise.all([open, done, failed, unmarked, failedUnmarked].map((r) => core.outbox.complete(r.id)));
    const byId = new Map((await core.prisma.outboxMessage.findMany()).map((r) => [r.id, r]));

    expect(byId.get(open.id)!.enqueuedAt).toEqual(EARLIER);
    expect(byId.get(open.id)!.completedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(byId.get(done.id)!.completedAt).toEqual(EARLIER);
    expect(byId.get(failed.id)!.completedAt).toBeNull();
    expect(byId.get(failed.id)!.failedAt).toEqual(EARLIER);
    expect(byId.get(unmarked.id)!.completedAt).not.toBeNull();
    expect(byId.get(unmarked.id)!.enqueuedAt).not.toBeNull();
    expect(byId.get(failedUnmarked.id)!.completedAt).toBeNull();
  });

  it("many completions and flushes at once: every finished row complete, every flushed row enqueued and open", async () => {
    const finished = await Promise.all(Array.from({ length: 60 }, () => row({ enqueuedAt: EARLIER })));
    const fresh = await Promise.all(Array.from({ length: 60 }, () => row({})));
    await Promise.all([...finished.map((r) => core.outbox.complete(r.id)), core.outbox.flush(fresh.map((r) => r.id))]);
    const rows = new Map((await core.prisma.outboxMessage.findMany()).map((r) => [r.id, r]));
    expect(finished.filter((r) => rows.get(r.id)!.completedAt === null)).toEqual([]);
    expect(fresh.filter((r) => rows.get(r.id)!.enqueuedAt === null || rows.get(r.id)!.completedAt !== null)).toEqual([]);
    await core.queues.notify.obliterate({ force: true });
  });

  it("the marks' UPDATE is a prepared statement (parsed and planned once per connection, not on every batch)", async () => {
    const rows = await Promise.all(Array.from({ length: 5 }, () => row({})));
    await core.outbox.flush(rows.map((r) => r.id));
    await Promise.all(rows.map((r) => core.outbox.complete(r.id)));
    // Every connection the pool holds: the statement is prepared on the one(s) that ran it.
    const clients = await Promise.all(Array.from({ length: core.pool.totalCount }, () => core.pool.connect()));
    try {
      const prepared = await Promise.all(
        clients.map((c) => c.query<{ statement: string }>(`SELECT statement FROM pg_prepared_statements WHERE statement LIKE 'UPDATE "OutboxMessage" SET "enqueuedAt"%'`)),
      );
      expect(prepared.flatMap((p) => p.rows).length).toBeGreaterThan(0);
    } finally {
      for (const c of clients) c.release();
    }
    await core.queues.notify.obliterate({ force: true });
  });

  it("flushes running at once share a queue's addBulk, and every row becomes its own job", async () => {
    const rows = await Promise.all(Array.from({ length: 40 }, () => row({})));
    const addBulk = vi.spyOn(core.queues.notify, "addBulk");
    try {
      // Each row flushed by a caller of its own (as 40 submits or jobs committing at once would).
      await Promise.all(rows.map((r) => core.outbox.flush([r.id])));
      expect(addBulk.mock.calls.length).toBeGreaterThan(0);
      expect(addBulk.mock.calls.length).toBeLessThan(rows.length);
      expect(addBulk.mock.calls.flatMap((c) => c[0]).length).toBe(rows.length);
    } finally {
      addBulk.mockRestore();
    }
    const jobs = await Promise.all(rows.map((r) => core.queues.notify.getJob(`ob-${r.id}`)));
    expect(jobs.filter((j) => !j).length).toBe(0);
    const marked = await core.prisma.outboxMessage.findMany({ where: { id: { in: rows.map((r) => r.id) } } });
    expect(marked.filter((r) => r.enqueuedAt === null || r.completedAt !== null)).toEqual([]);
    await core.queues.notify.obliterate({ force: true });
  });
});
