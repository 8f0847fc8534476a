import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
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

function answer(res: ServerResponse, status: number, body: string, close = false): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...(close ? { connection: "close" } : {}) });
  res.end(body);
}

/** Refuses the rest of a body we will not read: answer, then drop the connection rather than drain it. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, body: string): void {
  answer(res, status, body, true);
  res.once("finish", () => req.socket.destroy());
}

/**
 * A bot's webhook endpoint: checks the secret Telegram sends back (401 otherwise), refuses bodies
 * over 1 MB without reading them (413) and malformed ones (400: Telegram does not retry a 4xx
 * forever), stores the update in the inbox and answers 200 at once. Handling happens from the
 * inbox, in whichever process gets the chat's lock. A store that fails answers 503, so Telegram
 * delivers the update again.
 */
export function createWebhookReceiver(deps: { inbox: UpdateInbox; secret: string; logger: Logger; maxBytes?: number }) {
  const { inbox, secret, logger } = deps;
  const maxBytes = deps.maxBytes ?? MAX_WEBHOOK_BYTES;

  function readBody(req: IncomingMessage): Promise<Buffer | null> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          req.pause();
          return resolve(null);
        }
        chunks.push(chunk);
      });
      req.once("end", () => resolve(Buffer.concat(chunks)));
      req.once("error", reject);
    });
  }

  return async function receive(bot: BotName, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!secretMatches(req.headers["x-telegram-bot-api-secret-token"], secret)) {
      logger.warn({ bot }, "webhook call without the right secret refused");
      return refuse(req, res, 401, "unauthorized");
    }
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > maxBytes) return refuse(req, res, 413, "body too large");
    const body = await readBody(req);
    if (body === null) return refuse(req, res, 413, "body too large");
    let update: unknown;
    try {
      update = JSON.parse(body.toString("utf8"));
    } catch {
      return answer(res, 400, "malformed JSON");
    }
    if (!isUpdate(update)) return answer(res, 400, "not a Telegram update");
    await inbox.store(bot, [{ updateId: update.update_id, chatId: chatOf(update), payload: update }]);
    answer(res, 200, "");
  };
}
