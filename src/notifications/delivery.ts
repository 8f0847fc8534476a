import { InputFile } from "grammy";
import type { Prisma } from "../db/prisma.js";
import type { Logger } from "../logger.js";
import type { Payload } from "../queues/definitions.js";
import type { TelegramApis } from "../telegram/api.js";
import type { FailureRecorder, Refusal } from "../outbox/failures.js";
import { PaceError, refusalReason } from "../queues/job-errors.js";
import type { Pace, Reservation } from "../telegram/pace.js";
import { numberedParts } from "../telegram/telegram-text.js";
import type { Outgoing } from "./notifier.js";
import type { CardRead, CardWrite, StaffCards } from "./staff-cards.js";
import { batched } from "../db/batched.js";
import type { ChatBot } from "./recipients.js";
import { sql, utc, type Queryable } from "../db/sql.js";
import { groupBy } from "../util/group.js";

/**
 * A message waits this long at most, in its job, for its slot in the bot's and the chat's budget
 * (src/telegram/pace.ts); a longer wait puts the job back in its queue instead (job-outcomes.ts).
 */
const PACE_WAIT_IN_JOB_MS = 1000;

/** `noChat`: notices for a citizen with no chat, kept for the status page and never counted as sent. */
export type Tally = { sent: number; skipped: number; unreachable: number; noChat: number };

/**
 * Sends the messages of one notify job, each at most once per kill window. Every message is a
 * `NotificationDelivery` (outbox row, bot, chat, part): its intent ("sending") is written before
 * Telegram is called and its result ("sent" with the message id, or why it never can be) after.
 * A retried or killed job re-sends only deliveries still "sending" (in flight, or not reached),
 * never a "sent" or refused one.
 *
 * A permanent refusal (blocked, chat gone, 400) is recorded and does not fail the job; any other
 * error is thrown for the runner to judge (outage, flood, bug).
 */
