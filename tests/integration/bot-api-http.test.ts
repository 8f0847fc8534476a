import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { Api, HttpError, InputFile } from "grammy";
import { botApiFetch, createBotApiFetch } from "../../src/telegram/http.js";

// The Bot API's HTTP client (src/telegram/http.ts): grammY's calls over node:http, against a real
// HTTP server on loopback that records what arrived.

type Seen = { method: string; url: string; contentType: string; body: Buffer };

let server: Server;
let root: string;
const seen: Seen[] = [];
/** Requests the server holds without answering (a Telegram that hangs), and how many of them the client dropped. */
const held: (() => void)[] = [];
let dropped = 0;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (d: Buffer) => chunks.push(d));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method ?? "", url: req.url ?? "", contentType: String(req.headers["content-type"] ?? ""), body });
      const reply = (status: number, json: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(json));
      };
      if (req.url?.endsWith("/getMe")) {
        res.once("close", () => {
          if (!res.writableEnded) dropped++;
        });
        return held.push(() => reply(200, { ok: true, result: {} }));
      }
      if (req.url?.endsWith("/close")) {
        // Not Telegram answering: a proxy's error page.
        res.writeHead(502, { "content-type": "text/html" });
        return res.end("<html>Bad Gateway</html>");
      }
      if (req.url?.endsWith("/logOut")) return reply(200, null);
      if (req.url?.endsWith("/sendPhoto")) return reply(200, { ok: true, result: { message_id: 7, date: 1, chat: { id: 5, type: "private" } } });
      if (req.url?.endsWith("/sendMessage")) {
        const p = JSON.parse(body.toString("utf8")) as { chat_id: number; text: string };
        if (p.chat_id === 429) return reply(429, { ok: false, error_code: 429, description: "Too Many Requests: retry after 3", parameters: { retry_after: 3 } });
        return reply(200, { ok: true, result: { message_id: 1, date: 1, chat: { id: p.chat_id, type: "private" }, text: p.text } });
      }
      reply(404, { ok: false, error_code: 404, description: "Not Found" });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  root = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  for (const answer of held.splice(0)) answer();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const api = (opts: { timeoutSeconds?: number; apiRoot?: string } = {}) => new Api("123:abc", { apiRoot: opts.apiRoot ?? root, fetch: botApiFetch, timeoutSeconds: opts.timeoutSeconds });

describe("the Bot API client", () => {
  it("sends a call's JSON and returns Telegram's result", async () => {
    const m = await api().sendMessage(42, "您的案件已受理：2026-000123", { reply_markup: { inline_keyboard: [[{ text: "满意", callback_data: "s:1" }]] } });
    expect(m.message_id).toBe(1);
    expect(m.text).toBe("您的案件已受理：2026-000123");
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ method: "POST", url: "/bot123:abc/sendMessage", contentType: "application/json" });
    expect(JSON.parse(last.body.toString("utf8"))).toMatchObject({ chat_id: 42, reply_markup: { inline_keyboard: [[{ text: "满意" }]] } });
  });

  it("uploads a file as multipart form data, bytes intact", async () => {
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
    const m = await api().sendPhoto(42, new InputFile(bytes, "scene.jpg"), { caption: "现场照片" });
    expect(m.message_id).toBe(7);
    const last = seen.at(-1)!;
    expect(last.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(last.body.includes(bytes)).toBe(true);
    expect(last.body.toString("utf8")).toContain("现场照片");
  });

  it("hands Telegram's refusals (429 with retry_after) to grammY as they came", async () => {
    const err = await api()
      .sendMessage(429, "x")
      .then(() => null, (e: unknown) => e);
    expect(err).toMatchObject({ error_code: 429, parameters: { retry_after: 3 } });
  });

  it("gives up on a call Telegram does not answer, after the timeout, as an HttpError", async () => {
    const t0 = Date.now();
    const err = await api({ timeoutSeconds: 1 })
      .getMe()
      .then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    // The call was aborted, not left hanging on its connection: the server sees the client go.
    await expect.poll(() => dropped, { timeout: 5000 }).toBe(1);
    const m = await api().sendMessage(43, "after the timeout");
    expect(m.chat.id).toBe(43);
  });

  it("reports a Bot API it cannot reach as an HttpError (a network failure, retried by the jobs)", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const err = await api({ apiRoot: `http://127.0.0.1:${port}` })
      .sendMessage(1, "x")
      .then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(String((err as HttpError).error)).toMatch(/ECONNREFUSED/);
  });

  it("tells its counter of each call that went out, by method and result (for /metrics)", async () => {
    const calls: string[] = [];
    const counted = (opts: { timeoutSeconds?: number; apiRoot?: string } = {}) =>
      new Api("123:abc", { apiRoot: opts.apiRoot ?? root, fetch: createBotApiFetch((method, result) => calls.push(`${method} ${result}`)), timeoutSeconds: opts.timeoutSeconds });
    await counted().sendMessage(42, "x");
    await counted().sendMessage(429, "x").catch(() => undefined);
    await counted().deleteMessage(42, 1).catch(() => undefined);
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await counted({ apiRoot: `http://127.0.0.1:${port}` }).sendMessage(1, "x").catch(() => undefined);
    await counted({ timeoutSeconds: 1 }).getMe().catch(() => undefined);
    await counted().close().catch(() => undefined);
    await counted().logOut().catch(() => undefined);
    expect(calls).toEqual(["sendMessage ok", "sendMessage 429", "deleteMessage 404", "sendMessage network", "getMe network", "close network", "logOut network"]);
  });
});
