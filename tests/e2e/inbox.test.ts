import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../helpers/stack.js";
import type { RunningBots } from "../../bots/run.js";
import { consent, fileUntilSummary, submit } from "../helpers/flows.js";
import { waitFor } from "../helpers/wait.js";

// Fault tests of the update inbox (issue 7, "No update lost, none handled twice"): the bots run
// against the emulator behind a proxy that confirms updates only by offset, as Telegram does.
let stack: Stack;
/** The runner the next test relies on (the first one is killed on purpose). */
let live: RunningBots;

beforeAll(async () => {
  stack = await startStack();
  live = stack.bots;
});
afterAll(async () => {
  await stack?.stop();
});

const token = () => stack.core.config.citizenToken;
const casesOf = async (telegramId: number) => {
  const c = await stack.core.prisma.citizen.findUnique({ where: { telegramId: BigInt(telegramId) } });
  return c ? stack.core.prisma.case.count({ where: { citizenId: c.id } }) : 0;
};

describe("the update inbox", () => {
  it("loses no update when the bots runner dies after fetching and confirming, before handling", async () => {
    const citizens = Array.from({ length: 10 }, (_, i) => stack.citizen(61001 + i));
    // Every reply hangs: each update is mid-handling when the runner is killed.
    stack.proxy.fault({ method: "sendMessage", hang: true, times: 1000 });
    await Promise.all(citizens.map((c) => c.send("/start")));
    await waitFor("10 updates stored and confirmed", async () =>
      (await stack.core.inbox.unhandled("citizen")) === 10 && stack.proxy.unconfirmed(token()) === 0,
    );
    // Telegram considers them delivered: the grammY runner used to lose exactly these.
    live.kill();
    stack.proxy.clearFaults();

    const started = Date.now();
    live = await stack.startBots();
    for (const c of citizens) await c.expect(/隐私说明/);
    expect(Date.now() - started).toBeLessThan(10_000);
    await waitFor("the inbox empty", async () => (await stack.core.inbox.unhandled()) === 0);
  });

  it("moves a form one step when Telegram delivers the same update twice", async () => {
    const citizen = stack.citizen(62001);
    await consent(citizen);
    await citizen.send("/new");
    await citizen.expect(/第 1 步/);
    stack.proxy.repeatNext(token(), 1);
    await citizen.send("小区门口的路灯坏了两个星期，晚上很黑很危险。");
    await citizen.expect(/第 2 步/);
    await waitFor("the repeat fetched and confirmed", () => stack.proxy.unconfirmed(token()) === 0 && stack.proxy.stats.repeated === 1);
    await waitFor("the inbox empty", async () => (await stack.core.inbox.unhandled()) === 0);
    // Nothing more was said: the repeat was not taken as the place (step 3 would follow).
    expect((await citizen.unread()).map((m) => m.text)).toEqual([]);
    await citizen.send("幸福路 8 号");
    await citizen.press(await citizen.expect(/第 3 步/), "跳过");
    await citizen.press(await citizen.expect(/第 4 步/), "匿名");
    const summary = await citizen.expect(/请核对/);
    expect(summary.text).toContain("幸福路 8 号");
    await submit(citizen, summary);
    expect(await casesOf(citizen.userId)).toBe(1);
  });

  it("takes a description said again before the bot answered as one answer, not as the place", async () => {
    const citizen = stack.citizen(62101);
    await consent(citizen);
    await citizen.send("/new");
    await citizen.expect(/第 1 步/);
    // The answer is slow (Telegram makes the bot wait 2 s): the citizen, seeing nothing, says it again.
    stack.proxy.fault({
      method: "sendMessage",
      match: (p) => /第 2 步/.test(String(p.text)),
      answer: { status: 429, body: { ok: false, error_code: 429, description: "Too Many Requests: retry after 2", parameters: { retry_after: 2 } } },
    });
    const description = "菜市场门口的下水道堵了，污水流到人行道上。";
    const fired = stack.proxy.stats.faultsFired;
    await citizen.send(description);
    await waitFor("the bot answering, made to wait", () => stack.proxy.stats.faultsFired > fired);
    await citizen.send(description);
    await citizen.expect(/第 2 步/);
    await waitFor("the inbox empty", async () => (await stack.core.inbox.unhandled()) === 0);
    expect((await citizen.unread(500)).map((m) => m.text)).toEqual([]); // one question, nothing more
    await citizen.send("菜市场东门");
    await citizen.press(await citizen.expect(/第 3 步/), "跳过");
    await citizen.press(await citizen.expect(/第 4 步/), "匿名");
    const summary = await citizen.expect(/请核对/);
    expect(summary.text).toContain("菜市场东门");
    expect(summary.text).toContain(description);
  });

  it("runs two runners on one database: one polls each bot, both handle, every case filed once in order", async () => {
    const second = await stack.startBots();
    const both = [live, second];
    const pollers = (b: "citizen" | "staff") => both.filter((r) => r.polling()[b]).length;
    await waitFor("one poller per bot", () => pollers("citizen") === 1 && pollers("staff") === 1);
    const conflicts = stack.proxy.stats.conflicts;
    const citizens = Array.from({ length: 6 }, (_, i) => stack.citizen(63001 + i));
    const numbers = await Promise.all(
      citizens.map(async (c, i) => {
        await consent(c);
        const summary = await fileUntilSummary(c, { text: `第${i + 1}号楼下的垃圾桶满了三天没有人清理，气味很大。`, location: `和平里 ${i + 1} 号楼` });
        expect(summary.text).toContain(`和平里 ${i + 1} 号楼`);
        return submit(c, summary);
      }),
    );
    expect(new Set(numbers).size).toBe(6);
    for (const c of citizens) expect(await casesOf(c.userId)).toBe(1);
    expect(stack.proxy.stats.conflicts).toBe(conflicts);

    // The polling runner dies: the other takes the lease and goes on.
    const [dead, alive] = live.polling().citizen ? [live, second] : [second, live];
    dead.kill();
    await waitFor("the other runner polling", () => alive.polling().citizen && alive.polling().staff, 10_000);
    const late = stack.citizen(63101);
    await late.send("/start");
    await late.expect(/隐私说明/);
  });
});