export function createDelivery(deps: {
  prisma: Prisma;
  /** Every delivery row is read and written in plain SQL (one round trip each, no hidden transaction). */
  pool: Queryable;
  telegram: TelegramApis;
  pace?: Pace;
  logger: Logger;
  failures: FailureRecorder;
  /** Sends kept photos or documents as one message or album (src/media/media-service.ts). */
  sendMedia: (bot: ChatBot, chatId: number, ids: number[], caption?: string) => Promise<{ message_id: number }>;
  cards: StaffCards;
}) {
  const { prisma, pool, telegram, logger } = deps;
  type Outcome = { outboxId: number; bot: string; chatId: bigint; part: number; outcome: string; messageId: number | null };
  /**
   * What is written after a Telegram call: a delivery's outcome (and message id once sent) and, for
   * a card, its StaffCard row, in one statement. Writes of concurrent jobs share it (src/db/batched.ts):
   * while one runs, the others wait and go together in the next. Each caller still waits for its
   * own write before its next Telegram call, so a job has at most one message in flight.
   */
  const writeAfterSend = batched(async (writes: { outcome?: Outcome; card?: CardWrite }[]) => {
    const outcomes = writes.flatMap((w) => (w.outcome ? [w.outcome] : []));
    // One row per card (a batch holds at most one write per card: each is made under its case's lock).
    const cards = [...new Map(writes.flatMap((w) => (w.card ? [[`${w.card.caseId}:${w.card.chatId}`, w.card] as const] : []))).values()];
    await sql(
      pool,
      `WITH cards AS (
         INSERT INTO "StaffCard" ("caseId", "bot", "chatId", "messageId", "version")
         SELECT k, 'staff', c, m, v FROM unnest($1::int[], $2::bigint[], $3::bigint[], $4::bigint[]) AS t(k, c, m, v)
         ON CONFLICT ("caseId", "bot", "chatId") DO UPDATE SET "messageId" = EXCLUDED."messageId", "version" = EXCLUDED."version", "updatedAt" = $5
       )
       UPDATE "NotificationDelivery" d SET "outcome" = t.o, "messageId" = t.m, "updatedAt" = $5
       FROM unnest($6::int[], $7::text[], $8::bigint[], $9::int[], $10::text[], $11::bigint[]) AS t(ob, b, c, p, o, m)
       WHERE d."outboxId" = t.ob AND d."bot" = t.b AND d."chatId" = t.c AND d."part" = t.p`,
      [
        cards.map((k) => k.caseId),
        cards.map((k) => k.chatId.toString()),
        cards.map((k) => String(k.messageId)),
        cards.map((k) => k.version.toString()),
        utc(new Date()),
        outcomes.map((o) => o.outboxId),
        outcomes.map((o) => o.bot),
        outcomes.map((o) => o.chatId.toString()),
        outcomes.map((o) => o.part),
        outcomes.map((o) => o.outcome),
        outcomes.map((o) => (o.messageId === null ? null : String(o.messageId))),
      ],
    );
    return writes.map(() => undefined);
  });
  type Intent = { bot: string; chatId: bigint; part: number; outcome: string };
  /**
   * One statement for a job's intents: every one not yet recorded is written ("sending"), and the
   * rows that were already there come back — the CTE's insert is not visible to the SELECT beside
   * it, which reads the table as it was before this statement. The intents of concurrent jobs share
   * it (src/db/batched.ts); each job gets back the rows of its own outbox row.
   */
  const writeIntents = batched(async (jobs: { outboxId: number; items: { bot: string; chatId: bigint; part: number }[] }[]) => {
    const all = jobs.flatMap((j) => j.items.map((o) => ({ ...o, outboxId: j.outboxId })));
    const rows = await sql<Intent & { outboxId: number }>(
      pool,
      `WITH intents AS (
         INSERT INTO "NotificationDelivery" ("outboxId", "bot", "chatId", "part", "outcome")
         SELECT ob, b, c, p, 'sending' FROM unnest($1::int[], $2::text[], $3::bigint[], $4::int[]) AS t(ob, b, c, p)
         ON CONFLICT DO NOTHING
       )
       SELECT "outboxId", "bot", "chatId", "part", "outcome" FROM "NotificationDelivery" WHERE "outboxId" = ANY($5::int[])`,
      [all.map((o) => o.outboxId), all.map((o) => o.bot), all.map((o) => o.chatId.toString()), all.map((o) => o.part), [...new Set(jobs.map((j) => j.outboxId))]],
    );
    const byOutbox = groupBy(rows, (r) => r.outboxId);
    return jobs.map((j) => [...(byOutbox.get(j.outboxId) ?? [])]);
  });
  /** Records a delivery's outcome (and Telegram's message id once sent), with the card it brought up to date if any. */
  const record = (outboxId: number, o: Item, outcome: string, messageId: number | null = null, card?: CardWrite) =>
    writeAfterSend({ outcome: { outboxId, bot: o.bot, chatId: o.chatId, part: o.part, outcome, messageId }, card });
  type Item = Outgoing & { part: number };
  type ChatItem = Item & { bot: ChatBot };
  const keyOf = (o: { bot: string; chatId: bigint; part: number }) => `${o.bot}:${o.chatId}:${o.part}`;

  /** A message's place in the pace: reserved or not, and when it may go (epoch ms). */
  type Slot = Reservation & { at: number };
  /**
   * The slots of a notice's messages, in the order they will be sent, in one Redis call
   * (src/telegram/pace.ts): each message that may go within the time a job waits is reserved; one
   * that would wait longer is not (nor any later one to its chat), so the job sends what it may,
   * then waits in its queue for the rest. A busy chat holds back only its own messages.
   */
  async function slots(messages: ChatItem[]): Promise<Slot[]> {
    if (!deps.pace) return [];
    const got = await deps.pace.reserveAll(messages.map((o) => ({ bot: o.bot, chatId: String(o.chatId) })), PACE_WAIT_IN_JOB_MS);
    // Waits are counted from Redis' clock during the call; counting them from its answer is never early.
    const from = Date.now();
    return got.map((r) => ({ ...r, at: from + r.waitMs }));
  }

  /**
   * Sends the message, within the bot's and the chat's pace (shared by every process): kept photos
   * or documents as one message or album; or, for a card item, the staff member's live card brought
   * up to date first, then its alert.
   */
  async function send(o: ChatItem, read?: Parameters<StaffCards["ensure"]>[2], slot?: Slot): Promise<{ message_id: number; card?: CardWrite }> {
    if (deps.pace) {
      const s = slot ?? (await slots([o]))[0];
      if (!s.reserved) throw new PaceError(s.by ?? "bot", s.waitMs);
      const wait = s.at - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    if (o.media) return deps.sendMedia(o.bot, Number(o.chatId), o.media, o.text);
    if (o.photo) return telegram[o.bot].sendPhoto(Number(o.chatId), new InputFile(o.photo.bytes, o.photo.fileName), o.text ? { caption: o.text } : {});
    if (!o.card) return telegram[o.bot].sendMessage(Number(o.chatId), o.text, o.keyboard ? { reply_markup: o.keyboard } : {});
    // The card's row is written with the delivery's outcome, in one statement after the call; when an
    // alert follows, before the alert (a job killed between the two then re-sends the alert, never the card).
    const card = await deps.cards.ensure(o.card.caseId, o.card.staff, read, { defer: true });
    const alert = o.text !== "" && (o.card.alert === "always" || (o.card.alert === "if_existing" && !card.fresh));
    if (!alert) return { message_id: card.messageId, card: card.write };
    if (card.write) await writeAfterSend({ card: card.write });
    await telegram.staff.sendMessage(Number(o.chatId), o.text);
    return { message_id: card.messageId };
  }

  /**
   * Sends a notice's messages (`items`, as built). Cards of a case are written under its lock (one
   * job at a time), so they show its latest state. `consent`: whether citizens' chats (by telegramId)
   * withdrew consent, where the caller read it already; the others are asked. `cardRead`: the case
   * and its cards as the caller read them holding the case's lock (it holds it still); without it,
   * the lock is taken here and the case read under it.
   */
  async function deliver(p: Payload<"notify">, items: Outgoing[], opts: { consent?: Map<bigint, boolean>; cardRead?: CardRead } = {}): Promise<Tally> {
    const caseId = items.find((o) => o.card)?.card?.caseId;
    if (caseId === undefined || (opts.cardRead && opts.cardRead.case.id === caseId)) return deliverItems(p, items, opts);
    return deps.cards.withLock(caseId, () => deliverItems(p, items, { consent: opts.consent }));
  }

  async function deliverItems(p: Payload<"notify">, built: Outgoing[], opts: { consent?: Map<bigint, boolean>; cardRead?: CardRead }): Promise<Tally> {
    const consent = opts.consent;
    const tally: Tally = { sent: 0, skipped: 0, unreachable: 0, noChat: 0 };
    const counts = new Map<string, number>();
    // A text over Telegram's 4,096 characters goes as numbered parts, each its own delivery (so a
    // rerun sends only the parts still missing); the buttons ride on the last part. A live card's
    // text is budgeted (cards.ts) and an album's caption is the media service's to fit.
    const messages = built.flatMap((o) => {
      if (o.card || o.media || o.photo) return [o];
      const texts = numberedParts(o.text);
      return texts.map((text, i) => ({ ...o, text, keyboard: i === texts.length - 1 ? o.keyboard : undefined }));
    });
    const items: Item[] = messages.map((o) => {
      const chat = `${o.bot}:${o.chatId}`;
      const part = counts.get(chat) ?? 0;
      counts.set(chat, part + 1);
      return { ...o, part };
    });
    // A citizen who withdrew consent (/forget) is sent nothing more (PIPL arts. 15, 47): recorded, not sent.
    const citizenChats = [...new Set(items.filter((o) => o.bot === "citizen").map((o) => o.chatId))];
    const unknown = citizenChats.filter((id) => !consent?.has(id));
    const withdrawn = new Set([
      ...citizenChats.filter((id) => consent?.get(id) === true),
      ...(unknown.length === 0
        ? []
        : (
            await sql<{ telegramId: bigint }>(pool, `SELECT "telegramId" FROM "Citizen" WHERE "telegramId" = ANY($1::bigint[]) AND "consentWithdrawnAt" IS NOT NULL`, [
              unknown.map(String),
            ])
          ).map((c) => c.telegramId)),
    ]);
    const silenced = (o: Item) => o.bot === "citizen" && withdrawn.has(o.chatId);
    const chatless = (o: Item): o is Item & { bot: "status_page" } => o.bot === "status_page";
    /** A notice for a citizen with no chat: kept for the case's status page (once per outbox row and part), never sent. */
    const keepForStatusPage = (o: Item, outboxId: number | null) =>
      p.caseId === undefined
        ? Promise.resolve()
        : prisma.citizenNotice
            .createMany({ data: [{ caseId: p.caseId, outboxId, part: o.part, type: p.type, text: o.text }], skipDuplicates: true })
            .then(() => undefined);
    // The case is read once for every card of this job (under the case's lock, staff-cards.ts), or
    // was read by the caller holding that lock.
    const read: Parameters<StaffCards["ensure"]>[2] = opts.cardRead ? { case: Promise.resolve(opts.cardRead) } : {};
    const outboxId = p.outboxId;
    if (!outboxId) {
      // Not from the outbox (a direct call): nothing to record against but the status page.
      const sendable = items.filter((o): o is ChatItem => !silenced(o) && !chatless(o));
      for (const o of items.filter(chatless)) await keepForStatusPage(o, null);
      for (const o of sendable) {
        const m = await send(o, read);
        if (m.card) await writeAfterSend({ card: m.card });
      }
      const noChat = items.filter(chatless).length;
      return { ...tally, sent: sendable.length, noChat, skipped: items.length - sendable.length - noChat };
    }

    // Every intent not yet recorded is written ("sending", before Telegram is called), and the rows
    // that were already there (a rerun) come back (writeIntents).
    const existing = await writeIntents({ outboxId, items });
    const known = new Map(existing.map((d) => [keyOf(d), d.outcome]));
    const todo = items.filter((o) => {
      const outcome = known.get(keyOf(o));
      if (outcome && outcome !== "sending") tally.skipped++;
      return !outcome || outcome === "sending";
    });

    const refusals: Refusal[] = [];
    // Every message this job will send has its slot reserved at once (one Redis call, not one each).
    const sending = todo.filter((o): o is ChatItem => !silenced(o) && !chatless(o));
    const reserved = new Map<Item, Slot>((await slots(sending)).map((slot, i) => [sending[i], slot]));
    // The messages whose chat (or bot) has no slot soon: the job comes back for them once the others went.
    const held: Slot[] = [];
    for (const o of todo) {
      if (silenced(o)) {
        await record(outboxId, o, "consent_withdrawn");
        tally.skipped++;
        continue;
      }
      if (chatless(o)) {
        // Undeliverable by chat, and said so: the text waits on the status page (number + secret).
        await keepForStatusPage(o, outboxId);
        await record(outboxId, o, "no_chat");
        tally.noChat++;
        continue;
      }
      const slot = reserved.get(o);
      if (slot && !slot.reserved) {
        held.push(slot);
        continue;
      }
      try {
        const m = await send(o as ChatItem, read, slot);
        await record(outboxId, o, "sent", m.message_id, m.card);
        tally.sent++;
      } catch (err) {
        const reason = refusalReason(err);
        if (!reason) throw err;
        await record(outboxId, o, reason);
        refusals.push({ bot: o.bot as ChatBot, chatId: o.chatId, reason });
        tally.unreachable++;
        logger.warn({ caseId: p.caseId, type: p.type, bot: o.bot, reason }, "recipient unreachable; not retrying");
      }
    }
    if (refusals.length) await deps.failures.deliveryRefused({ outboxId, caseId: p.caseId, type: p.type, refusals });
    if (held.length) {
      // The bot's budget spent holds the whole queue (job-outcomes.ts); a chat's, only this job.
      const bot = held.filter((s) => s.by === "bot");
      const wait = Math.min(...(bot.length ? bot : held).map((s) => s.waitMs));
      throw new PaceError(bot.length ? "bot" : "chat", wait);
    }
    logger.debug({ caseId: p.caseId, type: p.type, ...tally }, "notified");
    return tally;
  }

  return { deliver };
}
