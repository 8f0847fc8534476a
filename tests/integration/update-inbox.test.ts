import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import { createCore, type Core } from "../../src/core.js";
import { createDbSession } from "../../src/inbox/db-session.js";
import { chatOf } from "../../src/inbox/chat-of.js";
import { testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";
import { waitFor } from "../helpers/wait.js";

let core: Core;
beforeAll(async () => {
  core = createCore(testConfig());
  await resetDatabase(core.prisma);
});
afterAll(async () => {
  await core?.close();
});

const text = (updateId: number, chat: number, t = "hi"): Update =>
  ({ update_id: updateId, message: { message_id: updateId, date: 0, chat: { id: chat, type: "private" }, from: { id: chat, is_bot: false, first_name: "x" }, text: t } }) as Update;
const entry = (u: Update) => ({ updateId: u.update_id, chatId: chatOf(u), payload: u });

describe("the update inbox store", () => {
  it("stores a repeated update_id once, per bot", async () => {
    expect(await core.inbox.store("citizen", [entry(text(1, 501)), entry(text(2, 501)), entry(text(1, 501))])).toBe(2);
    expect(await core.inbox.store("citizen", [entry(text(2, 501)), entry(text(3, 502))])).toBe(1);
    expect(await core.inbox.store("staff", [entry(text(1, 501))])).toBe(1); // another bot's update 1
    expect(await core.inbox.unhandled("citizen")).toBe(3);
  });

  it("gives each chat's updates in update_id order, and holds a chat back while its oldest waits out a failure", async () => {
    const first = (await core.inbox.next("citizen", 501n))!;
    expect(Number(first.updateId)).toBe(1);
    await core.inbox.retryLater(first.id, 60_000);
    const chats = await core.inbox.pendingChats(10);
    expect(chats.map((c) => `${c.bot}:${c.chatId}`)).toEqual(["citizen:502", "staff:501"]);
    expect((await core.inbox.next("citizen", 501n))!.due).toBe(false);
    await core.inbox.markHandled(first.id);
    const row = await core.prisma.telegramUpdate.findUniqueOrThrow({ where: { id: first.id } });
    expect(row.payload).toBeNull(); // the person's words go once handled
    expect(Number((await core.inbox.next("citizen", 501n))!.updateId)).toBe(2);
  });

  it("recognises a person repeating themselves before the first was answered, and nothing else", async () => {
    const now = Math.floor(Date.now() / 1000);
    const said = (updateId: number, t: string, date: number) => {
      const u = text(updateId, 601, t);
      (u.message as { date: number }).date = date;
      return entry(u);
    };
    // The rows keep milliseconds, and this test answers in less than one: the database's clock is
    // let past the update's arrival before it is answered, and past the answer before anything
    // else arrives, as a real answer (a Bot API call at least) always is.
    const clockPast = (id: bigint, column: "receivedAt" | "handledAt") =>
      waitFor(`the clock past ${column}`, async () =>
        (await core.pool.query<{ past: boolean }>(`SELECT localtimestamp > "${column}" + interval '1 millisecond' AS past FROM "TelegramUpdate" WHERE "id" = $1`, [id])).rows[0].past,
      );
    const handleNext = async () => {
      const row = (await core.inbox.next("citizen", 601n))!;
      await clockPast(row.id, "receivedAt");
      await core.inbox.markHandled(row.id);
      await clockPast(row.id, "handledAt");
      return { updateId: Number(row.updateId), repeat: row.repeat };
    };
    // Sent 10 s ago, and again a moment later, before the bot had answered the first.
    await core.inbox.store("citizen", [said(10, "路灯坏了", now - 10), said(11, "路灯坏了", now - 10)]);
    expect(await handleNext()).toEqual({ updateId: 10, repeat: false });
    expect(await handleNext()).toEqual({ updateId: 11, repeat: true });
    // The same words sent after the answer are said anew; other words are never a repeat.
    await core.inbox.store("citizen", [said(12, "路灯坏了", now + 2), said(13, "幸福路 8 号", now - 10)]);
    expect(await handleNext()).toEqual({ updateId: 12, repeat: false });
    expect(await handleNext()).toEqual({ updateId: 13, repeat: false });
    // Sent again in the very second the first was answered (Telegram's dates are whole seconds):
    // a person who saw no answer yet, not an answer to the next question.
    await core.inbox.store("citizen", [said(18, "楼道灯不亮", now - 10)]);
    expect(await handleNext()).toEqual({ updateId: 18, repeat: false });
    const answeredAt = (await core.prisma.telegramUpdate.findFirstOrThrow({ where: { bot: "citizen", updateId: 18n } })).handledAt!;
    await core.inbox.store("citizen", [said(19, "楼道灯不亮", Math.floor(answeredAt.getTime() / 1000))]);
    expect(await handleNext()).toEqual({ updateId: 19, repeat: true });
    // A command sent again in that second is asked anew (a second /help after a role change); one
    // sent in an earlier second, before the first was answered, is still a repeat.
    const command = (updateId: number, date: number) => {
      const u = said(updateId, "/help", date);
      (u.payload.message as { entities?: unknown[] }).entities = [{ type: "bot_command", offset: 0, length: 5 }];
      return u;
    };
    await core.inbox.store("citizen", [command(20, now - 10), command(21, now - 10)]);
    expect(await handleNext()).toEqual({ updateId: 20, repeat: false });
    expect(await handleNext()).toEqual({ updateId: 21, repeat: true });
    const helpedAt = (await core.prisma.telegramUpdate.findFirstOrThrow({ where: { bot: "citizen", updateId: 21n } })).handledAt!;
    await core.inbox.store("citizen", [command(22, Math.floor(helpedAt.getTime() / 1000))]);
    expect(await handleNext()).toEqual({ updateId: 22, repeat: false });

    // A button pressed twice before the first press was answered; then pressed again afterwards.
    const press = (updateId: number, data: string): Update =>
      ({ update_id: updateId, callback_query: { id: String(updateId), from: { id: 601, is_bot: false, first_name: "x" }, chat_instance: "1", data, message: { message_id: 77, date: now, chat: { id: 601, type: "private" } } } }) as Update;
    await core.inbox.store("citizen", [entry(press(14, "f:skip")), entry(press(15, "f:skip")), entry(press(16, "f:anon"))]);
    expect(await handleNext()).toEqual({ updateId: 14, repeat: false });
    expect(await handleNext()).toEqual({ updateId: 15, repeat: true });
    expect(await handleNext()).toEqual({ updateId: 16, repeat: false });
    await core.inbox.store("citizen", [entry(press(17, "f:anon"))]);
    expect(await handleNext()).toEqual({ updateId: 17, repeat: false });
  });

  it("saves the form state an update changed together with its handled mark", async () => {
    await core.inbox.store("citizen", [entry(text(30, 602)), entry(text(31, 602))]);
    const a = (await core.inbox.next("citizen", 602n))!;
    await core.inbox.markHandled(a.id, [{ key: "test:602", json: JSON.stringify({ step: 2 }) }]);
    expect((await core.prisma.botState.findUnique({ where: { key: "test:602" } }))?.value).toEqual({ step: 2 });
    expect((await core.prisma.telegramUpdate.findUniqueOrThrow({ where: { id: a.id } })).handledAt).not.toBeNull();
    const b = (await core.inbox.next("citizen", 602n))!;
    await core.inbox.markHandled(b.id, [{ key: "test:602", json: null }]);
    expect(await core.prisma.botState.findUnique({ where: { key: "test:602" } })).toBeNull();
  });

  it("reads the chat's form state and citizen with the update, and says after the mark whether more is waiting", async () => {
    await core.inbox.store("citizen", [entry(text(40, 603)), entry(text(41, 603))]);
    const opts = { stateKey: "citizen:conv:603", citizen: true };
    const a = (await core.inbox.next("citizen", 603n, opts))!;
    expect(a.prefetched).toEqual({ stateKey: "citizen:conv:603", state: null, citizen: null });
    const citizen = await core.citizens.ensure(603);
    // Marked with its form step; one more update of the chat is waiting.
    expect(await core.inbox.markHandled(a.id, [{ key: "citizen:conv:603", json: JSON.stringify({ step: 1 }) }], { bot: "citizen", chatId: 603n })).toBe(true);
    const b = (await core.inbox.next("citizen", 603n, opts))!;
    expect(Number(b.updateId)).toBe(41);
    expect(b.prefetched?.state).toMatchObject({ key: "citizen:conv:603", value: { step: 1 } });
    expect(b.prefetched?.citizen).toEqual(citizen);
    // The citizen read with the update is used as is: no write of its activity within the hour.
    expect(await core.citizens.ensure(603, undefined, b.prefetched?.citizen)).toBe(b.prefetched?.citizen);
    expect(await core.inbox.markHandled(b.id, [], { bot: "citizen", chatId: 603n })).toBe(false);
    expect(await core.inbox.next("citizen", 603n, opts)).toBeNull();
  });

  it("answers calls for several chats made at once (one statement) each for its own chat, state saved with each mark", async () => {
    await core.inbox.store("citizen", [entry(text(50, 611)), entry(text(51, 612)), entry(text(52, 612)), entry(text(53, 613))]);
    const chats = [611n, 612n, 613n, 614n];
    const rows = await Promise.all(chats.map((c) => core.inbox.next("citizen", c, { stateKey: `citizen:conv:${c}` })));
    expect(rows.map((r) => (r ? Number(r.updateId) : null))).toEqual([50, 51, 53, null]);
    const more = await Promise.all(
      rows.slice(0, 3).map((r, i) => core.inbox.markHandled(r!.id, [{ key: `citizen:conv:${chats[i]}`, json: JSON.stringify({ step: i }) }], { bot: "citizen", chatId: chats[i] })),
    );
    expect(more).toEqual([false, true, false]);
    const states = await core.prisma.botState.findMany({ where: { key: { startsWith: "citizen:conv:61" } }, orderBy: { key: "asc" } });
    expect(states.map((st) => [st.key, st.value])).toEqual([
      ["citizen:conv:611", { step: 0 }],
      ["citizen:conv:612", { step: 1 }],
      ["citizen:conv:613", { step: 2 }],
    ]);
    expect(Number((await core.inbox.next("citizen", 612n))!.updateId)).toBe(52);
  });

  it("answers each of the lock requests made at once (one batch) for its own lock", async () => {
    const a = createDbSession({ databaseUrl: core.config.DATABASE_URL, logger: core.logger });
    const b = createDbSession({ databaseUrl: core.config.DATABASE_URL, logger: core.logger });
    try {
      expect(await b.tryLock("chat:batch:2")).not.toBeNull();
      await a.connect();
      const [one, two, three] = await Promise.all([a.tryLock("chat:batch:1"), a.tryLock("chat:batch:2"), a.tryLock("chat:batch:3")]);
      expect([one !== null, two !== null, three !== null]).toEqual([true, false, true]);
      // a holds 1 and 3 now, b only 2; an unlock lets the other session in.
      expect(await b.tryLock("chat:batch:1")).toBeNull();
      expect(await b.tryLock("chat:batch:3")).toBeNull();
      await a.unlock(one!);
      expect(await b.tryLock("chat:batch:1")).not.toBeNull();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("lets one session at a time hold a lock, and releases it when the session dies", async () => {
    const a = createDbSession({ databaseUrl: core.config.DATABASE_URL, logger: core.logger });
    const b = createDbSession({ databaseUrl: core.config.DATABASE_URL, logger: core.logger });
    const lease = await a.tryLock("poll:test");
    expect(lease).not.toBeNull();
    expect(await b.tryLock("poll:test")).toBeNull();
    a.kill();
    let taken = null;
    for (let i = 0; i < 100 && !taken; i++) {
      taken = await b.tryLock("poll:test");
      if (!taken) await new Promise((r) => setTimeout(r, 20));
    }
    expect(taken).not.toBeNull();
    expect(a.holds(lease!)).toBe(false);
    await b.close();
  });
});