describe("the receipt after a case is filed", () => {
  const tooManyRequests = (retryAfter: number) => ({
    status: 429,
    body: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } },
  });
  const isReceipt = (p: Record<string, unknown>) => /已受理。事项编号/.test(String(p.text));

  it("waits out a 429 on the receipt inside the conversation: the citizen gets it once, and no error", async () => {
    const citizen = stack.citizen(64001);
    await consent(citizen);
    const summary = await fileUntilSummary(citizen, { text: "夜里工地一直施工到凌晨两点，噪音吵得睡不着觉。", location: "滨河路工地" });
    const fired = stack.proxy.stats.faultsFired;
    stack.proxy.fault({ method: "sendMessage", match: isReceipt, answer: tooManyRequests(1) });
    const pressed = Date.now();
    await submit(citizen, summary);
    expect(stack.proxy.stats.faultsFired).toBe(fired + 1);
    expect(Date.now() - pressed).toBeGreaterThanOrEqual(1000); // it did wait retry_after
    const after = await citizen.unread(500);
    expect(after.filter((m) => /系统出了点问题|已受理/.test(m.text))).toEqual([]);
    expect(await casesOf(citizen.userId)).toBe(1);
  });

  it("waits out a 429 once: later steps of the form do not wait again when the conversation replays", async () => {
    const citizen = stack.citizen(64003);
    await consent(citizen);
    await citizen.send("/new");
    await citizen.expect(/第 1 步/);
    stack.proxy.fault({ method: "sendMessage", match: (p) => /第 2 步/.test(String(p.text)), answer: tooManyRequests(2) });
    let t = Date.now();
    await citizen.send("地铁站出口的盲道被共享单车占满了，盲人没法走。");
    await citizen.expect(/第 2 步/);
    expect(Date.now() - t).toBeGreaterThanOrEqual(2000);
    t = Date.now();
    await citizen.send("地铁五号线东口");
    await citizen.expect(/第 3 步/);
    expect(Date.now() - t).toBeLessThan(1500); // the replayed 429 is not slept through again
  });

  it("never answers a filed case with an error, even when Telegram refuses the receipt for good", async () => {
    const citizen = stack.citizen(64002);
    await consent(citizen);
    const summary = await fileUntilSummary(citizen, { text: "公园里的健身器材坏了好几个月，老人锻炼很不方便。", location: "人民公园北门" });
    // A wait longer than the retry accepts: the receipt cannot be sent now.
    stack.proxy.fault({ method: "sendMessage", match: isReceipt, answer: tooManyRequests(120), times: 5 });
    await citizen.press(summary, "确认提交");
    await waitFor("the case filed", async () => (await casesOf(citizen.userId)) === 1);
    const c = await stack.core.prisma.case.findFirstOrThrow({ where: { citizen: { telegramId: BigInt(citizen.userId) } } });
    await waitFor("the receipt refused", async () => (await stack.core.inbox.unhandled()) === 0);
    // The number is in /mycases; no "something went wrong" was ever said.
    await citizen.send("/mycases");
    await citizen.expect(new RegExp(c.number));
    expect(citizen.received.some((m) => /系统出了点问题/.test(m.text))).toBe(false);
    stack.proxy.clearFaults();
  });
});
