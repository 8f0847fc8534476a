import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Job } from "bullmq";
import { startStack, type Stack } from "../helpers/stack.js";
import { createMaintenanceProcessor } from "../../workers/maintenance.js";
import { reminderTime } from "../../src/deadlines/alarms.js";
import { addWorkingDays } from "../../src/clock/calendar.js";
import type { EmulatorUser } from "../../src/telegram/emulator-client.js";
import { consent, fileUntilSummary, submit } from "../helpers/flows.js";
import { startUpkeep } from "../../workers/upkeep.js";
import { waitUntil } from "../helpers/wait.js";

const HOUSING_HANDLER = 900001;
const HOUSING_SUPERVISOR = 900003;

// The clock every deadline decision reads; the test moves it.
let now = new Date();
let stack: Stack;
const maintenance = (task: "sweep" | "digest") =>
  createMaintenanceProcessor(stack.core)({ data: { task }, id: task } as unknown as Job<{ task: typeof task }>);

beforeAll(async () => {
  // Its own Redis database: this file flushes it (TEST_FLUSH_REDIS_URL keeps two runs on one machine apart).
  stack = await startStack({ now: () => now, env: { REDIS_URL: process.env.TEST_FLUSH_REDIS_URL ?? "redis://127.0.0.1:6379/5" } });
});
afterAll(async () => {
  await stack?.stop();
});

async function fileComplaint(citizen: EmulatorUser, text: string): Promise<string> {
  await consent(citizen);
  return submit(citizen, await fileUntilSummary(citizen, { text, location: "人民路 1 号" }));
}

describe("statutory clocks", () => {
  it("reminds the handler, turns the case overdue for the supervisor, lists it in the digest, and urges", async () => {
    const citizen = stack.citizen(40001);
    const handler = stack.staff(HOUSING_HANDLER);
    const supervisor = stack.staff(HOUSING_SUPERVISOR);
    const number = await fileComplaint(citizen, "小区电梯坏了两个星期，物业一直不修，物业费照收，老人上下楼很困难。");
    await handler.expect(new RegExp(number));
    await supervisor.expect(new RegExp(number));
    const c = await stack.core.prisma.case.findUniqueOrThrow({ where: { number } });

    // Two working days before the due day, 09:00: the handler is reminded.
    now = new Date(reminderTime(c.dueAt, stack.core.config.REMINDER_WORKING_DAYS).getTime() + 60_000);
    await maintenance("sweep");
    await handler.expect(new RegExp(`提醒：${number} 的答复期限是`));

    // The due day passes: on the next working day, 10:00, the case is overdue and the supervisor is told.
    now = new Date(`${addWorkingDays(c.dueAt, 1)}T10:00:00+08:00`);
    await maintenance("sweep");
    await supervisor.expect(new RegExp(`⚠ ${number} 已超过答复期限`));
    const marked = await stack.core.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(marked.overdueAt).not.toBeNull();
    expect(marked.remindedAt).not.toBeNull();
    // Sweeping again tells nobody twice.
    await maintenance("sweep");
    expect((await supervisor.unread()).filter((m) => m.text.includes("已超过答复期限"))).toHaveLength(0);

    // The morning digest (the clock is on a working day) lists it with a 催办 button.
    await maintenance("digest");
    const digest = await supervisor.expect(/逾期和即将到期的事项/);
    expect(digest.text).toMatch(new RegExp(`【区住房和城乡建设局】逾期 1 件`));
    expect(digest.text).toMatch(new RegExp(`⚠ ${number} · 已分派 · 已逾期 \\d+ 个工作日`));
    await supervisor.press(digest, `催办 ${number}`);
    await supervisor.expect(new RegExp(`已向承办人催办 ${number}`));
    await handler.expect(new RegExp(`部门负责人催办：${number}`));

    // The same on demand; a handler cannot urge.
    await supervisor.send("/overdue");
    await supervisor.expect(new RegExp(`⚠ ${number}`));
    await handler.pressData(digest.messageId, `u:${c.id}`);
    await handler.expect(/您无权处理这个事项/);

    const actions = (await stack.core.cases.events(c.id)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["remind", "overdue", "urge"]));
    expect(actions.filter((a) => a === "overdue")).toHaveLength(1);
  });

  it("restores every pending deadline after Redis loses its data", async () => {
    now = new Date();
    const citizen = stack.citizen(40002);
    const handler = stack.staff(HOUSING_HANDLER);
    const number = await fileComplaint(citizen, "小区门口的下水道井盖丢了好几天，晚上很危险，物业不管。");
    await handler.expect(new RegExp(number));
    const open = await stack.core.prisma.case.findMany({ where: { overdueAt: null, status: { notIn: ["CLOSED"] } } });
    expect(open.length).toBeGreaterThan(0);
    const alarm = (c: { id: number; dueAt: Date }) => stack.core.queues.deadlines.getJob(`overdue-${c.id}-${c.dueAt.getTime()}`);
    for (const c of open) expect(await alarm(c)).toBeDefined();

    // What each workers process runs beside its workers: the Redis loss check (and the sweep timer).
    const upkeep = startUpkeep(stack.core, { ensureSchedulers: () => stack.workers.ensureSchedulers() });
    try {
      await upkeep.ready;
      await stack.core.redis.flushdb();
      for (const c of open) expect(await alarm(c)).toBeUndefined();

      // No sweep is run by hand: the epoch check notices the loss and rebuilds from the database.
      await waitUntil(async () => (await Promise.all(open.map(alarm))).every(Boolean), 15_000, "alarms re-armed");
      for (const c of open) {
        const job = await alarm(c);
        expect(job!.data).toMatchObject({ task: "overdue", caseId: c.id, dueAt: c.dueAt.getTime() });
      }
    } finally {
      upkeep.stop();
    }
  });
});
