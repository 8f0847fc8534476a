import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Core } from "../src/core.js";
import type { BotName } from "../src/inbox/update-inbox.js";
import { createWebhookReceiver } from "./webhook.js";
import { OPEN_STATUSES } from "../src/cases/state-machine.js";

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

/** Open, overdue and closed cases per department: the supervisors' figures. */
export async function departmentFigures(core: Core, now = new Date()) {
  const departments = await core.prisma.department.findMany({ orderBy: { id: "asc" } });
  const [open, overdue, closed] = await Promise.all([
    core.prisma.case.groupBy({ by: ["departmentId"], where: { status: { in: [...OPEN_STATUSES] } }, _count: true }),
    core.prisma.case.groupBy({
      by: ["departmentId"],
      where: { status: { in: [...OPEN_STATUSES] }, dueAt: { lt: now } },
      _count: true,
    }),
    core.prisma.case.groupBy({ by: ["departmentId"], where: { status: "CLOSED" }, _count: true }),
  ]);
  const count = (rows: { departmentId: number | null; _count: number }[], id: number | null) =>
    rows.find((r) => r.departmentId === id)?._count ?? 0;
  return {
    departments: departments.map((d) => ({
      code: d.code,
      name: d.nameZh,
      open: count(open, d.id),
      overdue: count(overdue, d.id),
      closed: count(closed, d.id),
    })),
    unassigned: { open: count(open, null), overdue: count(overdue, null) },
  };
}

/** Bounds on what a client may hold open: a stalled or half-sent request ends instead of pinning the process. */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * Health, readiness and figures; with `webhooks` also the bots' webhook endpoints
 * (POST /telegram/citizen and /telegram/staff, checked against WEBHOOK_SECRET, stored in the inbox).
 */
export function createHttpServer(core: Core, opts: { webhooks?: boolean } = {}): Server {
  const receive =
    opts.webhooks && core.config.WEBHOOK_SECRET
      ? createWebhookReceiver({ inbox: core.inbox, secret: core.config.WEBHOOK_SECRET, logger: core.logger })
      : undefined;
  const hooks: Record<string, BotName> = { "/telegram/citizen": "citizen", "/telegram/staff": "staff" };

  const server = createServer({ connectionsCheckingInterval: 1000 }, async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    try {
      if (req.method === "GET" && path === "/healthz") return json(res, 200, { ok: true });
      if (req.method === "GET" && path === "/readyz") {
        await core.prisma.$queryRaw`SELECT 1`;
        await core.redis.ping();
        return json(res, 200, { ok: true });
      }
      if (req.method === "GET" && path === "/figures") return json(res, 200, await departmentFigures(core));
      if (req.method === "POST" && receive && hooks[path]) return await receive(hooks[path], req, res);
      return json(res, 404, { ok: false, error: `no route ${req.method} ${path}` });
    } catch (err) {
      core.logger.error({ err, path }, "http request failed");
      if (!res.headersSent) json(res, 503, { ok: false, error: "unavailable" });
    }
  });
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
