import type { Hono } from "hono";
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { HonoAdapter } from "@bull-board/hono";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Core } from "../../src/core.js";
import { QUEUE_NAMES } from "../../src/queues/definitions.js";
import { forbidden } from "./auth-routes.js";
import type { WebEnv } from "./web-env.js";

const BASE = "/web/queues";

/**
 * BullMQ's queue dashboard (Bull Board) at /web/queues, for admins only. Read-only: its buttons
 * (retry, clean, promote) post JSON without the desk's CSRF token, so they stay off rather than
 * open a way around it.
 */
export function mountQueuesPage(app: Hono<WebEnv>, core: Core): void {
  const adapter = new HonoAdapter(serveStatic);
  createBullBoard({
    queues: QUEUE_NAMES.map((name) => new BullMQAdapter(core.queues[name], { readOnlyMode: true })),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: "Minsheng" } },
  });
  adapter.setBasePath(BASE);
  app.use("/queues", async (c, next) => (c.get("viewer").role === "ADMIN" ? next() : forbidden(c, core, c.get("viewer"))));
  app.use("/queues/*", async (c, next) => (c.get("viewer").role === "ADMIN" ? next() : forbidden(c, core, c.get("viewer"))));
  app.route("/queues", adapter.registerPlugin() as unknown as Hono<WebEnv>);
}
