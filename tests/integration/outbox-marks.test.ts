import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCore, type Core } from "../../src/core.js";
import { testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";

// A finished job's row is marked complete in the same batched UPDATE as the enqueued marks
// (src/outbox/outbox.ts): whatever shares the statement, each row must end as if marked alone.

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
});
