import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GrammyError } from "grammy";
import { startStack, type Stack } from "../helpers/stack.js";
import { castOf, caseOf } from "../helpers/case-fixtures.js";
import { waitFor } from "../helpers/wait.js";
import { consent, fileUntilSummary } from "../helpers/flows.js";
import { createHttpApp } from "../../http/server.js";

// Issue 13, "Operations": /metrics has "queue depths and job durations per queue, Bot API calls and
// errors by method, deliveries failed, overdue counts". The work is done by the workers and the
// bots of a whole stack (emulator, real Redis and Postgres); the HTTP process reports it.
const TOKEN = "t".repeat(40);
let stack: Stack;
let metrics: () => Promise<string>;

/** The value of one series in the exposition text, or undefined. */
function value(body: string, series: string): number | undefined {
  const line = body.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

beforeAll(async () => {
  stack = await startStack({ env: { METRICS_TOKEN: TOKEN } });
  const app = createHttpApp(stack.core);
  metrics = async () => (await app.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } })).text();
  const cast = await castOf(stack.core);
  // Two cases through classify/route/notify; their notices go out through the Bot API.
  await caseOf(stack.core, cast, "COMPLAINT", { routed: false });
  await caseOf(stack.core, cast, "COMPLAINT", { routed: false });
  await waitFor("every outbox row done", async () => (await stack.core.prisma.outboxMessage.count({ where: { completedAt: null, failedAt: null } })) === 0, 30_000);
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

describe("/metrics from the whole system", () => {
  it("has job durations per queue as a cumulative histogram, and job outcomes", async () => {
    const body = await metrics();
    expect(body).toContain("# TYPE minsheng_job_duration_seconds histogram");
    const notifyRows = await stack.core.prisma.outboxMessage.count({ where: { queue: "notify", completedAt: { not: null } } });
    for (const queue of ["classify", "notify"]) {
      const count = value(body, `minsheng_job_duration_seconds_count{queue="${queue}"}`)!;
      expect(count, queue).toBeGreaterThan(0);
      expect(value(body, `minsheng_job_duration_seconds_bucket{queue="${queue}",le="+Inf"}`)).toBe(count);
      expect(value(body, `minsheng_jobs_total{queue="${queue}",outcome="completed"}`)! + value(body, `minsheng_jobs_total{queue="${queue}",outcome="failed"}`)!).toBe(count);
      // Cumulative: no bucket holds more than the next one up.
      const buckets = [...body.matchAll(new RegExp(`^minsheng_job_duration_seconds_bucket\\{queue="${queue}",le="([^"]+)"\\} (\\d+)$`, "gm"))].map((m) => Number(m[2]));
      expect(buckets.length).toBe(14);
      for (let i = 1; i < buckets.length; i++) expect(buckets[i]).toBeGreaterThanOrEqual(buckets[i - 1]);
    }
    // Each notify outbox row was one completed job at least (a retried one is more).
    expect(value(body, 'minsheng_jobs_total{queue="notify",outcome="completed"}')).toBeGreaterThanOrEqual(notifyRows);
    expect(value(body, 'minsheng_job_duration_seconds_count{queue="maintenance"}')).toBe(0);
  });

  it("counts Bot API calls by bot and method, and errors by method and code", async () => {
    const before = await metrics();
    const sent = value(before, 'minsheng_bot_api_calls_total{bot="staff",method="sendMessage",result="ok"}')!;
    expect(sent).toBeGreaterThan(0); // the case cards and notices the workers sent
    // The bots' own calls are counted too (every process adds to the same counters): the menus set at start.
    expect(value(before, 'minsheng_bot_api_calls_total{bot="staff",method="setMyCommands",result="ok"}')).toBeGreaterThan(0);

    // One refusal: an empty message (Telegram answers 400, as the emulator does).
    await expect(stack.core.telegram.staff.sendMessage(900001, "")).rejects.toBeInstanceOf(GrammyError);
    await stack.core.telegram.staff.sendMessage(900001, "度量测试");
    await waitFor("the calls counted", async () => value(await metrics(), 'minsheng_bot_api_errors_total{bot="staff",method="sendMessage",error="400"}') === (value(before, 'minsheng_bot_api_errors_total{bot="staff",method="sendMessage",error="400"}') ?? 0) + 1);
    const after = await metrics();
    expect(value(after, 'minsheng_bot_api_calls_total{bot="staff",method="sendMessage",result="ok"}')).toBeGreaterThanOrEqual(sent + 1);
    expect(value(after, 'minsheng_bot_api_calls_total{bot="staff",method="sendMessage",result="400"}')).toBe(value(after, 'minsheng_bot_api_errors_total{bot="staff",method="sendMessage",error="400"}'));
  });

  it("counts each message of a form once, not again each time the conversation is replayed", async () => {
    // The conversations plugin replays a form from its start on every update, answering the calls
    // made before from its log: those are not calls to Telegram.
    const series = 'minsheng_bot_api_calls_total{bot="citizen",method="sendMessage",result="ok"}';
    const before = value(await metrics(), series) ?? 0;
    const citizen = stack.citizen(40001);
    await consent(citizen);
    await fileUntilSummary(citizen, { text: "小区门口的路灯坏了一个多月，晚上很黑。", location: "和平路12号", named: { name: "赵先生", phone: "13900001111" } });
    const received = (await citizen.chat()).length;
    expect(received).toBeGreaterThanOrEqual(8);
    await waitFor("the messages counted", async () => (value(await metrics(), series) ?? 0) - before >= received);
    // Counted right away (fire-and-forget, but in order on one connection): no more will come.
    expect((value(await metrics(), series) ?? 0) - before).toBe(received);
  });

  it("reports deliveries that failed for good, by reason", async () => {
    const outbox = await stack.core.prisma.outboxMessage.findFirstOrThrow({ where: { queue: "notify" } });
    // A recipient who blocked the bot, as the delivery system records it.
    await stack.core.prisma.notificationDelivery.create({ data: { outboxId: outbox.id, bot: "citizen", chatId: 123_456n, part: 0, outcome: "blocked" } });
    expect(value(await metrics(), 'minsheng_deliveries_failed{reason="blocked"}')).toBe(1);
  });
});
