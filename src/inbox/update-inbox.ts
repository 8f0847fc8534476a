import { createHash } from "node:crypto";
import type { Update } from "grammy/types";
import type { Prisma } from "../db/prisma.js";
import type { Citizen } from "../generated/prisma/client.js";
import type { HeldWrite } from "./update-scope.js";
import { batched } from "../db/batched.js";
import { jsonArray, sql, utc, type Queryable } from "../db/sql.js";

/** The two bots whose updates the inbox keeps. */
export type BotName = "citizen" | "staff";
export const BOT_NAMES: readonly BotName[] = ["citizen", "staff"];

/** Postgres channel on which a store announces new updates, so handlers wake at once. */
export const INBOX_CHANNEL = "minsheng_inbox";

/** How long a handled update's id is kept to recognise Telegram delivering it again. */
export const KEEP_HANDLED_MS = 24 * 3600_000;

export type InboxEntry = { updateId: number; chatId: number; payload: Update };
/** `repeat`: the same input as the chat's previous update, which arrived before that one was answered (see `repeatOf`). */
export type PendingUpdate = {
  id: bigint;
  updateId: bigint;
  payload: Update;
  attempts: number;
  due: boolean;
  repeat: boolean;
  /** Read with the update when asked (`NextOptions`), so handling it needs no query of its own for them. */
  prefetched?: Prefetched;
};

/** What a chat's update is handled with, read in the same round trip as the update. */
export type Prefetched = {
  /** The key whose form state was read, and that state (null when there is none). */
  stateKey?: string;
  state?: { key: string; value: unknown; updatedAt: Date } | null;
  /** The citizen whose Telegram id is the chat's id (a private chat): null when not known yet. */
  citizen?: Citizen | null;
};

export type NextOptions = { stateKey?: string; citizen?: boolean };

type NextRow = Omit<PendingUpdate, "payload" | "prefetched"> & {
  payload: string;
  stateKey: string | null;
  stateValue: unknown;
  stateUpdatedAt: Date | null;
  cId: number | null;
  cTelegramId: bigint | null;
  cChannel: string | null;
  cLocale: string | null;
  cConsentAt: Date | null;
  cConsentWithdrawnAt: Date | null;
  cLastSeenAt: Date | null;
  cCreatedAt: Date | null;
};

/**
 * A person who sees no answer says it again: the same text, the same button pressed twice. Such a
 * repeat, arriving before the first was answered, asks for nothing new — the answer to the first
 * answers it — but handled as input it would be taken for the next question's answer (a
 * description given again as the place). Only a digest of the text is kept (the words are dropped
 * with the payload).
 */
export function repeatOf(u: Update): { key: string | null; sentAt: Date | null } {
  const m = u.message;
  if (m?.text !== undefined) {
    // A command (`k:`) is never taken for a form's answer, so only one sent before the first was
    // answered is a repeat; words sent in the answer's own second are too (see nextBatch).
    const command = m.entities?.some((e) => e.type === "bot_command" && e.offset === 0) ?? false;
    return { key: `${command ? "k" : "m"}:${createHash("sha256").update(m.text).digest("hex").slice(0, 24)}`, sentAt: new Date(m.date * 1000) };
  }
  const q = u.callback_query;
  if (q?.data !== undefined && q.message) return { key: `c:${q.message.message_id}:${createHash("sha256").update(q.data).digest("hex").slice(0, 24)}`, sentAt: null };
  return { key: null, sentAt: null };
}

/**
 * The update inbox (TelegramUpdate): updates are stored here before they are confirmed to Telegram
 * and handled from here, so a process killed between fetching and handling loses nothing, and a
 * repeated update_id is stored once and so handled once. Locking (who polls, who handles which chat)
 * is in db-session.ts.
 *
 * The statements of every update (store, pendingChats, next, markHandled) are plain SQL on the
 * shared pool (src/db/sql.ts), not Prisma's `$queryRaw`: `next` and `markHandled` carry the chat's
 * form state (the conversation's replay log, kilobytes of JSON), `store` the updates, and Prisma's
 * client passed each through its query compiler and result deserialiser on the event loop (WASM 9%
 * and client runtime 5% of the bots process's CPU in a profile of the bench's citizen phase, plus
 * the garbage). Same statements, same round trips, same types (bigint as BigInt, timestamp(3) as
 * its UTC instant).
 */
