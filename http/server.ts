import type { Server } from "node:http";
import { Hono } from "hono";
import { createAdaptorServer, type HttpBindings } from "@hono/node-server";
import type { Core } from "../src/core.js";
import { createWebhookReceiver } from "./webhook.js";
import { departmentFigures } from "./figures-json.js";
import { createWebApp } from "./web/web-app.js";
import { mountMetrics } from "./metrics.js";
import { mountResultsPage } from "./results-page.js";
import { createOpen311App } from "./open311/open311-app.js";
import { createFormApp } from "./form/form-app.js";

export { departmentFigures } from "./figures-json.js";

/** Bounds on what a client may hold open: a stalled or half-sent request ends instead of pinning the process. */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 15_000;

export type HttpOptions = { webhooks?: boolean };
export type AppEnv = { Bindings: HttpBindings };

/**
 * The HTTP process's routes as a Hono app: health, readiness, figures, the web desk (/web), the Open311 API
 * (/open311/v2) and the citizens' web form (/form); with `webhooks` also
 * the bots' webhook endpoints (POST /telegram/citizen and /telegram/staff, checked against
 * WEBHOOK_SECRET, stored in the inbox). Tests may call `app.request(...)` without a socket.
 */
export function createHttpApp(core: Core, opts: HttpOptions = {}) {
  const app = new Hono<AppEnv>();
  app.onError((err, c) => {
    core.logger.error({ err, path: c.req.path }, "http request failed");
    return c.json({ ok: false, error: "unavailable" }, 503);
  });
  app.notFound((c) => c.json({ ok: false, error: `no route ${c.req.method} ${c.req.path}` }, 404));

  app.get("/healthz", (c) => c.json({ ok: true }));
  app.get("/readyz", async (c) => {
    await core.prisma.$queryRaw`SELECT 1`;
    await core.redis.ping();
    return c.json({ ok: true });
  });
  app.get("/figures", async (c) => c.json(await departmentFigures(core)));
  mountMetrics(app, core);
  mountResultsPage(app, core);
  app.route("/web", createWebApp(core));
  // Citizens without Telegram (issue 14): the Open311 API and the plain web form built on the same intake.
  app.route("/open311/v2", createOpen311App(core));
  app.route("/form", createFormApp(core));

  if (opts.webhooks && core.config.WEBHOOK_SECRET) {
    const receive = createWebhookReceiver({ inbox: core.inbox, secret: core.config.WEBHOOK_SECRET, logger: core.logger });
    app.post("/telegram/citizen", (c) => receive("citizen", c));
    app.post("/telegram/staff", (c) => receive("staff", c));
  }
  return app;
}

/** The app on a Node HTTP server (not yet listening), with the timeouts above. */
export function createHttpServer(core: Core, opts: HttpOptions = {}): Server {
  const app = createHttpApp(core, opts);
  const server = createAdaptorServer({
    fetch: app.fetch,
    serverOptions: { connectionsCheckingInterval: 1000, headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS },
  }) as Server;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  return server;
}

/**
 * Stops listening, closes idle keep-alive connections at once, and after `graceMs` every
 * connection still open (a half-sent request, a slow reader), so shutdown is bounded.
 */
export function closeHttpServer(server: Server, graceMs = 3000): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
