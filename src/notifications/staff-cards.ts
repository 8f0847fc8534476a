import { randomUUID } from "node:crypto";
import { GrammyError, type InlineKeyboard } from "grammy";
import type { I18n } from "@grammyjs/i18n";
import type { Redis } from "ioredis";
import type { Prisma } from "../db/prisma.js";
import type { Logger } from "../logger.js";
import type { TelegramApis } from "../telegram/api.js";
import type { Case, Department, StaffMember } from "../generated/prisma/client.js";
import { allowed } from "../cases/rules.js";
import { toStaffActor } from "../staff/staff-service.js";
import { formatDay, formatDue } from "../i18n/i18n.js";
import { RetryLaterError } from "../queues/job-errors.js";
import { redisScript } from "../util/redis-script.js";
import { sql, type Queryable } from "../db/sql.js";
import type { Reference } from "../db/reference.js";
import { assignKeyboard, departmentName, extensionKeyboard, reasonsOf, renderStaffCard, staffCardKeyboard, withFullText } from "./cards.js";

/**
 * `dispatchEvent`: the escalation or return that put a case waiting for a dispatcher, where the
 * card's read carried it (null: none; absent: not read, asked when needed).
 */
type CaseForCard = Case & { department: Department | null; handler: StaffMember | null; dispatchEvent?: DispatchEvent | null };
type DispatchEvent = { action: string; note: string | null };
/** A card's row to write once its message was sent or edited: the message and the case version it shows. */
export type CardWrite = { caseId: number; chatId: bigint; messageId: number; version: bigint };
/** One read of a case for its cards: the case, and its cards already sent, by chat id. */
export type CardRead = { case: CaseForCard; cards: Map<string, { messageId: bigint; version: bigint }> };
/** A StaffMember row read through JSON (its telegramId sent as text: a bigint does not survive JSON; createdAt a UTC wall time). */
export function staffFromJson(raw: Record<string, unknown>): StaffMember {
  return { ...raw, telegramId: BigInt(raw.telegramId as string), createdAt: new Date(`${raw.createdAt as string}Z`) } as StaffMember;
}
/** A card row as read through JSON: chat id, message id, version (bigints as text). */
export type CardJson = [string, string, string];
/** Every card of a case, as JSON (the statement reading it names the case `c`). */
export const CARDS_JSON = `(SELECT coalesce(jsonb_agg(jsonb_build_array(k."chatId"::text, k."messageId"::text, k."version"::text)), '[]') FROM "StaffCard" k
   WHERE k."caseId" = c."id" AND k."bot" = 'staff')`;
/** Why a case waits for a dispatcher (the last escalation or return), as JSON [action, note]; only then read. */
export const DISPATCH_JSON = `CASE WHEN c."status" = 'PENDING_DISPATCH' THEN (SELECT jsonb_build_array(e."action", e."note") FROM "CaseEvent" e
   WHERE e."caseId" = c."id" AND e."action" IN ('escalate', 'return') ORDER BY e."id" DESC LIMIT 1) END`;
/** The case's handler (active or not), as JSON. */
export const HANDLER_JSON = `(SELECT to_jsonb(h) || jsonb_build_object('telegramId', h."telegramId"::text) FROM "StaffMember" h WHERE h."id" = c."handlerId")`;
export type CardRender = { text: string; keyboard?: InlineKeyboard };

/** A card lock outlives one Telegram call (20 s timeout) and its bookkeeping; a dead holder's lock expires. */
const LOCK_MS = 30_000;
/** How long a job that found the card locked waits (delayed, out of its worker slot) before trying again. */
const BUSY_RETRY_MS = 150;
const RELEASE = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`;
/**
 * A `case_cards` job that found the lock held waits in the case's set of waiters and comes back;
 * how long a waiter or a covered mark is kept (a job that comes back later redraws itself).
 */
const WAITERS_TTL_MS = 3_600_000;
// KEYS: the case's card lock, its waiters, its covered jobs. ARGV: token, lock ms, this job, TTL ms.
// Answers nil when a redraw that began after this job waited covered it (the mark is taken), the
// waiters (a list, maybe empty) when the lock is now this job's, 0 when it is held (the job waits).
const ACQUIRE_REDRAW = `
if redis.call("SREM", KEYS[3], ARGV[3]) == 1 then return false end
if redis.call("SET", KEYS[1], ARGV[1], "PX", ARGV[2], "NX") then
  redis.call("SREM", KEYS[2], ARGV[3])
  return redis.call("SMEMBERS", KEYS[2])
