import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Job } from "bullmq";
import { startStack, type Stack } from "../helpers/stack.js";
import { consent } from "../helpers/flows.js";
import { createMaintenanceProcessor } from "../../workers/maintenance.js";
import { useYearSchedule } from "../../src/clock/calendar.js";
import type { EmulatorUser } from "../../src/telegram/emulator-client.js";

const HOUSING_HANDLER = 900001;

// The clock every deadline decision reads; the test moves it. Dates are counted by hand in the
// comments (State Council's 2026 schedule: no holidays in November or December 2026).
let now = new Date();
let stack: Stack;
const sweep = () => createMaintenanceProcessor(stack.core)({ data: { task: "sweep" }, id: "sweep" } as unknown as Job<{ task: "sweep" }>);
const caseOf = (number: string) => stack.core.prisma.case.findUniqueOrThrow({ where: { number } });

beforeAll(async () => {
  stack = await startStack({ now: () => now });
});
afterAll(async () => {
  useYearSchedule(2027, null);
  await stack?.stop();
});

/** A disclosure request through the citizen bot, as in tests/e2e/disclosure.test.ts; returns its number. */
async function fileDisclosure(citizen: EmulatorUser): Promise<string> {
  await consent(citizen);
  await citizen.send("/disclose");
  await citizen.press(await citizen.expect(/个人还是单位/), "个人");
  await citizen.expect(/申请人姓名/);
  await citizen.send("钱进");
  await citizen.expect(/身份证号码/);
  await citizen.send("11010519491231002X");
  await citizen.expect(/联系电话/);
  await citizen.send("13911113333");
  await citizen.expect(/通信地址或电子邮箱/);
  await citizen.send("qianjin@example.com");
  await citizen.expect(/申请公开的政府信息/);
  await citizen.send("幸福小区老旧小区改造工程的施工合同和物业维修资金使用明细");
  await citizen.press(await citizen.expect(/什么形式/), "电子文本");
  await citizen.press(await citizen.expect(/怎样获取/), "电子邮件");
  await citizen.press(await citizen.expect(/请核对/), "确认提交");
  const receipt = await citizen.expect(/已受理。事项编号/);
  return /MS-\d{4}-\d{6}/.exec(receipt.text)![0];
}

