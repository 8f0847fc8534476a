import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCore, type Core } from "../../src/core.js";
import { QUEUE_NAMES, type Payload } from "../../src/queues/definitions.js";
import { startWorkers } from "../../workers/runner.js";
import { TEST_DATABASE_URL, testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";
import { startFakeBotApi } from "../helpers/fake-bot-api.js";
import { waitUntil } from "../helpers/wait.js";

// A real `workers/main.ts` process, stopped as an orchestrator stops it (SIGTERM), with Telegram faked.
const CITIZEN = 4343;

let api: Awaited<ReturnType<typeof startFakeBotApi>>;
let core: Core;
let child: ChildProcess | undefined;
let runner: ReturnType<typeof startWorkers> | undefined;

beforeAll(async () => {
  api = await startFakeBotApi();
  core = createCore(testConfig({ TELEGRAM_API_ROOT: api.apiRoot }));
});
beforeEach(async () => {
  await resetDatabase(core.prisma);
  api.sent.length = 0;
  api.requests.length = 0;
});
afterEach(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  await runner?.close();
  runner = undefined;
  for (const name of QUEUE_NAMES) await core.queues[name].obliterate({ force: true });
});
afterAll(async () => {
  await core?.close();
  await api?.stop();
});

function startWorkersProcess(): { exited: Promise<{ code: number | null; at: number }> } {
  child = spawn(process.execPath, ["--import", "tsx", "workers/main.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: core.config.REDIS_URL,
      QUEUE_PREFIX: core.config.QUEUE_PREFIX,
      TELEGRAM_API_ROOT: api.apiRoot,
      LOG_LEVEL: "warn",
      NODE_ENV: "test",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise<{ code: number | null; at: number }>((r) => child!.once("exit", (code) => r({ code, at: Date.now() })));
  return { exited };
}

async function routedNotice() {
  const citizen = await core.citizens.ensure(CITIZEN);
  const housing = await core.prisma.department.findUniqueOrThrow({ where: { code: "housing" } });
  const c = await core.prisma.case.create({
    data: { number: "MS-2026-600001", submissionKey: "wp", kind: "COMPLAINT", status: "ASSIGNED", citizenId: citizen.id, departmentId: housing.id, text: "t", dueAt: new Date(Date.now() + 10 * 86_400_000) },
  });
  const payload = { type: "case_routed" as const, caseId: c.id };
  const row = await core.prisma.outboxMessage.create({ data: { queue: "notify", name: payload.type, payload, enqueuedAt: new Date() } });
  await core.queues.notify.add(payload.type, { ...payload, outboxId: row.id } as Payload<"notify">, { jobId: `ob-${row.id}` });
  return { row, jobId: `ob-${row.id}` };
}

describe("the workers process on SIGTERM", () => {
  it("exits within 10 s while a job waits out Telegram's retry_after, and the job stays queued", async () => {
    api.script[900001] = ["429:20"];
    const { jobId } = await routedNotice();
    const proc = startWorkersProcess();
    await waitUntil(async () => (await core.queues.notify.getJob(jobId))?.isDelayed(), 30_000, "job delayed by the 429");
    const sentAt = Date.now();
    child!.kill("SIGTERM");
    const { code, at } = await proc.exited;
    console.log(`workers exited ${at - sentAt} ms after SIGTERM (job delayed 20 s by a 429)`);
    expect(at - sentAt).toBeLessThan(10_000);
    expect(code).toBe(0);
    const job = await core.queues.notify.getJob(jobId);
    expect(await job!.isDelayed()).toBe(true);
    expect(job!.attemptsMade).toBe(0);
  }, 60_000);

  it("exits within 10 s while a Telegram call hangs; the job comes back and only the message in flight is sent again", async () => {
    api.script[900001] = ["hang"];
    const { row } = await routedNotice();
    const proc = startWorkersProcess();
    await waitUntil(async () => api.requests.some((r) => r.chatId === 900001), 30_000, "the handler's card in flight");
    const sentAt = Date.now();
    child!.kill("SIGTERM");
    const { at } = await proc.exited;
    console.log(`workers exited ${at - sentAt} ms after SIGTERM (one Telegram call hanging)`);
    expect(at - sentAt).toBeLessThan(10_000);

    // Another workers process takes the job once its lock expires.
    runner = startWorkers(core, ["notify"]);
    await waitUntil(async () => (await core.prisma.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).completedAt, 45_000, "job completed elsewhere");
    expect(api.perChat()).toEqual({ [CITIZEN]: 1, 900001: 2, 900003: 1 });
  }, 90_000);
});