end
redis.call("SADD", KEYS[2], ARGV[3])
redis.call("PEXPIRE", KEYS[2], ARGV[4])
return 0
`;
// KEYS: as above. ARGV: token, TTL ms, the waiters the redraw covered. Releases the lock (if still
// this holder's) and moves those waiters from the waiting set to the covered one.
const RELEASE_REDRAW = `
if redis.call("GET", KEYS[1]) == ARGV[1] then redis.call("DEL", KEYS[1]) end
for i = 3, #ARGV do
  redis.call("SREM", KEYS[2], ARGV[i])
  redis.call("SADD", KEYS[3], ARGV[i])
end
if #ARGV > 2 then redis.call("PEXPIRE", KEYS[3], ARGV[2]) end
return 0
`;

/** Telegram's answers to an edit that mean "already showing this": the card is current. */
export const isNotModified = (err: unknown) => err instanceof GrammyError && err.error_code === 400 && /message is not modified/i.test(err.description);
/** Telegram's answers to an edit of a message it no longer has or lets us edit: send a fresh card instead. */
export const isGone = (err: unknown) =>
  err instanceof GrammyError &&
  err.error_code === 400 &&
  /message to edit not found|message can't be edited|MESSAGE_ID_INVALID|message not found/i.test(err.description);

const hasButtons = (k?: InlineKeyboard) => Boolean(k?.inline_keyboard.some((row) => row.length > 0));

/**
 * The live card of a case in each staff chat (`StaffCard`): sent once, then edited in place after
 * every change of the case, showing its status, due date, who acts now and only the buttons the
 * rules table (`allowed`) now gives that staff member. Every card of a case is rendered and
 * written under one Redis lock per case, from the case as read under that lock, and records the
 * version (the case's `updatedAt`) it shows: an older render never replaces a newer one.
 */
export function createStaffCards(deps: {
  prisma: Prisma;
  /** Plain SQL and the department cache for the reads and writes of every card (src/db/sql.ts). */
  pool: Queryable;
  reference: Reference;
  redis: Redis; i18n: I18n; telegram: TelegramApis; logger: Logger; prefix: string; now: () => Date }) {
  const { redis, i18n, telegram } = deps;
  // Sent by its SHA (src/util/redis-script.ts), not as text with every card notice.
  const release = redisScript<number>(redis, "minshengCardLockRelease", 1, RELEASE);
  const acquireRedraw = redisScript<string[] | number | null>(redis, "minshengCardRedrawAcquire", 3, ACQUIRE_REDRAW);
  const releaseRedraw = redisScript<number>(redis, "minshengCardRedrawRelease", 3, RELEASE_REDRAW);
  /** The case's one card lock, which `withLock` and `redraw` both take. */
  const lockKey = (caseId: number) => `${deps.prefix}:card-lock:${caseId}`;

  async function whoActs(locale: string, c: CaseForCard): Promise<string> {
    const t = (k: string, v?: Record<string, string | number>) => i18n.t(locale, k, v);
    const dept = departmentName(c.department, locale, t("department-pending"));
    const base = (() => {
      switch (c.status) {
        case "SUBMITTED":
          return t("card-turn-system");
        case "PENDING_DISPATCH":
          return t("card-turn-dispatch");
        case "ASSIGNED":
          return t("card-turn-accept", { department: dept });
        case "REOPENED":
          // 复查: the reviewing department's supervisor decides (信访工作条例 art. 35).
          return t("card-turn-review", { department: dept });
        case "IN_PROGRESS":
          return c.handler ? t("card-turn-handler", { name: c.handler.displayName }) : t("card-turn-department", { department: dept });
        case "AWAITING_CITIZEN":
          return t("card-turn-citizen");
        case "AWAITING_CORRECTION":
          return t("card-turn-correction");
        case "CLOSED":
          return t("card-turn-closed");
      }
    })();
    return c.extensionState === "requested" && c.status !== "CLOSED" ? `${base}；${t("card-turn-extension")}` : base;
  }

  /** Why a case waits for a dispatcher: the note of the escalation or return that put it there. */
  async function dispatchReason(locale: string, c: CaseForCard): Promise<string> {
    const [e] =
      c.dispatchEvent !== undefined
        ? c.dispatchEvent === null
          ? []
          : [c.dispatchEvent]
        : await sql<DispatchEvent>(
            deps.pool,
            `SELECT "action", "note" FROM "CaseEvent" WHERE "caseId" = $1 AND "action" IN ('escalate', 'return') ORDER BY "id" DESC LIMIT 1`,
            [c.id],
          );
    const reason = e?.note ?? "-";
    return e?.action === "return"
      ? i18n.t(locale, "staff-returned-to-dispatch", { number: c.number, reason })
      : i18n.t(locale, "staff-escalated", { reason });
  }

  /** The card as `staff` should see it now; a citizen's text cut short gets the "全文" button. */
  async function render(staff: StaffMember, c: CaseForCard): Promise<CardRender> {
    const card = await renderCard(staff, c);
    return { ...card, keyboard: withFullText(card.keyboard, i18n, staff.locale, c) };
  }

  async function renderCard(staff: StaffMember, c: CaseForCard): Promise<CardRender> {
    const locale = staff.locale;
    const actor = toStaffActor(staff);
    const at = deps.now();
    const may = (a: Parameters<typeof allowed>[0]) => allowed(a, actor, c, { now: at }).ok;
    const lines = [renderStaffCard(i18n, locale, c), i18n.t(locale, "card-turn", { who: await whoActs(locale, c) })];
    if (c.overdueAt && c.status !== "CLOSED") lines.push(i18n.t(locale, "card-overdue", { due: formatDue(c.dueAt, locale) }));
    if (c.status === "PENDING_DISPATCH" && may("assign")) {
      // Mediation bodies (人民调解委员会, 司法所) take mediations only.
      const departments = (await deps.reference.departments()).filter((d) => c.kind === "MEDIATION" || d.kind === "BUREAU");
      lines.push("", await dispatchReason(locale, c));
      return { text: lines.join("\n"), keyboard: assignKeyboard(locale, c.id, departments, undefined, reasonsOf(c)) };
    }
    if (may("approve_extension") || may("reject_extension")) {
      lines.push("", i18n.t(locale, c.kind === "COMPLAINT" ? "card-extension-pending-complaint" : "card-extension-pending", { days: c.extensionDays ?? 0 }));
      return { text: lines.join("\n"), keyboard: extensionKeyboard(i18n, locale, c.id) };
    }
    const keyboard = staffCardKeyboard(i18n, locale, c, may);
    return { text: lines.join("\n"), keyboard: hasButtons(keyboard) ? keyboard : undefined };
  }

  /** Runs `fn` holding the case's card lock; a held lock sends the job back to wait a moment (no worker slot held). */
  async function withLock<T>(caseId: number, fn: () => Promise<T>): Promise<T> {
    const key = lockKey(caseId);
    const token = randomUUID();
    if ((await redis.set(key, token, "PX", LOCK_MS, "NX")) !== "OK") throw new RetryLaterError(`card of case ${caseId} busy`, BUSY_RETRY_MS);
    try {
      return await fn();
    } finally {
      await release(key, token).catch((err: Error) => deps.logger.warn({ caseId, err: err.message }, "card lock not released; it expires"));
    }
  }

  /**
   * The case as its cards show it (with its department and handler) and every card of it already
   * sent, by chat, in one statement (read holding the case's lock, so no other job changes them).
   */
  async function readForCard(caseId: number): Promise<CardRead> {
    const [row] = await sql<Case & { _handler: Record<string, unknown> | null; _cards: CardJson[]; _dispatch: [string, string | null] | null }>(
      deps.pool,
      `SELECT c.*, ${HANDLER_JSON} AS "_handler", ${CARDS_JSON} AS "_cards", ${DISPATCH_JSON} AS "_dispatch" FROM "Case" c WHERE c."id" = $1`,
      [caseId],
    );
    if (!row) throw new Error(`case ${caseId} missing`);
    const { _handler, _cards, _dispatch, ...c } = row;
    return cardRead({ ...(c as Case), attachments: c.attachments ?? [] }, _handler ? staffFromJson(_handler) : null, _cards, _dispatch);
  }

  /** A read of the case for its cards from its parts (a caller that read them in its own statement, holding the lock). */
  async function cardRead(c: Case, handler: StaffMember | null, cards: CardJson[], dispatch: [string, string | null] | null): Promise<CardRead> {
    const dispatchEvent = c.status === "PENDING_DISPATCH" ? (dispatch ? { action: dispatch[0], note: dispatch[1] } : null) : undefined;
    return {
      case: { ...c, department: await deps.reference.department(c.departmentId), handler, dispatchEvent },
      cards: new Map(cards.map(([chat, messageId, version]) => [chat, { messageId: BigInt(messageId), version: BigInt(version) }])),
    };
  }

  /** Writes a card's row (the message it is and the version it shows). */
  const writeCard = (w: CardWrite) =>
    sql(
      deps.pool,
      `INSERT INTO "StaffCard" ("caseId", "bot", "chatId", "messageId", "version") VALUES ($1, 'staff', $2, $3, $4)
       ON CONFLICT ("caseId", "bot", "chatId") DO UPDATE SET "messageId" = EXCLUDED."messageId", "version" = EXCLUDED."version", "updatedAt" = $5`,
      [w.caseId, w.chatId.toString(), String(w.messageId), w.version.toString(), new Date().toISOString()],
    );

  /**
   * Brings `staff`'s card of the case up to date (call it holding the case's lock): sends it when
   * the chat has none (or Telegram lost it), edits it when the case changed since it was shown.
   * `fresh` tells whether a new message was sent (a new message alerts; an edit does not).
   * `read`: one job's read of the case and its cards, shared by the cards it brings up to date (the
   * job holds the case's lock, so every card it writes shows the case as read under that lock).
   * With `defer`, the card's row is not written but returned as `write`, for the caller to write
   * with what it records after the call (delivery.ts: with the delivery's outcome, in one statement).
   */
  async function ensure(
    caseId: number,
    staff: StaffMember,
    read?: { case?: Promise<CardRead> },
    opts: { defer?: boolean } = {},
  ): Promise<{ messageId: number; fresh: boolean; write?: CardWrite }> {
    const r = await (read ? (read.case ??= readForCard(caseId)) : readForCard(caseId));
    const c = r.case;
    const chatKey = staff.telegramId.toString();
    const row = r.cards.get(chatKey);
    const version = BigInt(c.updatedAt.getTime());
    if (row && row.version >= version) return { messageId: Number(row.messageId), fresh: false };
    const { text, keyboard } = await render(staff, c);
    const chat = Number(staff.telegramId);
    const shown = async (messageId: number, fresh: boolean) => {
      const write: CardWrite = { caseId, chatId: staff.telegramId, messageId, version };
      r.cards.set(chatKey, { messageId: BigInt(messageId), version });
      if (opts.defer) return { messageId, fresh, write };
      await writeCard(write);
      return { messageId, fresh };
    };
    const send = async () => shown((await telegram.staff.sendMessage(chat, text, keyboard ? { reply_markup: keyboard } : {})).message_id, true);
    if (!row) return send();
    try {
      // No reply_markup removes the buttons (Telegram's editMessageText keeps only what it is given).
      await telegram.staff.editMessageText(chat, Number(row.messageId), text, keyboard ? { reply_markup: keyboard } : {});
    } catch (err) {
      if (isGone(err)) {
        deps.logger.info({ caseId, err: (err as Error).message }, "card message gone; sending a fresh card");
        return send();
      }
      if (!isNotModified(err)) throw err;
    }
    return shown(Number(row.messageId), false);
  }

  /** Every staff member who holds a card of the case (refreshed after each change). */
  async function holders(caseId: number): Promise<StaffMember[]> {
    // One statement (every change of a case asks it).
    return sql<StaffMember>(
      deps.pool,
      `SELECT * FROM "StaffMember" WHERE "telegramId" IN (SELECT "chatId" FROM "StaffCard" WHERE "caseId" = $1 AND "bot" = 'staff') ORDER BY "id"`,
      [caseId],
    );
  }

  /**
   * Runs a redraw of every card of the case (`fn`, a `case_cards` job; `job` its outbox id) holding
   * the case's card lock, coalescing the redraws that queue up behind one another: a job that finds
   * the lock held joins the case's waiters and comes back; the holder that takes the lock next takes
   * the waiters with it, and once its redraw is done (`fn` answers `drew`) they are covered: their
   * changes were committed before they waited, so before that holder's read. A covered job comes
   * back to find it has nothing to do. A burst of changes to one case (an agreement confirmed by
   * both parties, a reminder, a follow-up) was as many redraws in a row, each an edit of every
   * card, at the handler chat's pace of one message a second, each holding the lock the case's
   * other notices wait for; now it is two. Redis losing the sets only costs a redraw.
   */
  async function redraw<T>(caseId: number, job: string, fn: () => Promise<{ value: T; drew: boolean }>): Promise<{ covered: true } | { covered: false; value: T }> {
    const keys = [lockKey(caseId), `${deps.prefix}:card-wait:${caseId}`, `${deps.prefix}:card-covered:${caseId}`];
    const token = randomUUID();
    const got = await acquireRedraw(...keys, token, LOCK_MS, job, WAITERS_TTL_MS);
    if (got === null) return { covered: true };
    if (!Array.isArray(got)) throw new RetryLaterError(`card of case ${caseId} busy`, BUSY_RETRY_MS);
    let covers: string[] = [];
    try {
      const r = await fn();
      if (r.drew) covers = got;
      return { covered: false, value: r.value };
    } finally {
      await releaseRedraw(...keys, token, WAITERS_TTL_MS, ...covers).catch((err: Error) =>
        deps.logger.warn({ caseId, err: err.message }, "card lock not released; it expires (its waiters redraw)"),
      );
    }
  }

  return { render, ensure, withLock, redraw, holders, cardRead };
}

export type StaffCards = ReturnType<typeof createStaffCards>;
