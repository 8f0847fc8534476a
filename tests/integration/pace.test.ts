import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { Api } from "grammy";
import { startEmulator, type EmulatorServer } from "../../src/telegram/emulator.js";
import { createPace, pacedTransformer, BOT_INTERVAL_MS, CHAT_BURST } from "../../src/telegram/pace.js";
import { freePort } from "../helpers/env.js";
import { busiestSecond } from "../helpers/rate.js";

// The shared outbound budget (src/telegram/pace.ts) against Telegram's limits (Bots FAQ: about 30
// messages a second per bot, about one a second per chat), judged from the arrival times the
// emulator records. A burst sent without it is measured the same way first, so the measurement is
// known to catch a burst over the limit on this machine.
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
let emulator: EmulatorServer;
const redises: Redis[] = [];
const prefix = `t-pace-${randomBytes(4).toString("hex")}`;

beforeAll(async () => {
  emulator = await startEmulator(await freePort());
});
afterAll(async () => {
  const keys = await redises[0]?.keys(`${prefix}:*`);
  if (keys?.length) await redises[0].del(...keys);
  await Promise.all(redises.map((r) => r.quit()));
  await emulator?.stop();
});

/** An Api for `token` that paces through its own Redis connection, as a separate process would. */
function pacedApi(token: string): Api {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  redises.push(redis);
  const api = new Api(token, { apiRoot: emulator.config.apiURL });
  api.config.use(pacedTransformer(createPace(redis, prefix), "staff"));
  return api;
}

const arrivals = (token: string) => emulator.limits.sent(token).map((r) => r.at);

describe("the shared outbound budget", () => {
  it("control: 120 messages sent at once, unpaced, arrive faster than 30 a second", async () => {
    const token = "601:unpaced";
    const api = new Api(token, { apiRoot: emulator.config.apiURL });
    await Promise.all(Array.from({ length: 120 }, (_, i) => api.sendMessage(10_000 + i, `m${i}`)));
    expect(busiestSecond(arrivals(token))).toBeGreaterThan(30);
  });

  it("keeps 120 messages to 120 chats, sent at once from two processes, under 30 in any second", async () => {
    const token = "602:paced";
    const [a, b] = [pacedApi(token), pacedApi(token)];
    await Promise.all(Array.from({ length: 120 }, (_, i) => (i % 2 ? a : b).sendMessage(20_000 + i, `m${i}`)));
    const times = arrivals(token);
    expect(times).toHaveLength(120);
    const peak = busiestSecond(times);
    console.log(`paced: 120 messages over ${((Math.max(...times) - Math.min(...times)) / 1000).toFixed(1)} s, at most ${peak} in any one second`);
    expect(peak).toBeLessThan(30);
  });

  it("takes intervals of a fraction of a millisecond (the benchmark's lifted budget) without a Redis error", async () => {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    redises.push(redis);
    const pace = createPace(redis, `${prefix}-lifted`, 1000 / 100_000, 1000 / 100_000);
    const waits = await Promise.all(Array.from({ length: 50 }, () => pace.wait("staff", 42)));
    expect(waits.every((w) => w.reserved)).toBe(true);
    await redis.del(...(await redis.keys(`${prefix}-lifted:*`)));
  });

  it("reserves a notice's messages in one call, in order, up to the first that would wait too long, which takes nothing", async () => {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    redises.push(redis);
    const pace = createPace(redis, `${prefix}-all`);
    const calls = { n: 0 };
    const sent = redis.sendCommand.bind(redis);
    // The script known to Redis first (its first call may be an EVALSHA, a NOSCRIPT, then the EVAL).
    await pace.reserve("warm-up", 1, 0);
    // Scripts only (a new connection sends its own setup commands first).
    redis.sendCommand = ((...a: Parameters<typeof redis.sendCommand>) => {
      if (/^eval/i.test(a[0].name)) calls.n++;
      return sent(...a);
    }) as typeof redis.sendCommand;
    // Five to one chat, one to another, then a sixth to the first, a job waiting at most a second:
    // the chat's burst of three goes at once (as the bot's budget allows), the fourth a second later;
    // the fifth would wait two seconds, so it is not reserved, nor the sixth after it (a chat's
    // messages keep their order); the other chat's message is reserved all the same.
    const got = await pace.reserveAll(
      [...Array.from({ length: 5 }, () => ({ bot: "staff", chatId: 7 })), { bot: "citizen", chatId: 8 }, { bot: "staff", chatId: 7 }],
      1000,
    );
    expect(calls.n).toBe(1);
    expect(got.map((r) => r.reserved)).toEqual([true, true, true, true, false, true, false]);
    // The bot's own budget (a burst of two, then one each 40 ms) spaces the third.
    expect(got.slice(0, 2).map((r) => r.waitMs)).toEqual([0, 0]);
    expect(got[2].waitMs).toBeLessThanOrEqual(BOT_INTERVAL_MS);
    expect(got[3].waitMs).toBeGreaterThan(900);
    for (const r of [got[4], got[6]]) {
      expect(r).toMatchObject({ reserved: false, by: "chat" });
      expect(r.waitMs).toBeGreaterThan(1000);
    }
    expect(got[5]).toMatchObject({ reserved: true, waitMs: 0 });
    // What was not reserved took nothing: the next message to that chat waits as the fifth would have,
    // and the other chat has the rest of its burst.
    const next = await pace.reserve("staff", 7, 5000);
    expect(next.reserved).toBe(true);
    expect(next.waitMs).toBeGreaterThan(1900);
    expect(next.waitMs).toBeLessThanOrEqual(2000);
    expect((await pace.reserve("citizen", 8, 0)).waitMs).toBe(0);
    await redis.del(...(await redis.keys(`${prefix}-all:*`)));
  });

  it("lets a burst of three into one chat, then one a second", async () => {
    const token = "603:chat";
    const api = pacedApi(token);
    await Promise.all(Array.from({ length: 6 }, (_, i) => api.sendMessage(30_000, `m${i}`)));
    const times = arrivals(token).sort((x, y) => x - y);
    expect(times).toHaveLength(6);
    // The 4th, 5th and 6th wait for the chat's next second each, counted from the first (its slots
    // are 1 s apart; an arrival may be late by jitter, so gaps between arrivals are not compared).
    for (let i = CHAT_BURST; i < times.length; i++) expect(times[i] - times[0]).toBeGreaterThanOrEqual((i - CHAT_BURST + 1) * 1000 - 100);
    expect(times[CHAT_BURST - 1] - times[0]).toBeLessThan(500);
  });
});
