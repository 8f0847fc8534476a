import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCore, type Core } from "../../src/core.js";
import { QUEUE_NAMES, type Payload } from "../../src/queues/definitions.js";
import { startWorkers } from "../../workers/runner.js";
import { sweepOnce } from "../../workers/upkeep.js";
import { TEST_DATABASE_URL, testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";
import { startFakeBotApi } from "../helpers/fake-bot-api.js";
import { startTcpProxy } from "../helpers/tcp-proxy.js";
import { waitUntil } from "../helpers/wait.js";

// Demo staff (prisma/seed-data.ts): housing handler 900001, dispatcher 900002, housing supervisor 900003.
const CITIZEN = 4242;
const ADMIN = 900009;

let api: Awaited<ReturnType<typeof startFakeBotApi>>;
let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
let core: Core;
let runner: ReturnType<typeof startWorkers> | undefined;
// A working day (Tuesday), so the digest is sent.
const now = new Date("2026-12-01T02:00:00Z");

beforeAll(async () => {
  api = await startFakeBotApi();
  // The workers reach Postgres through a proxy the test can take down.
  const db = new URL(TEST_DATABASE_URL);
  proxy = await startTcpProxy(Number(db.port || 5432), db.hostname);
  db.port = String(proxy.port);
  core = createCore(testConfig({ TELEGRAM_API_ROOT: api.apiRoot, DATABASE_URL: db.toString(), OUTAGE_BACKOFF_MAX_MS: "400" }), { now: () => now });
});
beforeEach(async () => {
  await proxy.up();
  await resetDatabase(core.prisma);
  await core.prisma.staffMember.create({ data: { telegramId: BigInt(ADMIN), displayName: "管理员", role: "ADMIN" } });
  api.sent.length = 0;
  api.requests.length = 0;
  for (const k of Object.keys(api.script)) delete api.script[Number(k)];
});
afterEach(async () => {
  await runner?.close();
  runner = undefined;
  await proxy.up();
  for (const name of QUEUE_NAMES) await core.queues[name].obliterate({ force: true });
});
afterAll(async () => {
  await core?.close();
  await proxy?.stop();
  await api?.stop();
});

let seq = 0;
/** An assigned housing complaint, written directly (no pipeline jobs of its own). */
async function openCase(departmentCode: string | null = "housing") {
  const citizen = await core.citizens.ensure(CITIZEN);
  const dept = departmentCode ? await core.prisma.department.findUniqueOrThrow({ where: { code: departmentCode } }) : null;
  return core.prisma.case.create({
    data: {
      number: `MS-2026-8${String(++seq).padStart(5, "0")}`,
      submissionKey: `jo-${seq}-${Date.now()}`,
      kind: "COMPLAINT",
      status: dept ? "ASSIGNED" : "PENDING_DISPATCH",
      citizenId: citizen.id,
      departmentId: dept?.id ?? null,
      text: "小区下水道堵塞",
      dueAt: new Date(now.getTime() + 10 * 86_400_000),
    },
  });
}

/** An outbox row and its job, as the after-commit flush adds it, with `attempts` of our choosing. */
async function notifyJob(payload: Record<string, unknown>, attempts = 2) {
  const row = await core.prisma.outboxMessage.create({ data: { queue: "notify", name: String(payload.type), payload: payload as object, enqueuedAt: new Date() } });
  const job = await core.queues.notify.add(String(payload.type) as never, { ...(payload as Payload<"notify">), outboxId: row.id }, { jobId: `ob-${row.id}`, attempts });
  return { row, jobId: job.id! };
}

const job = (id: string) => core.queues.notify.getJob(id);
const completed = (outboxId: number) =>
  waitUntil(async () => (await core.prisma.outboxMessage.findUniqueOrThrow({ where: { id: outboxId } })).completedAt, 20_000, "outbox row completed");

describe("outages are waited out, not counted as failures", () => {
  it("a notify job that meets a database outage far more often than its attempts completes once Postgres answers", async () => {
    const c = await openCase();
    const { row, jobId } = await notifyJob({ type: "case_routed", caseId: c.id }, 2);
    await proxy.down();
    runner = startWorkers(core, ["notify"]);
    // Started 6 times against 2 attempts, and still not failed.
    const waiting = await waitUntil(async () => {
      const j = await job(jobId);
      return j && j.attemptsStarted >= 6 ? j : null;
    }, 20_000, "six tries during the outage");
    expect(waiting.attemptsMade).toBe(0);
    expect(await waiting.isFailed()).toBe(false);
    expect(api.sent).toHaveLength(0);

    await proxy.up();
    await completed(row.id);
    expect(api.perChat()).toEqual({ [CITIZEN]: 1, 900001: 1, 900003: 1 });
    // The one attempt BullMQ counts is the one that succeeded.
    expect((await job(jobId))!.attemptsMade).toBe(1);
  });

  it("Telegram's server errors, more than the attempts, are waited out and each chat hears once", async () => {
    const c = await openCase();
    api.script[900003] = ["500", "500", "500", "500", "500"];
    const { row, jobId } = await notifyJob({ type: "case_routed", caseId: c.id }, 2);
    runner = startWorkers(core, ["notify"]);
    await completed(row.id);
    expect(api.requests.filter((r) => r.chatId === 900003)).toHaveLength(6);
    expect(api.perChat()).toEqual({ [CITIZEN]: 1, 900001: 1, 900003: 1 });
    // The one attempt BullMQ counts is the one that succeeded.
    expect((await job(jobId))!.attemptsMade).toBe(1);
  });

  it("a 429 moves the job to delayed for retry_after without using an attempt, and nothing is sent twice", async () => {
    const c = await openCase();
    api.script[900001] = ["429:30"];
    const { row, jobId } = await notifyJob({ type: "case_routed", caseId: c.id }, 2);
    runner = startWorkers(core, ["notify"]);
    await waitUntil(async () => (await job(jobId))?.isDelayed(), 10_000, "job delayed");
    const delayed = (await job(jobId))!;
    expect(delayed.attemptsMade).toBe(0);
    expect(delayed.delay).toBeGreaterThanOrEqual(29_000);
    expect(api.perChat()).toEqual({ [CITIZEN]: 1 });
    // Its time has come (promoted rather than waited for): the rest goes, the citizen is not re-sent.
    await delayed.promote();
    await completed(row.id);
    expect(api.perChat()).toEqual({ [CITIZEN]: 1, 900001: 1, 900003: 1 });
    // The one attempt BullMQ counts is the one that succeeded.
    expect((await job(jobId))!.attemptsMade).toBe(1);
  });
});

describe("sends are at most once per kill window", () => {
  it("a message whose answer was lost in flight is the only one sent again", async () => {
    const c = await openCase();
    // The handler's card reaches Telegram, and the sender never learns it (as if killed mid-call).
    api.script[900001] = ["deliver-500"];
    const { row } = await notifyJob({ type: "case_routed", caseId: c.id }, 2);
    runner = startWorkers(core, ["notify"]);
    await completed(row.id);
    expect(api.perChat()).toEqual({ [CITIZEN]: 1, 900001: 2, 900003: 1 });
    const deliveries = await core.prisma.notificationDelivery.findMany({ where: { outboxId: row.id } });
    expect(deliveries.map((d) => d.outcome)).toEqual(["sent", "sent", "sent"]);
    expect(deliveries.every((d) => d.messageId !== null)).toBe(true);
  });
});

describe("failures for good", () => {
  it("fail once, are recorded on the row and the case, alert the admin, and are never put in again", async () => {
    const c = await openCase();
    const { row, jobId } = await notifyJob({ type: "case_routed", caseId: c.id, messageId: -1 }, 8);
    runner = startWorkers(core, ["notify"]);
    await waitUntil(async () => (await job(jobId))?.isFailed(), 10_000, "job failed");
    // Read after it failed (a Job read before holds the attempts of that moment).
    const failed = (await job(jobId))!;
    expect(failed.attemptsMade).toBe(1);
    const after = await core.prisma.outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.failedAt).not.toBeNull();
    expect(after.failReason).toMatch(/invalid notify payload/);
    const events = await core.cases.events(c.id);
    expect(events.find((e) => e.action === "job_failed")?.note).toMatch(/^notify: invalid notify payload/);
    const alert = await waitUntil(async () => api.sent.find((m) => m.chatId === ADMIN), 10_000, "admin alert");
    expect(alert.text).toContain("系统告警");
    expect(alert.text).toContain(c.number);

    // Redis drops the failed job (removeOnFail, or lost data): neither the sweep nor a rebuild brings it back.
    await failed.remove();
    await core.prisma.outboxMessage.update({ where: { id: row.id }, data: { enqueuedAt: new Date(Date.now() - 3_600_000) } });
    await sweepOnce(core);
    await core.outbox.requeueAll();
    expect(await job(jobId)).toBeUndefined();
    expect(api.sent.filter((m) => m.chatId === ADMIN)).toHaveLength(1);
  });

  it("a recipient who blocked the bot is recorded on the case, and the admin is told once per chat", async () => {
    const c = await openCase();
    api.script[CITIZEN] = ["403", "403"];
    const first = await notifyJob({ type: "case_routed", caseId: c.id }, 2);
    const second = await notifyJob({ type: "case_accepted", caseId: c.id }, 2);
    runner = startWorkers(core, ["notify"]);
    await completed(first.row.id);
    await completed(second.row.id);
    expect(api.perChat()[CITIZEN]).toBeUndefined();
    const failedEvents = (await core.cases.events(c.id)).filter((e) => e.action === "delivery_failed");
    expect(failedEvents.map((e) => e.note).sort()).toEqual(["case_accepted → citizen: blocked", "case_routed → citizen: blocked"]);
    await waitUntil(async () => api.sent.some((m) => m.chatId === ADMIN), 10_000, "admin alert");
    // Every alert row is done before counting them.
    await waitUntil(async () => (await core.prisma.outboxMessage.count({ where: { completedAt: null } })) === 0, 10_000, "all rows done");
    expect(api.sent.filter((m) => m.chatId === ADMIN)).toHaveLength(1);
  });
});