export function createUpdateInbox(deps: { prisma: Prisma; pool: Queryable }) {
  const { prisma, pool } = deps;

  /** Stores a batch in one statement (a repeated update_id is ignored) and wakes the handlers. Returns how many were new. */
  async function store(bot: BotName, entries: InboxEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    // JSON.stringify escapes NUL and lone surrogates, so the text column takes any update as sent
    // (the payloads go as one json array, each element's text kept as it is: see jsonArray); the
    // bots' sanitising middleware cleans the text when it is handled.
    const updateIds = entries.map((e) => BigInt(e.updateId));
    const chatIds = entries.map((e) => BigInt(e.chatId));
    const payloads = entries.map((e) => JSON.stringify(e.payload));
    const repeats = entries.map((e) => repeatOf(e.payload));
    const keys = repeats.map((r) => r.key);
    const sentAts = repeats.map((r) => (r.sentAt ? utc(r.sentAt) : null));
    const rows = await sql<{ stored: number }>(
      pool,
      `WITH input AS (
        SELECT "updateId", "chatId", payload, "repeatKey", "sentAt", ord
        FROM ROWS FROM (unnest($1::bigint[]), unnest($2::bigint[]), json_array_elements($3::json), unnest($4::text[]), unnest($5::timestamp(3)[]))
          WITH ORDINALITY AS t("updateId", "chatId", payload, "repeatKey", "sentAt", ord)
      ), ins AS (
        INSERT INTO "TelegramUpdate" ("bot", "updateId", "chatId", "payload", "repeatKey", "sentAt")
        SELECT $6::text, "updateId", "chatId", payload::text, "repeatKey", "sentAt" FROM input ORDER BY ord
        ON CONFLICT ("bot", "updateId") DO NOTHING
        RETURNING 1
      )
      SELECT count(*)::int AS stored,
             CASE WHEN count(*) > 0 THEN pg_notify($7, $6::text)::text END AS notified
      FROM ins`,
      [updateIds, chatIds, jsonArray(payloads), keys, sentAts, bot, INBOX_CHANNEL],
    );
    return rows[0]?.stored ?? 0;
  }

  /** Chats whose oldest unhandled update is due (not waiting out a failed attempt), oldest first. */
  async function pendingChats(limit: number): Promise<{ bot: BotName; chatId: bigint }[]> {
    return sql<{ bot: BotName; chatId: bigint }>(
      pool,
      `SELECT "bot", "chatId" FROM (
        SELECT DISTINCT ON ("bot", "chatId") "bot", "chatId", "notBefore", "id"
        FROM "TelegramUpdate" WHERE "handledAt" IS NULL
        ORDER BY "bot", "chatId", "updateId"
      ) AS head
      WHERE "notBefore" <= now()
      ORDER BY "id"
      LIMIT $1`,
      [limit],
    );
  }

  /**
   * The chat's oldest unhandled update (`due` false while it waits out a failed attempt); with
   * `opts`, also the chat's form state and citizen, in the same statement (the citizen bot's two
   * reads of every update, now none of their own). Calls for several chats made while one is
   * running share the next statement (`batched`); each is made under its chat's lock, so every
   * read sees what the lock's previous holder committed.
   */
  const nextBatch = batched(async (reqs: { bot: BotName; chatId: bigint; stateKey: string | null; citizen: boolean }[]) => {
    // A repeat (see repeatOf): the previous update had the same input and was answered only after
    // this one was sent or, for a button, after it arrived. Telegram dates messages in whole
    // seconds, so words sent in the second the answer went out count as a repeat: nobody reads the
    // next question and types the same words again within that second, but a person whose first
    // message seemed unanswered sends it again just then (the fault suite saw 6 of 200 descriptions
    // taken for the place that way, with two bots processes under load). A command is not an
    // answer to anything and is harmless handled twice, while one sent again at once on purpose
    // (a staff member's second /help after a role change) must be answered: only one sent in an
    // earlier second is a repeat.
    const rows = await sql<NextRow & { ord: bigint }>(
      pool,
      `SELECT r.ord, u.*,
             s."key" AS "stateKey", s."value" AS "stateValue", s."updatedAt" AS "stateUpdatedAt",
             c."id" AS "cId", c."telegramId" AS "cTelegramId", c."channel" AS "cChannel", c."locale" AS "cLocale",
             c."consentAt" AS "cConsentAt", c."consentWithdrawnAt" AS "cConsentWithdrawnAt", c."lastSeenAt" AS "cLastSeenAt", c."createdAt" AS "cCreatedAt"
      FROM unnest($1::text[], $2::bigint[], $3::text[], $4::boolean[])
        WITH ORDINALITY AS r(bot, "chatId", "stateKey", citizen, ord)
      JOIN LATERAL (
        SELECT u."id", u."updateId", u."payload", u."attempts", u."notBefore" <= now() AS due,
               COALESCE(u."repeatKey" = p."repeatKey"
                 AND COALESCE(CASE WHEN left(u."repeatKey", 2) = 'k:' THEN u."sentAt" < date_trunc('second', p."handledAt")
                                   ELSE u."sentAt" <= date_trunc('second', p."handledAt") END,
                              u."receivedAt" < p."handledAt"), false) AS repeat
        FROM "TelegramUpdate" u
        LEFT JOIN LATERAL (
          SELECT "repeatKey", "handledAt" FROM "TelegramUpdate"
          WHERE "bot" = u."bot" AND "chatId" = u."chatId" AND "updateId" < u."updateId"
          ORDER BY "updateId" DESC LIMIT 1
        ) p ON true
        WHERE u."handledAt" IS NULL AND u."bot" = r.bot AND u."chatId" = r."chatId"
        ORDER BY u."updateId" LIMIT 1
      ) u ON true
      LEFT JOIN "BotState" s ON s."key" = r."stateKey"
      LEFT JOIN "Citizen" c ON r.citizen AND c."telegramId" = r."chatId"`,
      [reqs.map((r) => r.bot), reqs.map((r) => r.chatId), reqs.map((r) => r.stateKey), reqs.map((r) => r.citizen)],
    );
    const byOrd = new Map(rows.map((row) => [Number(row.ord), row]));
    return reqs.map((req, i) => {
      const row = byOrd.get(i + 1);
      return row ? toPending(row, req.stateKey, req.citizen) : null;
    });
  });

  function toPending(row: NextRow, stateKey: string | null, withCitizen: boolean): PendingUpdate {
    const update: PendingUpdate = { id: row.id, updateId: row.updateId, payload: JSON.parse(row.payload) as Update, attempts: row.attempts, due: row.due, repeat: row.repeat };
    if (stateKey === null && !withCitizen) return update;
    update.prefetched = {};
    if (stateKey !== null) {
      update.prefetched.stateKey = stateKey;
      update.prefetched.state = row.stateKey === null ? null : { key: row.stateKey, value: row.stateValue, updatedAt: row.stateUpdatedAt! };
    }
    if (withCitizen)
      update.prefetched.citizen =
        row.cId === null
          ? null
          : {
              id: row.cId,
              telegramId: row.cTelegramId!,
              channel: row.cChannel!,
              locale: row.cLocale!,
              consentAt: row.cConsentAt,
              consentWithdrawnAt: row.cConsentWithdrawnAt,
              lastSeenAt: row.cLastSeenAt!,
              createdAt: row.cCreatedAt!,
            };
    return update;
  }

  function next(bot: BotName, chatId: bigint, opts: NextOptions = {}): Promise<PendingUpdate | null> {
    return nextBatch({ bot, chatId, stateKey: opts.stateKey ?? null, citizen: opts.citizen ?? false });
  }

  /**
   * Handled, in ONE statement (one transaction): the payload (the person's words) is dropped at
   * once, the id stays for de-duplication, and the form state its handling changed (`writes`, see
   * update-scope.ts) is saved with it. Returns whether the chat has more updates waiting (`chat`
   * given), so the runner asks for the next one only when there is one. Marks of several chats
   * made while one is running share the next statement (and so its transaction: each update's
   * state is still saved with its own mark).
   */
  const markBatch = batched(async (marks: { id: bigint; writes: HeldWrite[]; chat?: { bot: BotName; chatId: bigint } }[]) => {
    // One write per key, the last one made (a key is one chat's; two marks of one chat never run at once).
    const writes = new Map<string, HeldWrite>();
    for (const m of marks) for (const w of m.writes) writes.set(w.key, w);
    const saved = [...writes.values()].filter((w) => w.json !== null);
    const deleted = [...writes.values()].filter((w) => w.json === null).map((w) => w.key);
    const ids = marks.map((m) => m.id);
    const rows = await sql<{ ord: bigint; more: boolean }>(
      pool,
      `WITH mark AS (
        UPDATE "TelegramUpdate" SET "handledAt" = now(), "payload" = NULL WHERE "id" = ANY($1::bigint[]) AND "handledAt" IS NULL RETURNING 1
      ), gone AS (
        DELETE FROM "BotState" WHERE "key" = ANY($2::text[]) RETURNING 1
      ), kept AS (
        INSERT INTO "BotState" ("key", "value", "updatedAt")
        SELECT k, v, $3::timestamp(3) FROM ROWS FROM (unnest($4::text[]), jsonb_array_elements($5::jsonb)) AS w(k, v)
        ON CONFLICT ("key") DO UPDATE SET "value" = EXCLUDED."value", "updatedAt" = EXCLUDED."updatedAt"
        RETURNING 1
      )
      SELECT r.ord, r.bot IS NULL OR EXISTS (
        SELECT 1 FROM "TelegramUpdate" t WHERE t."bot" = r.bot AND t."chatId" = r."chatId" AND t."handledAt" IS NULL AND t."id" <> ALL($1::bigint[])
      ) AS more
      FROM unnest($6::text[], $7::bigint[]) WITH ORDINALITY AS r(bot, "chatId", ord)
      ORDER BY r.ord`,
      [
        ids,
        deleted,
        utc(new Date()),
        saved.map((w) => w.key),
        jsonArray(saved.map((w) => w.json!)),
        marks.map((m) => m.chat?.bot ?? null),
        marks.map((m) => m.chat?.chatId ?? null),
      ],
    );
    return rows.map((r) => r.more);
  });

  function markHandled(id: bigint, writes: HeldWrite[] = [], chat?: { bot: BotName; chatId: bigint }): Promise<boolean> {
    return markBatch({ id, writes, chat });
  }

  /** A failed attempt: tried again after `delayMs`. */
  /** Not before `delayMs` from now; `countAttempt: false` when the failure was an outage, not the update's fault. */
  async function retryLater(id: bigint, delayMs: number, opts: { countAttempt?: boolean } = {}): Promise<void> {
    const step = opts.countAttempt === false ? 0 : 1;
    await prisma.$executeRaw`
      UPDATE "TelegramUpdate" SET "attempts" = "attempts" + ${step}, "notBefore" = now() + make_interval(secs => ${delayMs / 1000})
      WHERE "id" = ${id}`;
  }

  /** Deletes handled rows older than `olderThanMs`. */
  async function prune(olderThanMs = KEEP_HANDLED_MS): Promise<number> {
    return prisma.$executeRaw`DELETE FROM "TelegramUpdate" WHERE "handledAt" < now() - make_interval(secs => ${olderThanMs / 1000})`;
  }

  /**
   * Forgets every update: only for the local emulator, whose update ids start again at 1 each time
   * it starts, so yesterday's ids must not make today's updates look like repeats.
   */
  async function forget(): Promise<void> {
    await prisma.$executeRaw`DELETE FROM "TelegramUpdate"`;
  }

  /** Updates stored and not yet handled. */
  async function unhandled(bot?: BotName): Promise<number> {
    return prisma.telegramUpdate.count({ where: { handledAt: null, ...(bot ? { bot } : {}) } });
  }

  return { store, pendingChats, next, markHandled, retryLater, prune, forget, unhandled };
}

export type UpdateInbox = ReturnType<typeof createUpdateInbox>;
