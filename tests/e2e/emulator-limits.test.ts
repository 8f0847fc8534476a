import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, GrammyError, InputFile } from "grammy";
import { sampleJpeg } from "../../src/telegram/emulator-client.js";
import { startEmulator, type EmulatorServer } from "../../src/telegram/emulator.js";
import { checkOutgoing } from "../../src/telegram/emulator-limits.js";
import { freePort } from "../helpers/env.js";

// The emulator against Telegram's documented behaviour (https://core.telegram.org/bots/api):
// sendMessage "text: 1-4096 characters after entities parsing"; captions "0-1024 characters after
// entities parsing"; InlineKeyboardButton.callback_data "1-64 bytes"; 429 answers carry
// ResponseParameters.retry_after; setMyCommands' scopes and language_code ("a two-letter ISO 639-1
// language code"), and the documented order in which a private chat's menu is chosen.
let emulator: EmulatorServer;
let api: Api;
const TOKEN = "111:limits";
const CHAT = 5001;

beforeAll(async () => {
  emulator = await startEmulator(await freePort());
  api = new Api(TOKEN, { apiRoot: emulator.config.apiURL });
});
afterAll(async () => {
  await emulator?.stop();
});

async function refusal(p: Promise<unknown>): Promise<{ code: number; description: string; retryAfter?: number }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof GrammyError) return { code: err.error_code, description: err.description, retryAfter: err.parameters.retry_after };
    throw err;
  }
  throw new Error("the call was accepted");
}

describe("message length", () => {
  it("takes 4,096 characters and refuses 4,097 with 400 'message is too long'", async () => {
    await expect(api.sendMessage(CHAT, "字".repeat(4096))).resolves.toMatchObject({ text: "字".repeat(4096) });
    expect(await refusal(api.sendMessage(CHAT, "字".repeat(4097)))).toEqual({ code: 400, description: "Bad Request: message is too long" });
  });

  it("counts UTF-16 code units: 2,048 emoji fit, 2,049 do not", async () => {
    await api.sendMessage(CHAT, "👍".repeat(2048));
    expect((await refusal(api.sendMessage(CHAT, "👍".repeat(2049)))).description).toBe("Bad Request: message is too long");
  });

  it("counts after entity parsing: HTML tags and entities do not count", async () => {
    // 4,096 visible characters: 4,094 letters and "&lt;" "&gt;" (one each), wrapped in <b>.
    await api.sendMessage(CHAT, `<b>${"a".repeat(4094)}&lt;&gt;</b>`, { parse_mode: "HTML" });
    expect((await refusal(api.sendMessage(CHAT, `<b>${"a".repeat(4095)}&lt;&gt;</b>`, { parse_mode: "HTML" }))).code).toBe(400);
  });

  it("refuses an empty text and an edit to a text too long", async () => {
    expect(await refusal(api.sendMessage(CHAT, "  "))).toEqual({ code: 400, description: "Bad Request: message text is empty" });
    const m = await api.sendMessage(CHAT, "short");
    expect((await refusal(api.editMessageText(CHAT, m.message_id, "x".repeat(4097)))).description).toBe("Bad Request: message is too long");
  });

  it("refuses a caption over 1,024 characters", async () => {
    // A photo the emulator takes (an unknown file id would be refused for that first).
    const r = await refusal(api.sendPhoto(CHAT, new InputFile(await sampleJpeg("caption")), { caption: "图".repeat(1025) }));
    expect(r).toEqual({ code: 400, description: "Bad Request: message caption is too long" });
    expect(checkOutgoing("sendPhoto", { caption: "图".repeat(1024) })).toBeNull();
    expect(checkOutgoing("sendMediaGroup", { media: JSON.stringify([{ type: "photo", media: "x", caption: "c".repeat(1025) }]) })).toBe("message caption is too long");
  });
});

describe("callback data", () => {
  const kb = (data: string) => ({ inline_keyboard: [[{ text: "b", callback_data: data }]] });
  it("takes 64 bytes and refuses 65 (bytes, not characters) with BUTTON_DATA_INVALID", async () => {
    await api.sendMessage(CHAT, "ok", { reply_markup: kb("x".repeat(64)) });
    expect(await refusal(api.sendMessage(CHAT, "no", { reply_markup: kb("x".repeat(65)) }))).toEqual({ code: 400, description: "Bad Request: BUTTON_DATA_INVALID" });
    // 22 Chinese characters are 66 bytes of UTF-8.
    expect((await refusal(api.sendMessage(CHAT, "no", { reply_markup: kb("案".repeat(22)) }))).description).toBe("Bad Request: BUTTON_DATA_INVALID");
    expect((await refusal(api.sendMessage(CHAT, "no", { reply_markup: kb("") }))).description).toBe("Bad Request: BUTTON_DATA_INVALID");
  });
});

