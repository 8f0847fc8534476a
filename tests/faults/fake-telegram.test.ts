import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EMULATOR_TOKENS } from "../../src/config.js";
import { createFakeTelegram, type FakeTelegram } from "./fake-telegram.js";

// The fault suite's verdicts are only as good as its fake Telegram: these check that it keeps Telegram's rules.
let fake: FakeTelegram;
const call = async (method: string, body: object = {}, token: string = EMULATOR_TOKENS.citizen) => {
  const res = await fetch(`${fake.apiRoot}/bot${token}/${method}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { ok: boolean; result?: unknown; error_code?: number; parameters?: { retry_after: number } } };
};
const ids = (r: { body: { result?: unknown } }) => (r.body.result as { update_id: number }[]).map((u) => u.update_id);

beforeEach(async () => {
  fake = createFakeTelegram();
  await fake.start();
});
afterEach(async () => {
  await fake.stop();
});

describe("the fault suite's fake Bot API", () => {
  it("keeps updates until an offset confirms them, and delivers a marked one a second time", async () => {
    fake.deliver("citizen", { message: { text: "a" } }, 1);
    fake.deliver("citizen", { message: { text: "b" } }, 1, { twice: true });
    expect(ids(await call("getUpdates"))).toEqual([1, 2]);
    expect(ids(await call("getUpdates"))).toEqual([1, 2]); // not confirmed yet
    expect(ids(await call("getUpdates", { offset: 2 }))).toEqual([2]);
    expect(ids(await call("getUpdates", { offset: 3 }))).toEqual([2]); // the repeat
    expect(ids(await call("getUpdates", { offset: 3 }))).toEqual([]);
  });

  it("answers a second long-poller with 409 and the first one's request is ended", async () => {
    const first = call("getUpdates", { timeout: 5 });
    await new Promise((r) => setTimeout(r, 100));
    const second = call("getUpdates", { timeout: 1 });
    expect((await first).status).toBe(409);
    expect((await second).body.result).toEqual([]);
    expect(fake.stats.conflicts409).toBe(1);
  });

  it("refuses getUpdates while a webhook is set", async () => {
    await call("setWebhook", { url: "https://example.invalid/telegram/citizen", secret_token: "s".repeat(32) });
    expect((await call("getUpdates")).status).toBe(409);
    expect(fake.webhookOf("citizen")?.secret).toBe("s".repeat(32));
  });

  it("injects 429 with retry_after for the chosen calls only, and counts every message per chat", async () => {
    fake.inject429({ bot: "citizen", method: "sendMessage", match: (p) => String(p.text).startsWith("receipt"), retryAfter: 3, times: 1 });
    const refused = await call("sendMessage", { chat_id: 7, text: "receipt 1" });
    expect(refused.status).toBe(429);
    expect(refused.body.parameters?.retry_after).toBe(3);
    expect((await call("sendMessage", { chat_id: 7, text: "receipt 1" })).status).toBe(200);
    expect((await call("sendMessage", { chat_id: 7, text: "other" })).status).toBe(200);
    await call("sendMessage", { chat_id: 8, text: "card" }, EMULATOR_TOKENS.staff);
    expect(fake.messages.map((m) => [m.bot, m.chatId, m.text])).toEqual([
      ["citizen", 7, "receipt 1"],
      ["citizen", 7, "other"],
      ["staff", 8, "card"],
    ]);
    expect((await call("getMe", {}, "123:not-a-demo-token-xxxxxxxxxxxxxx")).status).toBe(401);
  });
});
