import { createCore, type Core } from "../../src/core.js";
import { startEmulator, type EmulatorServer } from "../../src/telegram/emulator.js";
import { EmulatorUser } from "../../src/telegram/emulator-client.js";
import { startBots, type RunningBots, type StartBotsOptions } from "../../bots/run.js";
import { startWorkers } from "../../workers/runner.js";
import { QUEUE_NAMES } from "../../src/queues/definitions.js";
import { freePort, testConfig } from "./env.js";
import { resetDatabase } from "./db.js";
import { startTelegramProxy, type TelegramProxy } from "./telegram-proxy.js";

export type Stack = {
  core: Core;
  emulator: EmulatorServer;
  /** Between the bots and the emulator: Telegram's getUpdates semantics, and injected faults. */
  proxy: TelegramProxy;
  bots: RunningBots;
  workers: ReturnType<typeof startWorkers>;
  /** Starts another bots runner on the same database (as a second bots process would be). */
  startBots(opts?: StartBotsOptions): Promise<RunningBots>;
  citizen(userId: number, name?: string): EmulatorUser;
  staff(userId: number, name?: string): EmulatorUser;
  stop(): Promise<void>;
};

/** Long-poll timeout against the proxy: short, so a test's runners stop fast even if abort failed. */
const POLL_TIMEOUT_SECONDS = 5;

/**
 * The whole system for an end-to-end test: the Telegram emulator on a free port behind a proxy that
 * gives it Telegram's getUpdates semantics, both bots polling it over HTTP, the workers on a private
 * queue prefix in the real Redis, and a clean test database.
 */
export async function startStack(
  opts: { workers?: boolean; env?: Record<string, string>; now?: () => Date; bots?: StartBotsOptions } = {},
): Promise<Stack> {
  const port = await freePort();
  const emulator = await startEmulator(port);
  const proxy = await startTelegramProxy(emulator);
  const config = testConfig({ EMULATOR_PORT: String(port), TELEGRAM_API_ROOT: proxy.apiRoot, ...opts.env });
  const core = createCore(config, { now: opts.now });
  await resetDatabase(core.prisma);
  const workers = startWorkers(core, opts.workers === false ? [] : undefined);
  const runners: RunningBots[] = [];
  const start = async (o: StartBotsOptions = {}) => {
    const r = await startBots(core, { pollTimeoutSeconds: POLL_TIMEOUT_SECONDS, ...opts.bots, ...o });
    runners.push(r);
    return r;
  };
  const bots = await start();
  return {
    core,
    emulator,
    proxy,
    bots,
    workers,
    startBots: start,
    citizen: (id, name) => new EmulatorUser(config.apiRoot, config.citizenToken, id, name),
    staff: (id, name) => new EmulatorUser(config.apiRoot, config.staffToken, id, name),
    async stop() {
      await Promise.all(runners.map((r) => r.stop(1000)));
      await workers.close();
      for (const name of QUEUE_NAMES) await core.queues[name].obliterate({ force: true });
      await proxy.stop();
      await core.close();
      await emulator.stop();
    },
  };
}
