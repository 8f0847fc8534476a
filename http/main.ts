import { loadConfigOrExit } from "../src/config.js";
import { createCore } from "../src/core.js";
import { onShutdown } from "../src/shutdown.js";
import { startBots } from "../bots/run.js";
import { createHttpServer } from "./server.js";

// Entry point: `npm run start:http`. With WEBHOOK_URL set it also serves both bots by webhook.
const config = loadConfigOrExit();
const core = createCore(config);
const bots = config.WEBHOOK_URL ? await startBots(core, { poll: false }) : undefined;
if (bots && config.WEBHOOK_URL) {
  const base = config.WEBHOOK_URL.replace(/\/$/, "");
  await bots.citizen.api.setWebhook(`${base}/telegram/citizen`, { secret_token: config.WEBHOOK_SECRET });
  await bots.staff.api.setWebhook(`${base}/telegram/staff`, { secret_token: config.WEBHOOK_SECRET });
}
const server = createHttpServer(core, bots);
server.listen(config.HTTP_PORT, () => core.logger.info({ port: config.HTTP_PORT, webhook: Boolean(bots) }, "http listening"));
onShutdown(core.logger, async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await core.close();
});