describe("a disclosure request's clock through the bots", () => {
  it("art. 30: a 补正 states its period as a date and lapses only after the handler confirms", async () => {
    now = new Date("2026-12-01T02:00:00Z"); // Tuesday 10:00 Shanghai
    const citizen = stack.citizen(51001, "钱进");
    const handler = stack.staff(HOUSING_HANDLER);
    const number = await fileDisclosure(citizen);
    const card = await handler.expect(new RegExp(`【政府信息公开申请】${number}`));
    await handler.press(card, "签收");
    await handler.expectEdit(card.messageId, /状态：办理中/);
    await handler.press(card, "要求补正");
    await handler.expect(/需要申请人补正的内容/);
    await handler.send("请注明需要哪一年度的维修资金使用明细。");
    await handler.expect(/补正要求已发给申请人/);
    // CORRECTION_TIMEOUT_WORKING_DAYS = 15 from Tue 2026-12-01: Dec 2–4 (3), 7–11 (8), 14–18 (13), 21–22 (15).
    const ask = await citizen.expect(/需要您补正/);
    expect(ask.text).toContain("请在 2026年12月22日 前补正");
    expect(ask.text).toContain("无正当理由逾期不补正的，视为放弃申请");

    // The day after the period: the handler is asked; nothing closes.
    now = new Date("2026-12-23T02:00:00Z");
    await sweep();
    const lapse = await handler.expect(new RegExp(`${number} 的补正期限（2026年12月22日）已过`));
    expect(lapse.text).toContain("补正期限：2026年12月22日"); // the card, with the period
    expect((await caseOf(number)).status).toBe("AWAITING_CORRECTION");

    // A good reason: 5 more working days from Wed 2026-12-23: Dec 24, 25, 28, 29, 30.
    await handler.press(lapse, "有正当理由，延长补正期限");
    await handler.expect(/再给申请人多少个工作日补正/);
    await handler.send("5");
    await handler.expect(/申请人的正当理由/);
    await handler.send("申请人来电说明正在住院，出院后补正。");
    await handler.expect(/已记录正当理由/);
    await citizen.expect(/补正期限延至 2026年12月30日/);

    now = new Date("2026-12-31T02:00:00Z");
    await sweep();
    const again = await handler.expect(new RegExp(`${number} 的补正期限（2026年12月30日）已过`));
    expect((await caseOf(number)).status).toBe("AWAITING_CORRECTION");
    await handler.press(again, "确认视为放弃申请");
    await handler.expect(new RegExp(`已确认 ${number} 视为放弃申请`));
    const closed = await citizen.expect(/视为放弃申请，不再处理/);
    expect(closed.text).toContain("《政府信息公开条例》第三十条");
    const done = await caseOf(number);
    expect(done.status).toBe("CLOSED");
    const events = await stack.core.cases.events(done.id);
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["correction_lapse_due", "correction_more_time", "correction_expired"]));
    expect(events.find((e) => e.action === "correction_expired")?.actor).toMatch(/^staff:/);
  }, 120_000); // a long dialogue with one chat, at Telegram's pace of about one message a second per chat

  it("arts. 32, 33 ¶3: a third-party consultation pauses the clock, shown on the card and in /status", async () => {
    now = new Date("2026-11-02T02:00:00Z"); // Monday 10:00
    const citizen = stack.citizen(51002, "孙平");
    const handler = stack.staff(HOUSING_HANDLER);
    const number = await fileDisclosure(citizen);
    // 20 working days from Mon 2026-11-02: Nov 3–6 (4), 9–13 (9), 16–20 (14), 23–27 (19), 30 (20).
    await citizen.expect(/2026年11月30日/);
    const card = await handler.expect(new RegExp(`【政府信息公开申请】${number}`));
    await handler.press(card, "签收");
    await handler.expectEdit(card.messageId, /状态：办理中/);

    now = new Date("2026-11-09T02:00:00Z"); // Monday: 15 working days left (Nov 10–13, 16–20, 23–27, 30)
    await handler.press(card, "征求第三方意见");
    // The third party has until Nov 30 (15 working days, art. 32); then 15 more: Dec 1–4, 7–11, 14–18, 21.
    const paused = await handler.expect(new RegExp(`已记录 ${number} 正在征求意见`));
    expect(paused.text).toContain("⏸ 征求第三方意见中（自 2026年11月9日，最迟至 2026年11月30日");
    expect(paused.text).toContain("答复期限：2026年12月21日");
    const told = await citizen.expect(/正在书面征求第三方意见/);
    expect(told.text).toContain("最迟为 2026年12月21日");
    await citizen.send(`/status ${number}`);
    const status = await citizen.expect(/正在征求意见，答复期限暂停计算/);
    expect(status.text).toContain("答复期限：2026年12月21日");

    now = new Date("2026-11-16T02:00:00Z"); // Monday: the opinion arrives
    await handler.press(paused, "记录：意见已答复");
    // 15 working days after Nov 16: Nov 17–20 (4), 23–27 (9), Nov 30–Dec 4 (14), Dec 7 (15).
    const resumed = await handler.expect(new RegExp(`已记录 ${number} 的征求意见答复`));
    expect(resumed.text).toContain("新期限 2026年12月7日");
    expect(resumed.text).not.toContain("⏸");
    await citizen.expect(/征求意见已结束，答复期限恢复计算，将在 2026年12月7日 前答复您/);
    // The day after the original due day (Nov 30): not overdue, the paused days did not count.
    now = new Date("2026-12-01T02:00:00Z");
    await sweep();
    expect((await caseOf(number)).overdueAt).toBeNull();
  }, 120_000); // a long dialogue with one chat, at Telegram's pace of about one message a second per chat

  it("a provisional due date (2027 not yet published) is recounted by calendar:load and the citizen told", async () => {
    now = new Date("2026-12-21T02:00:00Z"); // Monday 10:00
    const citizen = stack.citizen(51003, "周洁");
    const handler = stack.staff(HOUSING_HANDLER);
    const number = await fileDisclosure(citizen);
    // 20 working days: Dec 22–25 (4), 28–31 (8), 2027-01-01 元旦 (2024 regulations, art. 2), Jan 4–8 (13), 11–15 (18), 18–19 (20).
    const routed = await citizen.expect(/2027年1月19日/);
    expect(routed.text).toContain("2027年1月19日（暂定：该年度法定节假日调休安排尚未公布，期限可能前后变动几天）");
    const card = await handler.expect(new RegExp(`【政府信息公开申请】${number}`));
    expect(card.text).toContain("答复期限：2027年1月19日（暂定：该年度放假安排未公布）");

    // An administrator loads 2027 (a hypothetical schedule: 2027's is not published; a Saturday make-up day, Jan 9).
    const file = join(mkdtempSync(join(tmpdir(), "calendar-")), "2027.json");
    writeFileSync(file, JSON.stringify({ year: 2027, holidays: ["2027-01-01"], workdays: ["2027-01-09"] }));
    const { config } = stack.core;
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/calendar-load.ts", "--file", file], {
      env: { ...process.env, DATABASE_URL: config.DATABASE_URL, REDIS_URL: config.REDIS_URL, QUEUE_PREFIX: config.QUEUE_PREFIX, LOG_LEVEL: "silent" },
      timeout: 120_000,
    });
    expect(stdout).toContain("loaded 2027: 1 holidays, 1 make-up working days");
    expect(stdout).toContain("provisional due dates: 1 moved");
    // Dec 22–25 (4), 28–31 (8), Jan 4–8 (13), Sat Jan 9 (14), Jan 11–15 (19), Jan 18 (20).
    await citizen.expect(new RegExp(`${number} 的答复期限重新计算为 2027年1月18日`));
    await handler.expect(new RegExp(`${number} 的答复期限重新计算为 2027年1月18日`));
    const c = await caseOf(number);
    expect(c.dueProvisional).toBe(false);
    expect(c.dueAt.toISOString()).toBe(new Date("2027-01-18T23:59:59.999+08:00").toISOString());
    // Its alarm is armed for the new due date.
    const due = c.dueAt.getTime();
    await expect.poll(async () => Boolean(await stack.core.queues.deadlines.getJob(`overdue-${c.id}-${due}`)), { timeout: 15_000 }).toBe(true);
    await citizen.send(`/status ${number}`);
    const status = await citizen.expect(/答复期限：2027年1月18日/);
    expect(status.text).not.toContain("暂定");
  }, 180_000);
});
