import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, GrammyError, InlineKeyboard } from "grammy";
import { startEmulator, type EmulatorServer } from "../../src/telegram/emulator.js";
import { EmulatorUser } from "../../src/telegram/emulator-client.js";
import { freePort } from "../helpers/env.js";

// What the live cards rely on, as Telegram answers it (Bot API: editMessageText, editMessageReplyMarkup):
// the edited Message back; 400 "message is not modified" for an edit that changes nothing; 400
// "message to edit not found" for a message the bot does not have in that chat; no reply_markup
// removes the inline keyboard.
let emulator: EmulatorServer;
let api: Api;
let other: Api;
let user: EmulatorUser;
const CHAT = 4242;

beforeAll(async () => {
  emulator = await startEmulator(await freePort());
  api = new Api("1111:aaaa", { apiRoot: emulator.config.apiURL });
  other = new Api("2222:bbbb", { apiRoot: emulator.config.apiURL });
  user = new EmulatorUser(emulator.config.apiURL, "1111:aaaa", CHAT);
});
afterAll(async () => {
  await emulator?.stop();
});

async function refusal(p: Promise<unknown>): Promise<{ code: number; description: string }> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GrammyError);
  return { code: (err as GrammyError).error_code, description: (err as GrammyError).description };
}

describe("the emulator edits messages as Telegram does", () => {
  it("edits text and keyboard in place and answers with the message", async () => {
    const sent = await api.sendMessage(CHAT, "状态：已分派", { reply_markup: new InlineKeyboard().text("签收", "s:acc:1") });
    const edited = await api.editMessageText(CHAT, sent.message_id, "状态：办理中", { reply_markup: new InlineKeyboard().text("询问群众", "s:ask:1") });
    expect(edited).toMatchObject({ message_id: sent.message_id, text: "状态：办理中" });
    expect(await user.current(sent.message_id)).toEqual({ messageId: sent.message_id, text: "状态：办理中", buttons: [[{ text: "询问群众", data: "s:ask:1" }]] });
  });

  it("removes the keyboard when an edit leaves reply_markup out", async () => {
    const sent = await api.sendMessage(CHAT, "卡片", { reply_markup: new InlineKeyboard().text("签收", "s:acc:2") });
    await api.editMessageText(CHAT, sent.message_id, "卡片（已办结）");
    expect((await user.current(sent.message_id))?.buttons).toEqual([]);
    const prompt = await api.sendMessage(CHAT, "满意吗？", { reply_markup: new InlineKeyboard().text("满意", "r:y:1") });
    await api.editMessageReplyMarkup(CHAT, prompt.message_id);
    expect(await user.current(prompt.message_id)).toMatchObject({ text: "满意吗？", buttons: [] });
  });

  it("answers 400 'message is not modified' to an edit that changes nothing", async () => {
    const kb = new InlineKeyboard().text("签收", "s:acc:3");
    const sent = await api.sendMessage(CHAT, "同一张卡片", { reply_markup: kb });
    const r = await refusal(api.editMessageText(CHAT, sent.message_id, "同一张卡片", { reply_markup: kb }));
    expect(r.code).toBe(400);
    expect(r.description).toMatch(/^Bad Request: message is not modified/);
    const plain = await api.sendMessage(CHAT, "没有按钮");
    expect((await refusal(api.editMessageReplyMarkup(CHAT, plain.message_id))).description).toMatch(/message is not modified/);
  });

  it("answers 400 'message to edit not found' for an unknown message, another chat's, or another bot's", async () => {
    const sent = await api.sendMessage(CHAT, "原卡片");
    for (const attempt of [
      api.editMessageText(CHAT, 999_999, "x"),
      api.editMessageText(CHAT + 1, sent.message_id, "x"),
      other.editMessageText(CHAT, sent.message_id, "x"),
      api.editMessageReplyMarkup(CHAT, 999_999, { reply_markup: new InlineKeyboard().text("a", "b") }),
    ]) {
      expect(await refusal(attempt)).toEqual({ code: 400, description: "Bad Request: message to edit not found" });
    }
    expect((await user.current(sent.message_id))?.text).toBe("原卡片");
  });

  it("refuses an empty text", async () => {
    const sent = await api.sendMessage(CHAT, "卡片");
    expect((await refusal(api.editMessageText(CHAT, sent.message_id, " "))).description).toBe("Bad Request: message text is empty");
  });
});
