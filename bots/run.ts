import type { Bot } from "grammy";
import type { Core } from "../src/core.js";
import type { BotContext } from "./shared/context.js";
import { createCitizenBot, type BotOptions } from "./citizen/bot.js";
import { createStaffBot } from "./staff/bot.js";
import { emulatorBotInfo } from "../src/telegram/emulator.js";
import { EMULATOR_USERNAMES } from "../src/telegram/api.js";
import { BOT_NAMES, INBOX_CHANNEL, type BotName } from "../src/inbox/update-inbox.js";
import { createDbSession } from "../src/inbox/db-session.js";
import { createPoller, type Poller } from "./inbox/poller.js";
import { createDispatcher, type DispatcherOptions } from "./inbox/dispatcher.js";

/** Updates in hand get this long to finish on stop; the rest stay in the inbox. */
export const HANDLER_GRACE_MS = 4000;

export type StartBotsOptions = BotOptions & {
  /** Long-poll Telegram (default); false in webhook mode, where the HTTP server fills the inbox. */
  poll?: boolean;
  /** getUpdates timeout in seconds (default 30, or 0 against the emulator, which does not long-poll). */
  pollTimeoutSeconds?: number;
  dispatcher?: DispatcherOptions;
};

export type RunningBots = {
  citizen: Bot<BotContext>;
  staff: Bot<BotContext>;
  /** Which bots this runner is long-polling now (at most one runner per bot holds the lease). */
  polling(): Record<BotName, boolean>;
  stop(graceMs?: number): Promise<void>;
  /** Stops as a SIGKILL would: no goodbye, nothing more marked handled, locks released by the dropped session. */
  kill(): void;
};

/**
 * Builds both bots and a runner for them: pollers that fill the update inbox (one runner per bot
 * at a time, the others standing by) and a dispatcher that handles the inbox, chat by chat, in
 * every runner. Any number of runners may share one database.
 */
export async function startBots(core: Core, opts: StartBotsOptions = {}): Promise<RunningBots> {
  const emulated = core.config.emulator && !opts.botInfo;
  const citizen = createCitizenBot(core, emulated ? { ...opts, botInfo: emulatorBotInfo(core.config.citizenToken, EMULATOR_USERNAMES.citizen) } : opts);
  const staff = createStaffBot(core, emulated ? { ...opts, botInfo: emulatorBotInfo(core.config.staffToken, EMULATOR_USERNAMES.staff) } : opts);
  await Promise.all([citizen.init(), staff.init()]);
  const bots = { citizen, staff };
  // The menus everyone sees; a staff member's own is set when they join and checked on each message.
  await core.menus.setDefaults(citizen.api, staff.api).catch((err) => core.logger.warn({ err: String(err) }, "could not set the command menus"));

  let wake = () => {};
  const session = createDbSession({ databaseUrl: core.config.DATABASE_URL, logger: core.logger, listen: { [INBOX_CHANNEL]: () => wake() } });
  const dispatcher = createDispatcher({ bots, inbox: core.inbox, session, logger: core.logger }, { concurrency: core.config.INBOX_CONCURRENCY, ...opts.dispatcher });
  wake = dispatcher.wake;

  const pollers: Partial<Record<BotName, Poller>> = {};
  if (opts.poll !== false) {
    const timeoutSeconds = opts.pollTimeoutSeconds ?? (core.config.emulator ? 0 : 30);
    for (const name of BOT_NAMES) {
      pollers[name] = createPoller({ name, bot: bots[name], inbox: core.inbox, session, logger: core.logger }, { timeoutSeconds });
    }
  }
  core.logger.info({ citizen: citizen.botInfo.username, staff: staff.botInfo.username, poll: opts.poll !== false }, "bots started");

  return {
    citizen,
    staff,
    polling: () => ({ citizen: pollers.citizen?.isPolling() ?? false, staff: pollers.staff?.isPolling() ?? false }),
    async stop(graceMs = HANDLER_GRACE_MS) {
      await Promise.all(Object.values(pollers).map((p) => p.stop()));
      await dispatcher.stop(graceMs);
      await session.close();
    },
    kill() {
      for (const p of Object.values(pollers)) p.abort();
      dispatcher.kill();
      session.kill();
    },
  };
}
