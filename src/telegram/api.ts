import { Api } from "grammy";
import { autoRetry } from "@grammyjs/auto-retry";
import type { Config } from "../config.js";

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

/** Bot API clients for sending from workers (the bots have their own, see bots/). */
export function createTelegramApis(config: Config) {
  const make = (token: string) => {
    const api = new Api(token, { apiRoot: config.apiRoot });
    // Flood-wait (429) is waited out here; network and server errors are rethrown at once, so the
    // job fails fast and BullMQ's backoff retries it without holding a worker slot.
    api.config.use(
      autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30, rethrowHttpErrors: true, rethrowInternalServerErrors: true }),
    );
    return api;
  };
  return { citizen: make(config.citizenToken), staff: make(config.staffToken) };
}

export type TelegramApis = ReturnType<typeof createTelegramApis>;
