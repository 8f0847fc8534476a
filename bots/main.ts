import { loadConfigOrExit } from "../src/config.js";
import { createCore } from "../src/core.js";
import { onShutdown } from "../src/shutdown.js";
import { startBots } from "./run.js";

// Entry point: `npm run start:bots`. In webhook mode (WEBHOOK_URL set) the HTTP server serves the bots instead.
const config = loadConfigOrExit();
const core = createCore(config);
if (config.WEBHOOK_URL) {
  core.logger.error("WEBHOOK_URL is set: the bots are served by `npm run start:http`, not by polling");
  process.exit(1);
}
const bots = await startBots(core);
onShutdown(core.logger, async () => {
  await bots.stop();
  await core.close();
});
