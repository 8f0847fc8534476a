import { BotError, type Bot } from "grammy";
import type { Logger } from "../../src/logger.js";
import type { BotName, NextOptions, PendingUpdate, UpdateInbox } from "../../src/inbox/update-inbox.js";
import { conversationKey } from "../../src/privacy/privacy-service.js";
import type { DbSession } from "../../src/inbox/db-session.js";
import type { BotContext } from "../shared/context.js";
import { judge } from "../../src/queues/job-errors.js";
import { newUpdateScope, updateScope, type HeldWrite } from "../../src/inbox/update-scope.js";

/** After this many failed attempts an update is given up (logged) so its chat can go on. */
const MAX_ATTEMPTS = 5;
const SCAN_INTERVAL_MS = 1000;
/** How soon an update that met an outage is tried again (the scan finds it from then on). */
const OUTAGE_RETRY_MS = 1000;
const PRUNE_INTERVAL_MS = 10 * 60_000;
const MARK_RETRY_MAX_MS = 2000;

/** After an update: look for the chat's next one, or not (none waiting, or it must wait). */
type Outcome = "maybe_more" | "done" | "stop";
const MAYBE_MORE: Outcome = "maybe_more";
const DONE: Outcome = "done";
const STOP: Outcome = "stop";

/** The citizen bot's handlers read the chat's form state and its citizen on every update: the inbox reads them with it. */
function prefetch(name: BotName, chatId: bigint): NextOptions | undefined {
  return name === "citizen" ? { stateKey: conversationKey("citizen", chatId), citizen: true } : undefined;
}

export type DispatcherOptions = { concurrency?: number; scanIntervalMs?: number };

/**
 * Handles the inbox: each chat's updates in update_id order, one at a time across every process
 * (a chat is handled only under its advisory lock), marked handled once `handleUpdate` returned.
 * Woken by NOTIFY from the store, and every second in case a notice was missed. Updates a crash left
 * unhandled stay in the inbox and are taken up by whichever runner next gets the chat's lock.
 */
