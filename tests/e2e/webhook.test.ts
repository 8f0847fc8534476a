import { connect } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import { startStack, type Stack } from "../helpers/stack.js";
import { freePort } from "../helpers/env.js";
import { waitFor } from "../helpers/wait.js";
import { closeHttpServer, createHttpServer } from "../../http/server.js";

// Webhook mode (issue 7, "Webhooks"): two HTTP servers, as behind a load balancer, fill one inbox
// that two bots runners handle; Telegram is played by the test.
const SECRET = "s3cret-s3cret-s3cret-s3cret-s3cret-42";
let stack: Stack;
const servers: { server: Server; url: string }[] = [];

beforeAll(async () => {
  stack = await startStack({ env: { WEBHOOK_URL: "https://minsheng.example", WEBHOOK_SECRET: SECRET }, bots: { poll: false } });
  await stack.startBots({ poll: false });
  for (let i = 0; i < 2; i++) {
    const server = createHttpServer(stack.core, { webhooks: true });
    const port = await freePort();
    await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
    servers.push({ server, url: `http://127.0.0.1:${port}` });
  }
});
afterAll(async () => {
  for (const s of servers) await closeHttpServer(s.server, 100);
  await stack?.stop();
});

let nextId = 900_000;
const person = (id: number) => ({ id, is_bot: false, first_name: `User${id}`, language_code: "zh-hans" });
function message(userId: number, text: string): Update {
  const entities = text.startsWith("/") ? [{ type: "bot_command" as const, offset: 0, length: text.split(" ")[0].length }] : undefined;
  return {
    update_id: nextId++,
    message: { message_id: nextId, date: Math.floor(Date.now() / 1000), chat: { id: userId, type: "private", first_name: `User${userId}` }, from: person(userId), text, entities },
  } as Update;
}
function press(userId: number, messageId: number, data: string): Update {
  return {
    update_id: nextId++,
    callback_query: {
      id: String(nextId),
      from: person(userId),
      chat_instance: "1",
      data,
      message: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: { id: userId, type: "private", first_name: "x" } },
    },
  } as Update;
}
function post(body: string, opts: { secret?: string; server?: number; bot?: string } = {}) {
  return fetch(`${servers[opts.server ?? 0].url}/telegram/${opts.bot ?? "citizen"}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(opts.secret === undefined ? {} : { "x-telegram-bot-api-secret-token": opts.secret }) },
    body,
  });
}

/** Sends raw bytes and returns the status line of the answer (or the error that ended the socket first). */
function rawRequest(head: string, body: (write: (b: Buffer) => boolean) => void): Promise<string> {
  const { port } = new URL(servers[0].url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), "127.0.0.1", () => {
      socket.write(head);
      body((b) => socket.write(b));
    });
    let data = "";
    socket.on("data", (d) => {
      data += d.toString();
      if (data.includes("\r\n")) {
        resolve(data.split("\r\n")[0]);
        socket.destroy();
      }
    });
    socket.on("error", (err) => resolve(data.split("\r\n")[0] || `error ${err.message}`));
    socket.on("close", () => resolve(data.split("\r\n")[0] || "closed"));
  });
}

describe("webhooks", () => {
  it("refuses a missing or wrong secret with 401", async () => {
    const good = JSON.stringify(message(71001, "/start"));
    expect((await post(good)).status).toBe(401);
    expect((await post(good, { secret: "wrong" })).status).toBe(401);
    expect((await post(good, { secret: SECRET.slice(0, -1) + "x" })).status).toBe(401);
    expect(await stack.core.inbox.unhandled()).toBe(0);
  });

  it("refuses bodies over 1 MB without reading them (413), and malformed ones with 400", async () => {
    const head = (extra: string) =>
      `POST /telegram/citizen HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\nx-telegram-bot-api-secret-token: ${SECRET}\r\n${extra}\r\n`;
    // Declared 2 MB, and only 10 bytes sent: answered without waiting for the rest.
    expect(await rawRequest(head("Content-Length: 2097152\r\n"), (w) => w(Buffer.from('{"update_id'))) ).toBe("HTTP/1.1 413 Payload Too Large");
    // Streamed (chunked) past 1 MB: cut off once the limit is passed.
    const chunk = Buffer.alloc(64 * 1024, "a");
    const streamed = await rawRequest(head("Transfer-Encoding: chunked\r\n"), (w) => {
      for (let i = 0; i < 32; i++) w(Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]));
    });
    expect(streamed).toBe("HTTP/1.1 413 Payload Too Large");

    expect((await post("{not json", { secret: SECRET })).status).toBe(400);
    expect((await post('{"message":{}}', { secret: SECRET })).status).toBe(400);
    expect((await post("[1,2]", { secret: SECRET })).status).toBe(400);
    expect(await stack.core.inbox.unhandled()).toBe(0);
  });

  it("stores a good update, answers 200 at once and handles it from the inbox", async () => {
    const citizen = stack.citizen(71002);
    const update = message(citizen.userId, "/start");
    const res = await post(JSON.stringify(update), { secret: SECRET });
    expect(res.status).toBe(200);
    await citizen.expect(/隐私说明/);
    // Telegram delivering it again (e.g. after a timeout) is not handled twice.
    expect((await post(JSON.stringify(update), { secret: SECRET, server: 1 })).status).toBe(200);
    await waitFor("the inbox empty", async () => (await stack.core.inbox.unhandled()) === 0);
    expect((await citizen.unread(400)).length).toBe(0);
  });

  it("keeps a chat's order across two servers and two runners", async () => {
    const citizen = stack.citizen(71003);
    expect((await post(JSON.stringify(message(citizen.userId, "/start")), { secret: SECRET })).status).toBe(200);
    const notice = await citizen.expect(/隐私说明/);
    expect((await post(JSON.stringify(press(citizen.userId, notice.messageId, "consent")), { secret: SECRET, server: 1 })).status).toBe(200);
    await citizen.expect(/已记录您的同意/);

    // A burst, alternating servers, without waiting for any answer.
    const burst = ["/new", "楼下餐馆的油烟直接排到居民窗户里，已经半年了。", "光明街 20 号", "/mycases"];
    for (const [i, text] of burst.entries()) {
      expect((await post(JSON.stringify(message(citizen.userId, text)), { secret: SECRET, server: i % 2 })).status).toBe(200);
    }
    await citizen.expect(/第 1 步/);
    await citizen.expect(/第 2 步/);
    await citizen.expect(/第 3 步/);
    await citizen.expect(/您还没有提交过事项/);
    expect(citizen.received.filter((m) => /太短了|请用文字|系统出了点问题/.test(m.text))).toEqual([]);
  });
});
