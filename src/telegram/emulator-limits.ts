import type { IncomingMessage, ServerResponse } from "node:http";
import { mulberry32 } from "../util/prng.js";
import { CALLBACK_DATA_BYTES, CAPTION_LIMIT, TEXT_LIMIT, callbackDataBytes, parsedText } from "./telegram-text.js";
import { createEmulatorCommands, type EmulatorCommands } from "./emulator-commands.js";

/** The slice of an Express request and app that this module uses (telegram-test-api is an Express 4 app). */
type Body = Record<string, unknown>;
export type Req = IncomingMessage & { body?: Body; path: string };
export type Res = ServerResponse & { json(body: unknown): void; status(code: number): Res };
type Next = () => void;
export type ExpressLike = { use(fn: (req: Req, res: Res, next: Next) => void): void };

/** Methods that send or change a message: what Telegram's flood control counts, and what is recorded. */
const SENDING = /^(send(Message|Photo|Document|Video|Audio|Voice|Animation|MediaGroup|Sticker|Location|Contact)|edit(MessageText|MessageCaption|MessageReplyMarkup|MessageMedia)|copyMessage|forwardMessage)$/;
const CAPTIONED = /^(send(Photo|Document|Video|Audio|Voice|Animation)|editMessageCaption|copyMessage)$/;

const SENT_KEPT = 20_000;

/** One message the emulator accepted: which bot, method and chat, and when the call arrived. */
export type SentRecord = { method: string; chatId: string; at: number; text?: string };

export type FloodOptions = {
  /** Answer this fraction of the bot's sending calls with 429 (drawn from a PRNG seeded with `seed`). */
  fraction?: number;
  /** Answer the next `next` sending calls with 429. */
  next?: number;
  retryAfter?: number;
  seed?: number;
};
type Flood = { fraction: number; next: number; retryAfter: number; random: () => number; answered: number };

export type EmulatorLimits = {
  /** Makes the bot's sending calls meet 429 Too Many Requests (replaces what was set for it). */
  flood(token: string, opts: FloodOptions): void;
  clearFlood(token?: string): void;
  /** 429s answered so far to the bot. */
  floods(token: string): number;
  /** Every message the bot had accepted, in arrival order (text included for sendMessage/editMessageText). */
  sent(token: string): SentRecord[];
  commands: EmulatorCommands;
};

const bad = (res: Res, description: string) => res.status(400).json({ ok: false, error_code: 400, description: `Bad Request: ${description}` });

const parse = <T>(v: unknown): T | undefined => {
  if (typeof v !== "string") return v as T | undefined;
  try {
    return JSON.parse(v) as T;
  } catch {
    return undefined;
  }
};

type Keyboard = { inline_keyboard?: { callback_data?: unknown }[][] };

/** What Telegram refuses in a call's payload, as its error description; null when it is acceptable. */
export function checkOutgoing(method: string, body: Body): string | null {
  const mode = typeof body.parse_mode === "string" ? body.parse_mode : undefined;
  if (method === "sendMessage" || method === "editMessageText") {
    const text = typeof body.text === "string" ? parsedText(body.text, mode) : "";
    if (text.trim().length === 0) return "message text is empty";
    if (text.length > TEXT_LIMIT) return "message is too long";
  }
  if (CAPTIONED.test(method) && typeof body.caption === "string" && parsedText(body.caption, mode).length > CAPTION_LIMIT) {
    return "message caption is too long";
  }
  if (method === "sendMediaGroup") {
    const media = parse<{ caption?: unknown; parse_mode?: string }[]>(body.media) ?? [];
    if (media.some((m) => typeof m.caption === "string" && parsedText(m.caption, m.parse_mode).length > CAPTION_LIMIT)) return "message caption is too long";
  }
  const markup = parse<Keyboard>(body.reply_markup);
  for (const row of markup?.inline_keyboard ?? []) {
    for (const button of row) {
      if (button.callback_data === undefined) continue;
      const data = String(button.callback_data);
      if (data.length === 0 || callbackDataBytes(data) > CALLBACK_DATA_BYTES) return "BUTTON_DATA_INVALID";
    }
  }
  return null;
}

/**
 * Telegram's rules the emulator (telegram-test-api) does not keep, installed in front of its
 * routes: size limits (400), flood control on request (429 with retry_after), command menus, and a
 * record of every accepted message with its arrival time (how tests measure the product's pacing).
 * Control endpoints for tests and `npm run chat`: POST /emulator/flood {token, fraction?, next?,
 * retryAfter?, seed?}, GET /emulator/sent?token=…
 */
export function installEmulatorLimits(app: ExpressLike): EmulatorLimits {
  const floods = new Map<string, Flood>();
  const answered = new Map<string, number>();
  const sent = new Map<string, SentRecord[]>();
  const commands = createEmulatorCommands();

  const limits: EmulatorLimits = {
    flood(token, o) {
      floods.set(token, {
        fraction: o.fraction ?? 0,
        next: o.next ?? 0,
        retryAfter: o.retryAfter ?? 1,
        random: mulberry32(o.seed ?? 1),
        answered: 0,
      });
    },
    clearFlood(token) {
      if (token) floods.delete(token);
      else floods.clear();
    },
    floods: (token) => answered.get(token) ?? 0,
    sent: (token) => [...(sent.get(token) ?? [])],
    commands,
  };

  /** True when this call is to be answered 429 (a chosen next-N, or the seeded fraction). */
  function flooded(token: string): Flood | null {
    const f = floods.get(token);
    if (!f) return null;
    if (f.next > 0) {
      f.next--;
      return f;
    }
    return f.fraction > 0 && f.random() < f.fraction ? f : null;
  }

  app.use((req, res, next) => {
    if (req.path === "/emulator/flood" && req.method === "POST") {
      const b = req.body ?? {};
      limits.flood(String(b.token), b as FloodOptions);
      return res.json({ ok: true });
    }
    if (req.path === "/emulator/sent" && req.method === "GET") {
      const token = new URL(req.url ?? "/", "http://x").searchParams.get("token") ?? "";
      return res.json({ ok: true, result: limits.sent(token), floods: limits.floods(token) });
    }
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.path);
    if (!m) return next();
    const [, token, method] = m;
    const body = req.body ?? {};
    if (commands.handles(method)) return commands.handle(token, method, body, res);
    if (!SENDING.test(method)) return next();
    const arrived = Date.now();
    const f = flooded(token);
    if (f) {
      answered.set(token, (answered.get(token) ?? 0) + 1);
      return res.status(429).json({
        ok: false,
        error_code: 429,
        description: `Too Many Requests: retry after ${f.retryAfter}`,
        parameters: { retry_after: f.retryAfter },
      });
    }
    const refused = checkOutgoing(method, body);
    if (refused) return bad(res, refused);
    res.once("finish", () => {
      if (res.statusCode !== 200) return;
      const list = sent.get(token) ?? [];
      if (!sent.has(token)) sent.set(token, list);
      // Bounded, so a long-running `npm start` does not grow without end.
      if (list.length >= SENT_KEPT) list.splice(0, list.length - SENT_KEPT + 1);
      list.push({ method, chatId: String(body.chat_id ?? ""), at: arrived, ...(typeof body.text === "string" ? { text: body.text } : {}) });
    });
    next();
  });
  return limits;
}
