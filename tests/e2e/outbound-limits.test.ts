import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../helpers/stack.js";
import { consent, fileUntilSummary, submit } from "../helpers/flows.js";
import { waitFor } from "../helpers/wait.js";
import type { SentRecord } from "../../src/telegram/emulator-limits.js";
import { busiestSecond } from "../helpers/rate.js";

// Telegram's outbound limits (Bots FAQ: about 30 messages a second per bot, about one a second per
// chat) and its 429 answers, measured at the emulator from the arrival time of every message it
// accepted: the product's pacing is judged from those timestamps, not from how long the test took.
// 2026-11-30 is a Monday and a working day (no holiday; chinese-days 2026), so the digest runs.
const MONDAY_0930_SHANGHAI = new Date("2026-11-30T01:30:00Z");

let stack: Stack;
beforeAll(async () => {
  // Every complaint routed straight to a department (no dispatcher) and none linked to another.
  stack = await startStack({ now: () => MONDAY_0930_SHANGHAI, env: { ROUTING_CONFIDENCE: "0", DUPLICATE_SIMILARITY: "1" } });
  // The classifier trains on its first use, holding this process's event loop for tens of seconds on
  // a busy machine (long enough to time out a transaction): it is trained before the load starts.
  await stack.core.classifier.classify("路灯坏了");
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

const tokens = () => ({ citizen: stack.core.config.citizenToken, staff: stack.core.config.staffToken });
const sentTo = (records: SentRecord[], chatId: number) => records.filter((r) => r.method === "sendMessage" && r.chatId === String(chatId)).map((r) => r.text ?? "");

describe("with 5% of sends answered 429", () => {
  it("delivers every message exactly once and in order", async () => {
    const { citizen: ct, staff: st } = tokens();
    stack.emulator.limits.flood(ct, { fraction: 0.05, seed: 20261130, retryAfter: 1 });
    stack.emulator.limits.flood(st, { fraction: 0.05, seed: 11300, retryAfter: 1 });
    const problems = [
      "小区门口的路灯坏了两个星期，晚上很黑很危险。",
      "楼下餐馆每天晚上油烟很大，窗户都不敢开。",
      "公交站的候车亭顶棚破了，下雨没处躲。",
      "学校门口早晚高峰乱停车，孩子过马路很危险。",
      "菜市场门口的垃圾桶好几天没人清理，臭味很大。",
      "工地夜里施工到凌晨两点，噪音吵得睡不着。",
      "公园的健身器材坏了好几个月没人修。",
      "单位拖欠工资三个月，找老板一直推脱。",
    ];
    const citizens = problems.map((_, i) => stack.citizen(67001 + i));
    const numbers = await Promise.all(
      citizens.map(async (c, i) => {
        await consent(c);
        return submit(c, await fileUntilSummary(c, { text: problems[i], location: `和平里 ${i + 1} 号楼` }));
      }),
    );
    // The cards of every case reached their department (each card once per chat; checked below).
    await waitFor("every case routed or escalated", async () => {
      const n = await stack.core.prisma.case.count({ where: { number: { in: numbers }, status: { in: ["ASSIGNED", "PENDING_DISPATCH"] } } });
      return n === numbers.length;
    }, 60_000);
    const cases = await stack.core.prisma.case.findMany({ where: { number: { in: numbers } } });
    await waitFor("every notice recorded as sent", async () => {
      const rows = await stack.core.prisma.outboxMessage.findMany({ where: { queue: "notify" } });
      const open = rows.filter((r) => !r.completedAt && !r.failedAt);
      return open.length === 0 && rows.length >= cases.length;
    }, 60_000);
    expect(stack.emulator.limits.floods(ct)).toBeGreaterThan(0);
    expect(stack.emulator.limits.floods(st)).toBeGreaterThan(0);
    console.log(`429s answered: citizen bot ${stack.emulator.limits.floods(ct)}, staff bot ${stack.emulator.limits.floods(st)}`);

    const citizenSent = stack.emulator.limits.sent(ct);
    for (const [i, c] of citizens.entries()) {
      // A case routed to a department tells its citizen where it went; one left to a dispatcher (its
      // department has no staff here) waits for the dispatcher.
      const routed = cases.find((x) => x.number === numbers[i])!.departmentId !== null;
      const steps = [/隐私说明/, /已记录您的同意/, /第 1 步/, /第 2 步/, /第 3 步/, /第 4 步/, /请核对/, /已受理/, ...(routed ? [/已交由/] : [])];
      const texts = sentTo(citizenSent, c.userId);
      expect(new Set(texts).size, `citizen ${i}: a message twice`).toBe(texts.length);
      // Each step's message once, in the order the form asks them.
      const at = steps.map((s) => texts.findIndex((t) => s.test(t)));
      expect(at.every((x) => x >= 0), `citizen ${i}: missing ${steps[at.indexOf(-1)]}`).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
      expect(texts.filter((t) => t.includes(numbers[i]) && /已受理/.test(t))).toHaveLength(1);
    }
    const staffSent = stack.emulator.limits.sent(st).filter((r) => r.method === "sendMessage");
    for (const number of numbers) {
      const cards = staffSent.filter((r) => r.text?.includes(`【投诉举报】${number}`));
      expect(cards.length, `no card of ${number}`).toBeGreaterThan(0);
      expect(new Set(cards.map((r) => r.chatId)).size, `a card of ${number} twice in one chat`).toBe(cards.length);
    }
    stack.emulator.limits.clearFlood();
  }, 120_000);
});

describe("a digest to 100 supervisors", () => {
  it("stays under 30 messages a second at Telegram, and every supervisor gets it once", async () => {
    const housing = await stack.core.prisma.department.findUniqueOrThrow({ where: { code: "housing" } });
    await stack.core.prisma.staffMember.createMany({
      data: Array.from({ length: 100 }, (_, i) => ({ telegramId: BigInt(930_000 + i), displayName: `主管${i}`, role: "SUPERVISOR" as const, departmentId: housing.id })),
    });
    const recipients = await stack.core.prisma.staffMember.findMany({ where: { active: true, role: { in: ["SUPERVISOR", "ADMIN"] } } });
    expect(recipients.length).toBeGreaterThanOrEqual(100);
    const chats = new Set(recipients.map((s) => String(s.telegramId)));
    const since = Date.now();

    await stack.core.queues.maintenance.add("digest", { task: "digest" });
    const digests = () => stack.emulator.limits.sent(tokens().staff).filter((r) => r.at >= since && chats.has(r.chatId) && /逾期/.test(r.text ?? ""));
    await waitFor("every supervisor's digest arrived", () => new Set(digests().map((r) => r.chatId)).size === recipients.length, 60_000);

    const arrived = digests();
    expect(arrived).toHaveLength(recipients.length); // once each
    const peak = busiestSecond(arrived.map((r) => r.at));
    const span = (Math.max(...arrived.map((r) => r.at)) - Math.min(...arrived.map((r) => r.at))) / 1000;
    console.log(`digest: ${arrived.length} messages in ${span.toFixed(1)} s, at most ${peak} in any one second`);
    expect(peak).toBeLessThan(30);
  }, 90_000);
});
