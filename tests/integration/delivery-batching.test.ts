import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type pg from "pg";
import { createCore, type Core } from "../../src/core.js";
import { createDelivery } from "../../src/notifications/delivery.js";
import type { Outgoing } from "../../src/notifications/notifier.js";
import type { TelegramApis } from "../../src/telegram/api.js";
import { testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";

/**
 * The outcomes of concurrent notify jobs are written together (one statement for the calls made
 * while one runs: src/db/batched.ts), yet each job still has at most one message in flight: its
 * next Telegram call waits until its own outcome is written.
 */
describe("delivery outcomes of concurrent jobs", () => {
  let core: Core;
  beforeAll(async () => {
    core = createCore(testConfig());
    await resetDatabase(core.prisma);
  });
  afterAll(async () => {
    await core?.close();
  });

  it("are written in shared statements, each job records its own, and a job's next message waits for its last outcome", async () => {
    const JOBS = 6;
    const CHATS = [700001n, 700002n];
    const rows = await Promise.all(
      Array.from({ length: JOBS }, () => core.prisma.outboxMessage.create({ data: { queue: "notify", name: "case_rated", payload: {} } })),
    );

    // Telegram held until every job has a message in flight, then answered at once: each wave's
    // outcomes are recorded in the same moment.
    let pending: (() => void)[] = [];
    let nextMessageId = 1;
    const seenBeforeSecond: { outboxId: number; outcomes: string[] }[] = [];
    const sendMessage = async (chatId: number, text: string) => {
      const outboxId = Number(text);
      // What this job's first message is recorded as when it calls Telegram for its second.
      if (BigInt(chatId) === CHATS[1]) {
        const first = await core.pool.query<{ outcome: string }>(`SELECT "outcome" FROM "NotificationDelivery" WHERE "outboxId" = $1 AND "chatId" = $2`, [
          outboxId,
          CHATS[0].toString(),
        ]);
        seenBeforeSecond.push({ outboxId, outcomes: first.rows.map((r) => r.outcome) });
      }
      await new Promise<void>((resolve) => {
        pending.push(resolve);
        if (pending.length === JOBS) {
          const wave = pending;
          pending = [];
          for (const r of wave) r();
        }
      });
      return { message_id: outboxId * 100 + nextMessageId++ };
    };
    const telegram = { staff: { sendMessage }, citizen: { sendMessage } } as unknown as TelegramApis;

    // Count the statements that record outcomes.
    let outcomeStatements = 0;
    let intentStatements = 0;
    const pool = {
      query: (q: pg.QueryConfig) => {
        if (/UPDATE "NotificationDelivery"/.test(q.text)) outcomeStatements++;
        if (/INSERT INTO "NotificationDelivery"/.test(q.text)) intentStatements++;
        return core.pool.query(q);
      },
    } as unknown as pg.Pool;
    const delivery = createDelivery({
      prisma: core.prisma,
      pool,
      telegram,
      logger: core.logger,
      failures: core.failures,
      sendMedia: () => Promise.reject(new Error("no media here")),
      cards: core.cards,
    });

    const items = (outboxId: number): Outgoing[] => CHATS.map((chatId) => ({ bot: "staff", chatId, locale: "zh-CN", text: String(outboxId) }));
    const tallies = await Promise.all(rows.map((r) => delivery.deliver({ type: "case_rated", outboxId: r.id }, items(r.id))));

    expect(tallies.every((t) => t.sent === CHATS.length)).toBe(true);
    // Each job's rows carry its own outcome and message ids.
    const written = await core.prisma.notificationDelivery.findMany({ orderBy: [{ outboxId: "asc" }, { chatId: "asc" }] });
    expect(written).toHaveLength(JOBS * CHATS.length);
    for (const d of written) {
      expect(d.outcome).toBe("sent");
      expect(Number(d.messageId) - d.outboxId * 100).toBeGreaterThan(0);
      expect(Number(d.messageId) - d.outboxId * 100).toBeLessThanOrEqual(JOBS * CHATS.length);
    }
    expect(new Set(written.map((d) => d.messageId)).size).toBe(JOBS * CHATS.length);
    // 12 outcomes in two waves: one statement each, or two when a wave's first caller started a batch alone.
    expect(outcomeStatements).toBeLessThanOrEqual(4);
    // The six jobs' intents, written before their first calls, likewise: the first alone at most, then the rest.
    expect(intentStatements).toBeGreaterThanOrEqual(1);
    expect(intentStatements).toBeLessThanOrEqual(2);
    // No job called Telegram for its second message before its first was recorded as sent.
    expect(seenBeforeSecond).toHaveLength(JOBS);
    for (const s of seenBeforeSecond) expect(s.outcomes).toEqual(["sent"]);
  });
});
