import { Api } from "grammy";
import type { Config } from "../config.js";
import { createBotApiFetch, type CallCounter } from "./http.js";

/** Usernames the emulator's bots go by (its getMe answers one fixed bot for every token). */
export const EMULATOR_USERNAMES = { citizen: "minsheng_citizen_bot", staff: "minsheng_staff_bot" } as const;

const usernames = new Map<string, Promise<string>>();
/** A bot's username, for deep links (t.me/<username>?start=…); asked of Telegram once per process. */
export function botUsername(config: Config, bot: "citizen" | "staff", api: Api): Promise<string> {
  if (config.emulator) return Promise.resolve(EMULATOR_USERNAMES[bot]);
  let name = usernames.get(bot);
  if (!name) usernames.set(bot, (name = api.getMe().then((me) => me.username)));
  return name;
}

const TELEGRAM_TIMEOUT_SECONDS = 20;

/** Bot API clients for sending from workers (the bots have their own, see bots/). */
export function createTelegramApis(config: Config, counters?: { citizen: CallCounter; staff: CallCounter }) {
  const make = (token: string, count?: CallCounter) => {
    // No retries and no waiting here: a 429 puts the job back as delayed for retry_after, a network
    // or server error rate-limits the queue (workers/job-outcomes.ts), so no job ever sleeps in a
    // worker slot and a shutdown never waits on one. A hung request gives up after the timeout.
    return new Api(token, { apiRoot: config.apiRoot, timeoutSeconds: TELEGRAM_TIMEOUT_SECONDS, fetch: createBotApiFetch(count) });
  };
  return { citizen: make(config.citizenToken, counters?.citizen), staff: make(config.staffToken, counters?.staff) };
}

export type TelegramApis = ReturnType<typeof createTelegramApis>;