describe("the morning digest goes through the notification system", () => {
  it("with one supervisor who blocked the bot, every other supervisor gets it exactly once", async () => {
    const env = await core.prisma.department.findUniqueOrThrow({ where: { code: "environment" } });
    await core.prisma.staffMember.createMany({
      data: [
        { telegramId: 900011n, displayName: "blocked", role: "SUPERVISOR", departmentId: env.id },
        { telegramId: 900012n, displayName: "ok", role: "SUPERVISOR", departmentId: env.id },
      ],
    });
    api.script[900011] = ["403", "403", "403"];
    runner = startWorkers(core, ["maintenance", "notify"]);
    await core.queues.maintenance.add("digest", { task: "digest" });
    const rows = await waitUntil(async () => {
      const r = await core.prisma.outboxMessage.findMany({ where: { name: "digest" } });
      return r.length === 5 && r.every((x) => x.completedAt) ? r : null;
    }, 15_000, "five digests done");
    const digests = () => api.sent.filter((m) => m.text.includes("逾期和即将到期的事项"));
    // 900005: the demo reconsideration office's head (issue 12).
    expect(digests().map((m) => m.chatId).sort()).toEqual([900003, 900005, 900009, 900012]);
    const blocked = await core.prisma.notificationDelivery.findMany({ where: { chatId: 900011n } });
    // Its two parts, the digest and the week chart (a photo), are each recorded as refused.
    expect(blocked.map((d) => d.outcome)).toEqual(["blocked", "blocked"]);

    // The digest job run again the same day, and every notify job retried: nobody hears it twice.
    await core.queues.maintenance.add("digest", { task: "digest" }, { jobId: "digest-again" });
    await waitUntil(async () => (await core.queues.maintenance.getJob("digest-again"))?.isCompleted(), 10_000, "second digest run");
    expect(await core.prisma.outboxMessage.count({ where: { name: "digest" } })).toBe(5);
    for (const r of rows) await core.notifier.deliver({ ...(r.payload as Payload<"notify">), outboxId: r.id });
    expect(digests()).toHaveLength(4);
  });
});
