import { loadConfigOrExit } from "../src/config.js";
import { createCore } from "../src/core.js";
import { startWorkers } from "./runner.js";
import { startUpkeep } from "./upkeep.js";
import { onShutdown } from "../src/shutdown.js";

// Entry point: `npm run start:workers`. Any number of these may run against the same Redis.
const config = loadConfigOrExit();
const core = createCore(config);
const runner = startWorkers(core);
// Schedulers, outbox jobs and deadline alarms are rebuilt from the database whenever Redis has no
// epoch (first start, or it lost its data); the sweep runs from a timer here.
const upkeep = startUpkeep(core, { ensureSchedulers: () => runner.ensureSchedulers() });
onShutdown(
  core.logger,
  async () => {
    upkeep.stop();
    await runner.close(config.SHUTDOWN_TIMEOUT_SECONDS * 1000 - 2000);
    await core.close();
  },
  { deadlineMs: config.SHUTDOWN_TIMEOUT_SECONDS * 1000 - 1000 },
);
core.logger.info({ queues: runner.workers.map((w) => w.name) }, "workers started");
