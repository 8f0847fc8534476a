import type { Bot } from "grammy";
import { run, type RunnerHandle } from "@grammyjs/runner";
import type { Core } from "../src/core.js";
import type { BotContext } from "./shared/context.js";
import { createCitizenBot, type BotOptions } from "./citizen/bot.js";
import { createStaffBot } from "./staff/bot.js";
import { emulatorBotInfo } from "../src/telegram/emulator.js";
import { EMULATOR_USERNAMES } from "../src/telegram/api.js";

export type RunningBots = { citizen: Bot<BotContext>; staff: Bot<BotContext>; stop(): Promise<void> };

/** Builds both bots; with `poll` they long-poll through grammY's runner (concurrent, sequential per chat). */
export async function startBots(core: Core, opts: BotOptions & { poll?: boolean } = {}): Promise<RunningBots> {
  const emulated = core.config.emulator && !opts.botInfo;
  const citizen = createCitizenBot(core, emulated ? { ...opts, botInfo: emulatorBotInfo(core.config.citizenToken, EMULATOR_USERNAMES.citizen) } : opts);
  const staff = createStaffBot(core, emulated ? { ...opts, botInfo: emulatorBotInfo(core.config.staffToken, EMULATOR_USERNAMES.staff) } : opts);
  await Promise.all([citizen.init(), staff.init()]);
  const handles: RunnerHandle[] = [];
  if (opts.poll !== false) {
    for (const bot of [citizen, staff]) {
      // Polling and a webhook exclude each other on Telegram; clear a stale webhook first.
      await bot.api.deleteWebhook().catch(() => undefined);
      handles.push(run(bot, { runner: { fetch: { timeout: core.config.emulator ? 0 : 30 } } }));
    }
    core.logger.info({ citizen: citizen.botInfo.username, staff: staff.botInfo.username }, "bots polling");
  }
  return {
    citizen,
    staff,
    async stop() {
      await Promise.all(handles.map((h) => (h.isRunning() ? h.stop() : undefined)));
    },
  };
}
