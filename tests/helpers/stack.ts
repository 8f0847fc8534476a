import { createCore, type Core } from "../../src/core.js";
import { startEmulator, type EmulatorServer } from "../../src/telegram/emulator.js";
import { EmulatorUser } from "../../src/telegram/emulator-client.js";
import { startBots, type RunningBots } from "../../bots/run.js";
import { startWorkers } from "../../workers/runner.js";
import { QUEUE_NAMES } from "../../src/queues/definitions.js";
import { freePort, testConfig } from "./env.js";
import { resetDatabase } from "./db.js";

export type Stack = {
  core: Core;
  emulator: EmulatorServer;
  bots: RunningBots;
  workers: ReturnType<typeof startWorkers>;
  citizen(userId: number, name?: string): EmulatorUser;
  staff(userId: number, name?: string): EmulatorUser;
  stop(): Promise<void>;
};

/**
 * The whole system for an end-to-end test: the Telegram emulator on a free port, both bots polling
 * it over HTTP, the workers on a private queue prefix in the real Redis, and a clean test database.
 */
export async function startStack(opts: { workers?: boolean; env?: Record<string, string>; now?: () => Date } = {}): Promise<Stack> {
  const port = await freePort();
  const emulator = await startEmulator(port);
  const config = testConfig({ EMULATOR_PORT: String(port), ...opts.env });
  const core = createCore(config, { now: opts.now });
  await resetDatabase(core.prisma);
  const workers = startWorkers(core, opts.workers === false ? [] : undefined);
  const bots = await startBots(core);
  return {
    core,
    emulator,
    bots,
    workers,
    citizen: (id, name) => new EmulatorUser(config.apiRoot, config.citizenToken, id, name),
    staff: (id, name) => new EmulatorUser(config.apiRoot, config.staffToken, id, name),
    async stop() {
      await bots.stop();
      await workers.close();
      for (const name of QUEUE_NAMES) await core.queues[name].obliterate({ force: true });
      await core.close();
      await emulator.stop();
    },
  };
}
