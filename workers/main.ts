import { loadConfigOrExit } from "../src/config.js";
import { createCore } from "../src/core.js";
import { startWorkers } from "./runner.js";
import { onShutdown } from "../src/shutdown.js";

// Entry point: `npm run start:workers`. Any number of these may run against the same Redis.
const config = loadConfigOrExit();
const core = createCore(config);
const runner = startWorkers(core);
await runner.scheduleSweep(config.SWEEP_INTERVAL_SECONDS);
await runner.scheduleRetraining(config.RETRAIN_CRON);
await runner.scheduleDigest(config.DIGEST_CRON);
await runner.scheduleRetention();
await core.deadlines.rebuild();
await core.outbox.flush(undefined, 0).catch((err) => core.logger.warn({ err }, "start-up flush failed"));
core.logger.info({ queues: runner.workers.map((w) => w.name) }, "workers started");
onShutdown(core.logger, async () => {
  await runner.close();
  await core.close();
});
