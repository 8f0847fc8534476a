import { GrammyError, type Bot } from "grammy";
import type { Logger } from "../../src/logger.js";
import type { BotName, UpdateInbox } from "../../src/inbox/update-inbox.js";
import type { DbSession, Lease } from "../../src/inbox/db-session.js";
import { chatOf } from "../../src/inbox/chat-of.js";
import type { BotContext } from "../shared/context.js";
import { sleep } from "./sleep.js";

export type PollerOptions = {
  /** getUpdates long-poll timeout (s); 0 for the emulator, which answers at once. */
  timeoutSeconds: number;
  /** Pause after an empty answer when not long-polling, as Telegram's long polling would wait. */
  idlePauseMs?: number;
  /** How often a standing-by poller asks for the lease (ms). */
  standbyMs?: number;
};

/**
 * Long polling that loses nothing: each batch is stored in the inbox BEFORE it is confirmed, and it
 * is confirmed only by asking for the next offset. Telegram allows one getUpdates client per bot
 * (a second gets 409), so the poller first takes the bot's lease (an advisory lock in its own
 * session); runners without it stand by and take over within `standbyMs` when the holder dies.
 */
export function createPoller(deps: { name: BotName; bot: Bot<BotContext>; inbox: UpdateInbox; session: DbSession; logger: Logger }, opts: PollerOptions) {
  const { name, bot, inbox, session } = deps;
  const logger = deps.logger.child({ bot: name });
  const { timeoutSeconds, idlePauseMs = 100, standbyMs = 1000 } = opts;
  const controller = new AbortController();
  const signal = controller.signal;
  // (Passed to grammY `as never`: its types name the abort-controller shim's AbortSignal, not Node's.)
  let lease: Lease | null = null;

  async function pollWhileLeased(held: Lease): Promise<void> {
    // Polling and a webhook exclude each other on Telegram; clear a stale webhook first.
    await bot.api.deleteWebhook(undefined, signal as never).catch(() => undefined);
    let offset: number | undefined;
    let backoff = 250;
    while (!signal.aborted && session.holds(held)) {
      let updates;
      try {
        updates = await bot.api.getUpdates({ offset, timeout: timeoutSeconds, limit: 100 }, signal as never);
      } catch (err) {
        if (signal.aborted) return;
        if (err instanceof GrammyError && err.error_code === 409) logger.warn("telegram answered 409: another client polls this bot");
        else logger.warn({ err: err instanceof Error ? err.message : String(err) }, "getUpdates failed; retrying");
        await sleep(backoff, signal);
        backoff = Math.min(backoff * 2, 5000);
        continue;
      }
      if (updates.length > 0) {
        try {
          await inbox.store(name, updates.map((u) => ({ updateId: u.update_id, chatId: chatOf(u), payload: u })));
        } catch (err) {
          // Not stored, so not confirmed: the same offset fetches them again.
          logger.warn({ err: err instanceof Error ? err.message : String(err) }, "could not store updates; fetching them again");
          await sleep(backoff, signal);
          backoff = Math.min(backoff * 2, 5000);
          continue;
        }
        offset = updates[updates.length - 1].update_id + 1;
      } else if (timeoutSeconds === 0) {
        await sleep(idlePauseMs, signal);
      }
      backoff = 250;
    }
  }

  const task = (async () => {
    while (!signal.aborted) {
      try {
        lease = await session.tryLock(`poll:${bot.botInfo.id}`);
      } catch (err) {
        logger.warn({ err: err instanceof Error ? err.message : String(err) }, "could not ask for the polling lease");
        lease = null;
      }
      if (!lease) {
        await sleep(standbyMs, signal);
        continue;
      }
      logger.info("polling (this runner holds the lease)");
      try {
        await pollWhileLeased(lease);
      } finally {
        await session.unlock(lease).catch(() => undefined);
        lease = null;
      }
    }
  })();

  return {
    /** True while this runner holds the lease and polls. */
    isPolling: () => lease !== null && session.holds(lease),
    /** Aborts the getUpdates in flight; what was fetched and not stored is fetched again by the next poller. */
    async stop(): Promise<void> {
      controller.abort();
      await task;
    },
    abort: () => controller.abort(),
  };
}

export type Poller = ReturnType<typeof createPoller>;
