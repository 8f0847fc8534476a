import { createHash, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import type { HttpBindings } from "@hono/node-server";
import type { Logger } from "../src/logger.js";
import type { BotName, UpdateInbox } from "../src/inbox/update-inbox.js";
import { chatOf, isUpdate } from "../src/inbox/chat-of.js";

/** Telegram's updates are small; anything over this is refused unread. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

/** Constant-time comparison (digests first, so unequal lengths take the same time too). */
export function secretMatches(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== "string") return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(secret).digest();
  return timingSafeEqual(a, b);
}

type Ctx = Context<{ Bindings: HttpBindings }>;

const text = (status: number, body: string, close = false) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", ...(close ? { connection: "close" } : {}) } });

/** Refuses the rest of a body we will not read: answer, then drop the connection rather than drain it. */
function refuse(c: Ctx, status: number, body: string): Response {
  const { outgoing, incoming } = c.env ?? {};
  outgoing?.once("finish", () => incoming.socket.destroy());
  return text(status, body, true);
}

/** Reads at most `maxBytes` of the body; null when it is longer (the rest stays unread). */
async function readLimited(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Buffer | null> {
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.length;
    if (size > maxBytes) {
      void reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
}

/**
 * A bot's webhook endpoint: checks the secret Telegram sends back (401 otherwise), refuses bodies
 * over 1 MB without reading them (413) and malformed ones (400: Telegram does not retry a 4xx
 * forever), stores the update in the inbox and answers 200 at once. Handling happens from the
 * inbox, in whichever process gets the chat's lock. A store that fails answers 503 (the app's
 * error handler), so Telegram delivers the update again.
 */
export function createWebhookReceiver(deps: { inbox: UpdateInbox; secret: string; logger: Logger; maxBytes?: number }) {
  const { inbox, secret, logger } = deps;
  const maxBytes = deps.maxBytes ?? MAX_WEBHOOK_BYTES;

  return async function receive(bot: BotName, c: Ctx): Promise<Response> {
    if (!secretMatches(c.req.header("x-telegram-bot-api-secret-token"), secret)) {
      logger.warn({ bot }, "webhook call without the right secret refused");
      return refuse(c, 401, "unauthorized");
    }
    const declared = Number(c.req.header("content-length"));
    if (Number.isFinite(declared) && declared > maxBytes) return refuse(c, 413, "body too large");
    const body = await readLimited(c.req.raw.body, maxBytes);
    if (body === null) return refuse(c, 413, "body too large");
    let update: unknown;
    try {
      update = JSON.parse(body.toString("utf8"));
    } catch {
      return text(400, "malformed JSON");
    }
    if (!isUpdate(update)) return text(400, "not a Telegram update");
    await inbox.store(bot, [{ updateId: update.update_id, chatId: chatOf(update), payload: update }]);
    return text(200, "");
  };
}
