import { fileURLToPath } from "node:url";
import { loadConfigOrExit } from "../src/config.js";
import { createCore } from "../src/core.js";
import { startWorkers } from "./runner.js";
import { startUpkeep } from "./upkeep.js";
import { superviseWorkerProcesses } from "./processes.js";
import { onShutdown } from "../src/shutdown.js";

// Entry point: `npm run start:workers`. Any number of these may run against the same Redis; this
// one starts WORKER_PROCESSES − 1 more on this machine (default: one per core).
const config = loadConfigOrExit();
const core = createCore(config);
const runner = startWorkers(core);
// Schedulers, outbox jobs and deadline alarms are rebuilt from the database whenever Redis has no
// epoch (first start, or it lost its data); the sweep runs from a timer here.
const upkeep = startUpkeep(core, { ensureSchedulers: () => runner.ensureSchedulers() });
const others =
  config.WORKER_PROCESSES > 1 ? superviseWorkerProcesses({ count: config.WORKER_PROCESSES - 1, entry: fileURLToPath(import.meta.url), logger: core.logger }) : null;
onShutdown(
  core.logger,
  async () => {
    upkeep.stop();
    const grace = config.SHUTDOWN_TIMEOUT_SECONDS * 1000 - 2000;
    await Promise.all([runner.close(grace), others?.stop(grace + 500)]);
    await core.close();
  },
  { deadlineMs: config.SHUTDOWN_TIMEOUT_SECONDS * 1000 - 1000 },
);
core.logger.info({ queues: runner.workers.map((w) => w.name), slot: process.env.WORKER_SLOT ?? "0" }, "workers started");
