import { createServer, type ServerResponse, type Server } from "node:http";
import { freePort } from "./env.js";

/**
 * What the fake answers one chat's next sendMessage: "ok"; "500" (a passing server error);
 * "429:<s>" (flood wait, retry_after s); "400" / "403" (permanent refusals: a bad message, a user who blocked the bot); "deliver-500" (the message
 * reaches the chat but the answer is lost, as when the sender dies mid-call); "hang" (the message
 * reaches the chat and no answer ever comes).
 */
export type Answer = "ok" | "500" | `429:${number}` | "400" | "403" | "deliver-500" | "hang";

/**
 * A stand-in for Telegram's Bot API where a test needs answers the emulator cannot give (a user who
 * blocked the bot, a passing server error, flood waits). Telegram is the one edge these tests may not reach.
 * `script[chatId]` is consumed one answer per request; when empty the chat is answered "ok".
 */
export async function startFakeBotApi(opts: { blocked?: number[]; failOnceFor?: number[] } = {}) {
  const sent: { chatId: number; text: string }[] = [];
  /** Every sendMessage request, answered or not, in arrival order. */
  const requests: { chatId: number; answer: Answer }[] = [];
  const script: Record<number, Answer[]> = {};
  for (const id of opts.failOnceFor ?? []) script[id] = ["500"];
  const hanging: ServerResponse[] = [];
  const photos = { count: 0 };
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const method = req.url?.split("/").pop();
      const reply = (status: number, payload: object) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(payload));
      };
      // A photo (the digest's chart) comes as multipart: its chat's script applies to it as well
      // (a user who blocked the bot refuses photos too); one answered is counted.
      if (method === "sendPhoto") {
        const chatId = Number(/name="?chat_id"?\r\n\r\n(-?\d+)/.exec(body)?.[1]);
        const answer = opts.blocked?.includes(chatId) ? "403" : (script[chatId]?.shift() ?? "ok");
        if (answer === "403") return reply(403, { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" });
        return reply(200, { ok: true, result: { message_id: 1_000_000 + ++photos.count, date: 0, chat: { id: chatId, type: "private" } } });
      }
      if (method !== "sendMessage") return reply(200, { ok: true, result: true });
      const params = body ? JSON.parse(body) : {};
      const chatId = Number(params.chat_id);
      const answer: Answer = opts.blocked?.includes(chatId) ? "403" : (script[chatId]?.shift() ?? "ok");
      requests.push({ chatId, answer });
      if (answer === "403") {
        return reply(403, { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" });
      }
      if (answer === "500") return reply(500, { ok: false, error_code: 500, description: "Internal Server Error" });
      if (answer === "400") return reply(400, { ok: false, error_code: 400, description: "Bad Request: message is too long" });
      if (answer.startsWith("429:")) {
        const s = Number(answer.slice(4));
        return reply(429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${s}`, parameters: { retry_after: s } });
      }
      sent.push({ chatId, text: params.text });
      if (answer === "deliver-500") return reply(500, { ok: false, error_code: 500, description: "Internal Server Error" });
      if (answer === "hang") return void hanging.push(res);
      reply(200, { ok: true, result: { message_id: sent.length, date: 0, chat: { id: chatId, type: "private" }, text: params.text } });
    });
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    sent,
    requests,
    /** How many sendPhoto calls arrived. */
    photos,
    script,
    /** How many messages reached each chat. */
    perChat: () => sent.reduce<Record<number, number>>((acc, m) => ({ ...acc, [m.chatId]: (acc[m.chatId] ?? 0) + 1 }), {}),
    stop: () =>
      new Promise<void>((r) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