export function createDispatcher(
  deps: { bots: Record<BotName, Bot<BotContext>>; inbox: UpdateInbox; session: DbSession; logger: Logger },
  opts: DispatcherOptions = {},
) {
  const { bots, inbox, session, logger } = deps;
  const concurrency = opts.concurrency ?? 32;
  const active = new Map<string, Promise<void>>();
  let stopping = false;
  let killed = false;
  let scanning = false;
  let again = false;
  let lastPrune = 0;

  /**
   * Runs the update through the bot; the error boundary (bot.catch) answers the user when our code
   * throws. A dependency that did not answer (Postgres, Redis, Telegram) is waited out instead: the
   * update stays in the inbox, is handled again once it is back, and uses up no attempt; the person
   * is not told "something went wrong, try again" meanwhile, which would have them send it twice.
   */
  async function handle(name: BotName, chatId: bigint, row: PendingUpdate): Promise<Outcome> {
    const bot = bots[name];
    if (row.repeat) {
      // Said again before the first was answered: that answer (just sent) answers this one too.
      logger.info({ bot: name, updateId: Number(row.updateId) }, "a repeat of the previous input, sent before it was answered; not handled again");
      return markHandledThroughOutage(name, chatId, row);
    }
    // Form state the handling writes is held here and saved only with the update marked handled;
    // what the inbox read with the update (form state, citizen) is there for the handlers.
    const scope = newUpdateScope(row.prefetched);
    try {
      try {
        await updateScope.run(row.payload, scope, () => bot.handleUpdate(row.payload));
      } catch (err) {
        if (!(err instanceof BotError)) throw err;
        if (judge(err.error).kind === "outage") throw err.error;
        await bot.errorHandler(err);
      }
    } catch (err) {
      if (judge(err).kind === "outage") {
        logger.warn({ err, bot: name, updateId: Number(row.updateId) }, "a dependency is unavailable; the update waits in the inbox");
        if (!killed) await inbox.retryLater(row.id, OUTAGE_RETRY_MS, { countAttempt: false }).catch(() => undefined);
        return STOP;
      }
      const attempts = row.attempts + 1;
      if (attempts >= MAX_ATTEMPTS) {
        logger.error({ err, bot: name, updateId: Number(row.updateId), attempts }, "update failed every attempt; given up");
        // The form is left as it was before this update.
        if (!killed) await inbox.markHandled(row.id);
        return MAYBE_MORE;
      }
      logger.warn({ err, bot: name, updateId: Number(row.updateId), attempts }, "update failed; trying again later");
      if (!killed) await inbox.retryLater(row.id, 1000 * 2 ** attempts);
      return STOP;
    }
    if (killed) return STOP;
    return markHandledThroughOutage(name, chatId, row, [...scope.writes.values()]);
  }

  /**
   * The update has been handled (its answers sent, its form step ready to save with the mark): an
   * outage here is waited out, still holding the chat in this runner, so that the person does not
   * see the step asked twice when the update is handled again.
   */
  async function markHandledThroughOutage(name: BotName, chatId: bigint, row: PendingUpdate, writes: HeldWrite[] = []): Promise<Outcome> {
    for (let wait = 250; ; wait = Math.min(wait * 2, MARK_RETRY_MAX_MS)) {
      try {
        // The same statement says whether the chat has more waiting: if not, no query for the next one.
        return (await inbox.markHandled(row.id, writes, { bot: name, chatId })) ? MAYBE_MORE : DONE;
      } catch (err) {
        if (killed || judge(err).kind !== "outage") throw err;
        logger.warn({ err, bot: name, updateId: Number(row.updateId) }, "handled, but the inbox is unavailable; marking it when it is back");
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  /** Handles the chat's due updates under its lock; false when another runner holds the chat. */
  async function runChat(name: BotName, chatId: bigint): Promise<boolean> {
    const lease = await session.tryLock(`chat:${name}:${chatId}`);
    if (!lease) return false; // the holder looks again when it is done
    try {
      while (!stopping && session.holds(lease)) {
        const row = await inbox.next(name, chatId, prefetch(name, chatId));
        if (!row || !row.due) break;
        if ((await handle(name, chatId, row)) !== MAYBE_MORE) break;
      }
    } finally {
      await session.unlock(lease).catch(() => undefined);
    }
    return true;
  }

  function start(name: BotName, chatId: bigint): void {
    const key = `${name}:${chatId}`;
    if (active.has(key) || active.size >= concurrency) return;
    const task = runChat(name, chatId)
      .catch((err) => {
        logger.warn({ err, bot: name }, "inbox chat handling stopped; retrying");
        return false;
      })
      .then((held) => {
        active.delete(key);
        // An update may have come in after our last look while we still held the lock.
        if (held && !stopping) void scan();
      });
    active.set(key, task);
  }

  async function scan(): Promise<void> {
    if (stopping) return;
    if (scanning) {
      again = true;
      return;
    }
    scanning = true;
    try {
      do {
        again = false;
        if (active.size >= concurrency) break;
        const chats = await inbox.pendingChats(concurrency * 4);
        for (const c of chats) start(c.bot, c.chatId);
      } while (again && !stopping);
      if (Date.now() - lastPrune > PRUNE_INTERVAL_MS) {
        lastPrune = Date.now();
        await inbox.prune();
      }
    } catch (err) {
      logger.warn({ err: err instanceof Error ? err.message : String(err) }, "inbox scan failed; retrying");
    } finally {
      scanning = false;
    }
  }

  const timer = setInterval(() => {
    // Reconnects a lost session (LISTEN included) before looking.
    session.connect().then(scan, (err) => logger.warn({ err: err.message }, "inbox session unavailable"));
  }, opts.scanIntervalMs ?? SCAN_INTERVAL_MS);
  void session.connect().then(scan, () => undefined);

  return {
    /** Called on NOTIFY: new updates are waiting. */
    wake: () => void scan(),
    /** Chats being handled by this runner right now. */
    busy: () => active.size,
    /**
     * Takes no new work and gives the updates in hand up to `graceMs` to finish; what is left stays
     * in the inbox for the next runner.
     */
    async stop(graceMs: number): Promise<void> {
      stopping = true;
      clearInterval(timer);
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...active.values()]),
        new Promise((r) => (timeout = setTimeout(r, graceMs))),
      ]);
      clearTimeout(timeout);
    },
    /** Stops at once and never marks anything handled again (a killed process, for fault tests). */
    kill(): void {
      killed = true;
      stopping = true;
      clearInterval(timer);
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
