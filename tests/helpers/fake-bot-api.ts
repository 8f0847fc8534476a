import { createServer, type Server } from "node:http";
import { freePort } from "./env.js";

/**
 * A stand-in for Telegram's Bot API where a test needs answers the emulator cannot give (a user who
 * blocked the bot, a passing server error). Telegram is the one edge these tests may not reach.
 */
export async function startFakeBotApi(opts: { blocked?: number[]; failOnceFor?: number[] } = {}) {
  const sent: { chatId: number; text: string }[] = [];
  const failOnce = new Set(opts.failOnceFor ?? []);
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const method = req.url?.split("/").pop();
      const params = body ? JSON.parse(body) : {};
      const reply = (status: number, payload: object) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(payload));
      };
      if (method !== "sendMessage") return reply(200, { ok: true, result: true });
      const chatId = Number(params.chat_id);
      if (opts.blocked?.includes(chatId)) {
        return reply(403, { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" });
      }
      if (failOnce.delete(chatId)) return reply(500, { ok: false, error_code: 500, description: "Internal Server Error" });
      sent.push({ chatId, text: params.text });
      reply(200, { ok: true, result: { message_id: sent.length, date: 0, chat: { id: chatId, type: "private" }, text: params.text } });
    });
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    sent,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
