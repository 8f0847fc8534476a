import { loadConfigOrExit } from "../src/config.js";
import { createCore } from "../src/core.js";
import { onShutdown } from "../src/shutdown.js";
import { startBots } from "./run.js";

// Entry point: `npm run start:bots`. Polling: one runner per bot holds the polling lease, the others
// stand by; every runner handles the inbox. Webhook mode (WEBHOOK_URL): the HTTP servers fill the
// inbox and this process only handles it.
const config = loadConfigOrExit();
const core = createCore(config);
const bots = await startBots(core, { poll: !config.WEBHOOK_URL });
onShutdown(
  core.logger,
  async () => {
    await bots.stop();
    await core.close();
  },
  { deadlineMs: config.SHUTDOWN_TIMEOUT_SECONDS * 1000 - 1000 },
);
