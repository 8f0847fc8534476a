import { loadConfigOrExit } from "../src/config.js";
import { createCore } from "../src/core.js";
import { onShutdown } from "../src/shutdown.js";
import { startBots } from "../bots/run.js";
import { closeHttpServer, createHttpServer } from "./server.js";

// Entry point: `npm run start:http`. With WEBHOOK_URL set it also receives both bots' updates
// (stored in the inbox) and handles the inbox; any number of these may run behind a load balancer.
const config = loadConfigOrExit();
const core = createCore(config);
const bots = config.WEBHOOK_URL ? await startBots(core, { poll: false }) : undefined;
if (bots && config.WEBHOOK_URL) {
  const base = config.WEBHOOK_URL.replace(/\/$/, "");
  await bots.citizen.api.setWebhook(`${base}/telegram/citizen`, { secret_token: config.WEBHOOK_SECRET });
  await bots.staff.api.setWebhook(`${base}/telegram/staff`, { secret_token: config.WEBHOOK_SECRET });
}
const server = createHttpServer(core, { webhooks: Boolean(bots) });
server.listen(config.HTTP_PORT, () => core.logger.info({ port: config.HTTP_PORT, webhook: Boolean(bots) }, "http listening"));
onShutdown(
  core.logger,
  async () => {
    await Promise.all([closeHttpServer(server), bots?.stop()]);
    await core.close();
  },
  { deadlineMs: config.SHUTDOWN_TIMEOUT_SECONDS * 1000 - 1000 },
);
