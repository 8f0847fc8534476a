import { fileURLToPath } from "node:url";
import { loadConfigOrExit } from "../src/config.js";
import { createCore } from "../src/core.js";
import { onShutdown } from "../src/shutdown.js";
import { startEmulator } from "../src/telegram/emulator.js";
import { startBots } from "../bots/run.js";
import { startWorkers } from "../workers/runner.js";
import { startUpkeep } from "../workers/upkeep.js";
import { closeHttpServer, createHttpServer } from "../http/server.js";
import { setupDatabase } from "../src/db/setup.js";
import { superviseWorkerProcesses } from "../workers/processes.js";

/**
 * `npm start`: everything on one machine. Sets up the database, starts the local Telegram emulator
 * when no tokens are configured, then the workers, both bots and the HTTP server in this process.
 * Each also has its own entry point (start:workers, start:bots, start:http) for running apart.
 */
const config = loadConfigOrExit();

/** A taken port is a common first-run snag: say which variable to change instead of a stack trace. */
function portInUse(err: unknown, variable: string, port: number): never {
  if ((err as NodeJS.ErrnoException).code === "EADDRINUSE") {
    console.error(`Port ${port} is already in use (is Minsheng already running?). Stop that process or set ${variable}.`);
    process.exit(1);
  }
  throw err;
}

await setupDatabase(config.DATABASE_URL, config.emulator);
const emulator = config.emulator
  ? await startEmulator(config.EMULATOR_PORT).catch((err) => portInUse(err, "EMULATOR_PORT", config.EMULATOR_PORT))
  : undefined;
const core = createCore(config);
// The emulator numbers updates from 1 again on every start: yesterday's ids are not repeats.
if (emulator) await core.inbox.forget();
const workers = startWorkers(core);
const upkeep = startUpkeep(core, { ensureSchedulers: () => workers.ensureSchedulers() });
await upkeep.ready;
// More workers processes beside this one (WORKER_PROCESSES, default one per core): the built
// workers entry next to this bundle, or the TypeScript one when run through tsx.
const workersEntry = fileURLToPath(new URL(import.meta.url.endsWith(".mjs") ? "./workers.mjs" : "../workers/main.ts", import.meta.url));
const others = config.WORKER_PROCESSES > 1 ? superviseWorkerProcesses({ count: config.WORKER_PROCESSES - 1, entry: workersEntry, logger: core.logger }) : null;
const bots = await startBots(core, { poll: !config.WEBHOOK_URL });
if (config.WEBHOOK_URL) {
  const base = config.WEBHOOK_URL.replace(/\/$/, "");
  await bots.citizen.api.setWebhook(`${base}/telegram/citizen`, { secret_token: config.WEBHOOK_SECRET });
  await bots.staff.api.setWebhook(`${base}/telegram/staff`, { secret_token: config.WEBHOOK_SECRET });
}
const server = createHttpServer(core, { webhooks: Boolean(config.WEBHOOK_URL) });
await new Promise<void>((resolve) => {
  server.once("error", (err) => portInUse(err, "HTTP_PORT", config.HTTP_PORT));
  server.listen(config.HTTP_PORT, resolve);
});

console.log(`
Minsheng is running.
  HTTP        http://127.0.0.1:${config.HTTP_PORT}/healthz  (figures: /figures)
  Telegram    ${config.emulator ? `local emulator at ${config.apiRoot} (no tokens set)` : config.apiRoot}
${
  config.emulator
    ? `  Talk to it  npm run chat              (as citizen 10001)
              npm run chat -- --as staff --user 900001   (demo handler, housing bureau)
              npm run chat -- --as staff --user 900002   (demo dispatcher)
              npm run chat -- --as staff --user 900031   (demo 12345 operator: /call)
  Invite      npm run staff:invite -- --role handler --department environment`
    : "  Talk to it  open your bots in Telegram"
}
Stop with Ctrl-C.`);

onShutdown(
  core.logger,
  async () => {
    upkeep.stop();
    await Promise.all([closeHttpServer(server), bots.stop(), workers.close(config.SHUTDOWN_TIMEOUT_SECONDS * 1000 - 3000), others?.stop(config.SHUTDOWN_TIMEOUT_SECONDS * 1000 - 2500)]);
    await core.close();
    await emulator?.stop();
  },
  { deadlineMs: config.SHUTDOWN_TIMEOUT_SECONDS * 1000 - 1000 },
);
