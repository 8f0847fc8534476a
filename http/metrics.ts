import { BlockList, isIP } from "node:net";
import type { Context, Hono } from "hono";
import { collectDefaultMetrics, Gauge, Registry, type Metric } from "prom-client";
import { JOB_SECONDS_BUCKETS } from "../src/metrics/shared-metrics.js";
import type { Core } from "../src/core.js";
import { CLOCK_RUNNING_STATUSES } from "../src/cases/state-machine.js";
import { QUEUE_NAMES } from "../src/queues/definitions.js";
import { secretMatches } from "./webhook.js";
import type { AppEnv } from "./server.js";

const JOB_STATES = ["waiting", "active", "delayed", "failed", "prioritized", "waiting-children"] as const;

/** METRICS_ALLOW as a BlockList (addresses and CIDR networks, IPv4 and IPv6). */
export function allowList(spec: string): BlockList {
  const list = new BlockList();
  for (const raw of spec.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [addr, bits] = raw.split("/");
    const type = isIP(addr) === 6 ? "ipv6" : "ipv4";
    if (!isIP(addr)) throw new Error(`METRICS_ALLOW: "${raw}" is not an address or network`);
    if (bits === undefined) list.addAddress(addr, type);
    else list.addSubnet(addr, Number(bits), type);
  }
  return list;
}

/**
 * Prometheus metrics (prom-client) at GET /metrics: cases by kind and status, overdue cases by
 * kind and department, queue depths per queue and state, job durations and outcomes per queue,
 * Bot API calls and errors by bot and method, outbox work not yet delivered or failed for good,
 * notification deliveries that failed, and the process's own metrics. Counted at
 * scrape time from Postgres and Redis, so every process reports the same, whoever does the work.
 * Reachable with `Authorization: Bearer <METRICS_TOKEN>` or from an address in METRICS_ALLOW.
 */
export function mountMetrics(app: Hono<AppEnv>, core: Core): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "minsheng_" });
  const allowed = allowList(core.config.METRICS_ALLOW);
  const prisma = core.prisma;

  new Gauge({
    name: "minsheng_cases",
    help: "Cases by kind and status",
    labelNames: ["kind", "status"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await prisma.case.groupBy({ by: ["kind", "status"], _count: true })) this.set({ kind: r.kind, status: r.status }, r._count);
    },
  });
  new Gauge({
    name: "minsheng_cases_overdue",
    help: "Open cases past their due date with the clock running, by kind and department",
    labelNames: ["kind", "department"],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await prisma.case.groupBy({
        by: ["kind", "departmentId"],
        where: { status: { in: [...CLOCK_RUNNING_STATUSES] }, dueAt: { lt: core.now() } },
        _count: true,
      });
      const departments = await prisma.department.findMany({ select: { id: true, code: true } });
      for (const r of rows) this.set({ kind: r.kind, department: departments.find((d) => d.id === r.departmentId)?.code ?? "unrouted" }, r._count);
    },
  });
  new Gauge({
    name: "minsheng_queue_jobs",
    help: "BullMQ jobs by queue and state",
    labelNames: ["queue", "state"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const name of QUEUE_NAMES) {
        const counts = await core.queues[name].getJobCounts(...JOB_STATES);
        for (const state of JOB_STATES) this.set({ queue: name, state }, counts[state] ?? 0);
      }
    },
  });
  new Gauge({
    name: "minsheng_outbox",
    help: "Outbox work: pending (not completed, not failed) and failed for good",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      const [pending, failed] = await Promise.all([
        prisma.outboxMessage.count({ where: { completedAt: null, failedAt: null } }),
        prisma.outboxMessage.count({ where: { failedAt: { not: null } } }),
      ]);
      this.set({ state: "pending" }, pending);
      this.set({ state: "failed" }, failed);
    },
  });
  new Gauge({
    name: "minsheng_deliveries_failed",
    help: "Notification messages that could not be delivered for good, by reason",
    labelNames: ["reason"],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await prisma.notificationDelivery.groupBy({ by: ["outcome"], where: { outcome: { notIn: ["sent", "sending"] } }, _count: true });
      for (const r of rows) this.set({ reason: r.outcome }, r._count);
    },
  });

  // Shared counters every process adds to in Redis (src/metrics/shared-metrics.ts), exposed as
  // Prometheus types prom-client has no setter for: a cumulative histogram and counters read as they are.
  type Value = { labels: Record<string, string | number>; value: number; metricName?: string };
  const shared = (name: string, help: string, type: "counter" | "histogram", values: () => Promise<Value[]>) =>
    registry.registerMetric({ name, help, type, aggregator: "sum", get: async () => ({ name, help, type, aggregator: "sum", values: await values() }), reset() {} } as unknown as Metric);
  const JOB = "minsheng_job_duration_seconds";
  shared(JOB, "How long jobs ran, per queue (every worker process, every attempt)", "histogram", async () =>
    (await core.metrics.jobDurations(QUEUE_NAMES)).flatMap((r): Value[] => [
      ...JOB_SECONDS_BUCKETS.map((le, i) => ({ metricName: `${JOB}_bucket`, labels: { queue: r.queue, le: String(le) }, value: r.buckets[i] })),
      { metricName: `${JOB}_bucket`, labels: { queue: r.queue, le: "+Inf" }, value: r.count },
      { metricName: `${JOB}_sum`, labels: { queue: r.queue }, value: r.sum },
      { metricName: `${JOB}_count`, labels: { queue: r.queue }, value: r.count },
    ]),
  );
  shared("minsheng_jobs_total", "Job attempts that ended, per queue and outcome (completed, failed)", "counter", async () =>
    (await core.metrics.jobDurations(QUEUE_NAMES)).flatMap((r) => (["completed", "failed"] as const).map((outcome) => ({ labels: { queue: r.queue, outcome }, value: r[outcome] }))),
  );
  shared("minsheng_bot_api_calls_total", "Telegram Bot API calls by bot, method and result (ok, Telegram's error code, or network)", "counter", async () =>
    (await core.metrics.botApiCounts()).map((r) => ({ labels: { bot: r.bot, method: r.method, result: r.result }, value: r.count })),
  );
  shared("minsheng_bot_api_errors_total", "Telegram Bot API calls that failed, by bot, method and error (Telegram's error code, or network)", "counter", async () =>
    (await core.metrics.botApiCounts()).filter((r) => r.result !== "ok").map((r) => ({ labels: { bot: r.bot, method: r.method, error: r.result }, value: r.count })),
  );

  const permitted = (c: Context<AppEnv>) => {
    const auth = c.req.header("authorization");
    if (core.config.METRICS_TOKEN && auth?.startsWith("Bearer ") && secretMatches(auth.slice(7), core.config.METRICS_TOKEN)) return true;
    const remote = c.env?.incoming?.socket.remoteAddress?.replace(/^::ffff:/, "");
    return !!remote && isIP(remote) > 0 && allowed.check(remote, isIP(remote) === 6 ? "ipv6" : "ipv4");
  };

  app.get("/metrics", async (c) => {
    if (!permitted(c)) return c.text("forbidden", 403);
    return c.body(await registry.metrics(), 200, { "content-type": registry.contentType });
  });
}