describe("flood control on request", () => {
  it("answers the next N sending calls 429 with retry_after, then accepts", async () => {
    emulator.limits.flood(TOKEN, { next: 2, retryAfter: 3 });
    const first = await refusal(api.sendMessage(CHAT, "a"));
    expect(first).toEqual({ code: 429, description: "Too Many Requests: retry after 3", retryAfter: 3 });
    expect((await refusal(api.sendMessage(CHAT, "b"))).code).toBe(429);
    await api.sendMessage(CHAT, "c");
    // Other methods are not flooded, and other bots are not touched.
    emulator.limits.flood(TOKEN, { next: 1 });
    await api.getMe();
    await new Api("222:other", { apiRoot: emulator.config.apiURL }).sendMessage(CHAT, "other bot");
    expect((await refusal(api.sendMessage(CHAT, "d"))).code).toBe(429);
    emulator.limits.clearFlood(TOKEN);
  });

  it("answers a seeded fraction: the same seed floods the same calls", async () => {
    const pattern = async () => {
      emulator.limits.flood(TOKEN, { fraction: 0.2, seed: 42 });
      const out: boolean[] = [];
      for (let i = 0; i < 40; i++) out.push(await api.sendMessage(CHAT, `m${i}`).then(() => true, () => false));
      return out;
    };
    const a = await pattern();
    const b = await pattern();
    expect(a).toEqual(b);
    const refused = a.filter((ok) => !ok).length;
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(40);
    emulator.limits.clearFlood(TOKEN);
  });

  it("is also reachable over HTTP, and records what was accepted with its arrival time", async () => {
    const token = "333:http";
    await fetch(`${emulator.config.apiURL}/emulator/flood`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token, next: 1, retryAfter: 7 }),
    });
    const other = new Api(token, { apiRoot: emulator.config.apiURL });
    expect((await refusal(other.sendMessage(CHAT, "x"))).retryAfter).toBe(7);
    await other.sendMessage(CHAT, "y");
    const res = (await (await fetch(`${emulator.config.apiURL}/emulator/sent?token=${encodeURIComponent(token)}`)).json()) as {
      result: { text: string; at: number }[];
      floods: number;
    };
    expect(res.result.map((r) => r.text)).toEqual(["y"]);
    expect(res.floods).toBe(1);
  });
});

describe("command menus", () => {
  const token = "444:menus";
  const menus = () => new Api(token, { apiRoot: emulator.config.apiURL });
  it("keeps a list per scope and language, and getMyCommands answers exactly that list", async () => {
    const a = menus();
    await a.setMyCommands([{ command: "start", description: "开始" }]);
    await a.setMyCommands([{ command: "start", description: "Start" }], { language_code: "en" });
    await a.setMyCommands([{ command: "overdue", description: "逾期" }], { scope: { type: "chat", chat_id: 77 } });
    expect(await a.getMyCommands()).toEqual([{ command: "start", description: "开始" }]);
    expect(await a.getMyCommands({ language_code: "en" })).toEqual([{ command: "start", description: "Start" }]);
    expect(await a.getMyCommands({ scope: { type: "chat", chat_id: 77 } })).toEqual([{ command: "overdue", description: "逾期" }]);
    expect(await a.getMyCommands({ scope: { type: "all_private_chats" } })).toEqual([]);
  });

  it("shows a private chat the most specific list: chat, then all private chats, then default; language first", async () => {
    const a = menus();
    expect(emulator.limits.commands.shownIn(token, 77, "en")).toEqual([{ command: "overdue", description: "逾期" }]);
    expect(emulator.limits.commands.shownIn(token, 78, "en")).toEqual([{ command: "start", description: "Start" }]);
    expect(emulator.limits.commands.shownIn(token, 78, "zh-hans")).toEqual([{ command: "start", description: "开始" }]);
    await a.setMyCommands([{ command: "new", description: "投诉" }], { scope: { type: "all_private_chats" } });
    expect(emulator.limits.commands.shownIn(token, 78, "zh-hans")).toEqual([{ command: "new", description: "投诉" }]);
    await a.deleteMyCommands({ scope: { type: "all_private_chats" } });
    expect(emulator.limits.commands.shownIn(token, 78, "zh-hans")).toEqual([{ command: "start", description: "开始" }]);
  });

  it("refuses what Telegram refuses: bad command names, empty descriptions, a chat scope without a chat, a language that is not two letters", async () => {
    const a = menus();
    expect((await refusal(a.setMyCommands([{ command: "New", description: "x" }]))).code).toBe(400);
    expect((await refusal(a.setMyCommands([{ command: "new", description: "" }]))).code).toBe(400);
    expect((await refusal(a.setMyCommands([{ command: "n".repeat(33), description: "x" }]))).code).toBe(400);
    expect((await refusal(a.setMyCommands([{ command: "new", description: "x" }], { language_code: "zh-CN" as never }))).code).toBe(400);
    expect((await refusal(a.setMyCommands([{ command: "new", description: "x" }], { scope: { type: "chat" } as never }))).code).toBe(400);
  });
});

describe("updates", () => {
  it("are delivered in the order they happened", async () => {
    const token = "555:order";
    for (let i = 0; i < 30; i++) {
      await fetch(`${emulator.config.apiURL}/sendMessage`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ botToken: token, from: { id: 9, first_name: "u", is_bot: false }, chat: { id: 9, type: "private" }, date: 0, text: `m${i}` }),
      });
    }
    const updates = await new Api(token, { apiRoot: emulator.config.apiURL }).getUpdates();
    expect(updates.map((u) => u.message?.text)).toEqual(Array.from({ length: 30 }, (_, i) => `m${i}`));
    const ids = updates.map((u) => u.update_id);
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
  });
});
