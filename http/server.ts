import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { webhookCallback, type Bot } from "grammy";
import type { Core } from "../src/core.js";
import type { BotContext } from "../bots/shared/context.js";
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

/**
 * Health, readiness and figures; in webhook mode also the bots' webhook endpoints
 * (POST /telegram/citizen and /telegram/staff, checked against WEBHOOK_SECRET).
 */
export function createHttpServer(core: Core, bots?: { citizen: Bot<BotContext>; staff: Bot<BotContext> }): Server {
  const hooks = bots
    ? {
        "/telegram/citizen": webhookCallback(bots.citizen, "http", { secretToken: core.config.WEBHOOK_SECRET }),
        "/telegram/staff": webhookCallback(bots.staff, "http", { secretToken: core.config.WEBHOOK_SECRET }),
      }
    : {};

  return createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    try {
      if (req.method === "GET" && path === "/healthz") return json(res, 200, { ok: true });
      if (req.method === "GET" && path === "/readyz") {
        await core.prisma.$queryRaw`SELECT 1`;
        await core.redis.ping();
        return json(res, 200, { ok: true });
      }
      if (req.method === "GET" && path === "/figures") return json(res, 200, await departmentFigures(core));
      const hook = hooks[path as keyof typeof hooks];
      if (req.method === "POST" && hook) return await hook(req, res);
      return json(res, 404, { ok: false, error: `no route ${req.method} ${path}` });
    } catch (err) {
      core.logger.error({ err, path }, "http request failed");
      if (!res.headersSent) json(res, 503, { ok: false, error: "unavailable" });
    }
  });
}
