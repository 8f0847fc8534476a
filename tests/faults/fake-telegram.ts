import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { EventEmitter } from "node:events";
import type { AddressInfo } from "node:net";
import { EMULATOR_TOKENS } from "../../src/config.js";

/**
 * A fake Telegram Bot API for the fault suite, in the harness's process: it queues what simulated
 * people send (getUpdates with Telegram's offset rules, or webhook POSTs with the secret the bot
 * registered), records every message each chat receives, and can misbehave on request (429 with
 * retry_after, an update delivered twice, 409 for a second long-poller).
 */
export type BotName = "citizen" | "staff";
export type Button = { text: string; data: string };
export type OutMessage = { bot: BotName; chatId: number; messageId: number; text: string; buttons: Button[][]; at: number };
export type Call = { bot: BotName; method: string; chatId?: number; text?: string; receivedAt: number; answeredAt?: number; status?: number };

type Update = { update_id: number; [k: string]: unknown };
type Pending = { update: Update; redeliver?: boolean; forceOnce?: boolean };
type HeldPoll = { res: ServerResponse; timer: NodeJS.Timeout; offset: number; limit: number };
type Fault429 = { bot: BotName; method: string; match: (params: Record<string, unknown>) => boolean; retryAfter: number; times: number; onServe?: () => void };

const BOT_IDS: Record<BotName, number> = { citizen: 1000001, staff: 1000002 };
const USERNAMES: Record<BotName, string> = { citizen: "minsheng_citizen_bot", staff: "minsheng_staff_bot" };

function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const type = req.headers["content-type"] ?? "";
      const query = Object.fromEntries(new URL(req.url ?? "/", "http://x").searchParams);
      try {
        if (type.includes("json") && raw) return resolve({ ...query, ...JSON.parse(raw) });
        if (type.includes("urlencoded")) return resolve({ ...query, ...Object.fromEntries(new URLSearchParams(raw)) });
      } catch {
        /* fall through: treat as empty */
      }
      resolve(query);
    });
  });
}

function buttonsOf(markup: unknown): Button[][] {
  const m = (typeof markup === "string" ? JSON.parse(markup) : markup) as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined;
  return (m?.inline_keyboard ?? []).map((row) => row.map((b) => ({ text: b.text, data: b.callback_data ?? "" })));
}

export function createFakeTelegram() {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const botOf = new Map<string, BotName>([
    [EMULATOR_TOKENS.citizen, "citizen"],
    [EMULATOR_TOKENS.staff, "staff"],
  ]);
  const state = Object.fromEntries(
    (["citizen", "staff"] as BotName[]).map((b) => [
      b,
      {
        nextUpdateId: 1,
        pending: [] as Pending[],
        held: undefined as HeldPoll | undefined,
        webhook: undefined as { url: string; secret?: string } | undefined,
        /** Where webhook POSTs really go (the registered URL is a public one nobody can reach from here). */
        targets: [] as string[],
        nextTarget: 0,
        chatQueues: new Map<number, Promise<void>>(),
      },
    ]),
  ) as Record<BotName, {
    nextUpdateId: number; pending: Pending[]; held?: HeldPoll; webhook?: { url: string; secret?: string };
    targets: string[]; nextTarget: number; chatQueues: Map<number, Promise<void>>;
  }>;
  const messages: OutMessage[] = [];
  const calls: Call[] = [];
  /** Every update a simulated person sent, in order. */
  const updates: { bot: BotName; chatId: number; updateId: number; at: number; input: string }[] = [];
  const nextMessageId = new Map<string, number>();
  const faults: Fault429[] = [];
  const stats = { conflicts409: 0, served429: 0, webhookRetries: 0, webhookFailures: 0, unknownMethods: new Set<string>() };
  let server: Server;

  const msgId = (bot: BotName, chatId: number) => {
    const key = `${bot}:${chatId}`;
    const id = (nextMessageId.get(key) ?? 0) + 1;
    nextMessageId.set(key, id);
    return id;
  };

  function send(res: ServerResponse, status: number, body: unknown): void {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }

  function takeBatch(bot: BotName, offset: number, limit: number): Update[] {
    const s = state[bot];
    // Telegram forgets every update below the offset the poller confirms.
    s.pending = s.pending.filter((p) => {
      if (p.update.update_id >= offset) return true;
      if (p.redeliver) {
        p.redeliver = false;
        p.forceOnce = true;
        return true;
      }
      return false;
    });
    const batch = s.pending.filter((p) => p.update.update_id >= offset || p.forceOnce).slice(0, limit);
    for (const p of batch) p.forceOnce = false;
    if (batch.length) events.emit("batch", bot, batch.map((p) => p.update));
    return batch.map((p) => p.update);
  }

  function wakePoller(bot: BotName): void {
    const held = state[bot].held;
    if (!held) return;
    const batch = takeBatch(bot, held.offset, held.limit);
    if (!batch.length) return;
    clearTimeout(held.timer);
    state[bot].held = undefined;
    send(held.res, 200, { ok: true, result: batch });
  }

  function getUpdates(bot: BotName, p: Record<string, unknown>, res: ServerResponse): void {
    const s = state[bot];
    if (s.webhook) {
      return send(res, 409, { ok: false, error_code: 409, description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first" });
    }
    if (s.held) {
      // Telegram allows one long-poller per bot: the older request is terminated.
      clearTimeout(s.held.timer);
      stats.conflicts409++;
      send(s.held.res, 409, { ok: false, error_code: 409, description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running" });
      s.held = undefined;
    }
    const offset = Number(p.offset ?? 0);
    const limit = Math.min(Number(p.limit ?? 100), 100);
    const timeout = Number(p.timeout ?? 0);
    const batch = takeBatch(bot, offset, limit);
    if (batch.length || timeout <= 0) return send(res, 200, { ok: true, result: batch });
    const held: HeldPoll = {
      res,
      offset,
      limit,
      timer: setTimeout(() => {
        if (s.held === held) s.held = undefined;
        send(res, 200, { ok: true, result: [] });
      }, Math.min(timeout, 50) * 1000),
    };
    s.held = held;
    res.on("close", () => {
      if (s.held === held) {
        clearTimeout(held.timer);
        s.held = undefined;
      }
    });
  }

  function record(bot: BotName, chatId: number, text: string, markup: unknown): OutMessage {
    const m: OutMessage = { bot, chatId, messageId: msgId(bot, chatId), text, buttons: buttonsOf(markup), at: Date.now() };
    messages.push(m);
    events.emit("message", m);
    return m;
  }

  function answer(bot: BotName, method: string, p: Record<string, unknown>, res: ServerResponse): void {
    const chatId = p.chat_id !== undefined ? Number(p.chat_id) : undefined;
    const asMessage = (m: OutMessage) => ({
      message_id: m.messageId,
      date: Math.floor(m.at / 1000),
      chat: { id: m.chatId, type: "private" },
      from: { id: BOT_IDS[bot], is_bot: true, first_name: USERNAMES[bot], username: USERNAMES[bot] },
      text: m.text,
    });
    switch (method) {
      case "getMe":
        return send(res, 200, { ok: true, result: { id: BOT_IDS[bot], is_bot: true, first_name: USERNAMES[bot], username: USERNAMES[bot], can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false } });
      case "getUpdates":
        return getUpdates(bot, p, res);
      case "setWebhook":
        state[bot].webhook = { url: String(p.url), secret: p.secret_token ? String(p.secret_token) : undefined };
        return send(res, 200, { ok: true, result: true, description: "Webhook was set" });
      case "deleteWebhook":
        state[bot].webhook = undefined;
        if (p.drop_pending_updates) state[bot].pending = [];
        return send(res, 200, { ok: true, result: true, description: "Webhook is already deleted" });
      case "getWebhookInfo":
        return send(res, 200, { ok: true, result: { url: state[bot].webhook?.url ?? "", has_custom_certificate: false, pending_update_count: state[bot].pending.length } });
      case "sendMessage":
      case "sendPhoto":
      case "sendDocument": {
        if (chatId === undefined) return send(res, 400, { ok: false, error_code: 400, description: "Bad Request: chat_id is empty" });
        const m = record(bot, chatId, String(p.text ?? p.caption ?? ""), p.reply_markup);
        return send(res, 200, { ok: true, result: asMessage(m) });
      }
      case "editMessageText":
      case "editMessageReplyMarkup":
      case "editMessageCaption": {
        const m = messages.find((x) => x.bot === bot && x.chatId === chatId && x.messageId === Number(p.message_id));
        if (!m) return send(res, 400, { ok: false, error_code: 400, description: "Bad Request: message to edit not found" });
        if (method === "editMessageText") m.text = String(p.text ?? "");
        m.buttons = buttonsOf(p.reply_markup);
        events.emit("edit", m);
        return send(res, 200, { ok: true, result: asMessage(m) });
      }
      case "answerCallbackQuery":
      case "sendChatAction":
      case "setMyCommands":
      case "deleteMyCommands":
      case "setChatMenuButton":
      case "setMyDescription":
      case "setMyShortDescription":
        return send(res, 200, { ok: true, result: true });
      default:
        stats.unknownMethods.add(method);
        return send(res, 404, { ok: false, error_code: 404, description: "Not Found: method not found" });
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/(\w+)/.exec(req.url ?? "");
    const params = await readBody(req);
    const bot = match ? botOf.get(match[1]) : undefined;
    if (!match || !bot) return send(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    const method = match[2];
    const call: Call = { bot, method, chatId: params.chat_id !== undefined ? Number(params.chat_id) : undefined, text: typeof params.text === "string" ? params.text : undefined, receivedAt: Date.now() };
    calls.push(call);
    res.on("finish", () => {
      call.answeredAt = Date.now();
      call.status = res.statusCode;
    });
    const fault = faults.find((f) => f.times > 0 && f.bot === bot && f.method === method && f.match(params));
    if (fault) {
      fault.times--;
      stats.served429++;
      fault.onServe?.();
      return send(res, 429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${fault.retryAfter}`, parameters: { retry_after: fault.retryAfter } });
    }
    answer(bot, method, params, res);
  }

  /** Webhook delivery: one chat's updates one after another (each waits for the previous answer), retried like Telegram does. */
  function post(bot: BotName, chatId: number, update: Update): void {
    const s = state[bot];
    const prev = s.chatQueues.get(chatId) ?? Promise.resolve();
    const next = prev.then(async () => {
      for (let attempt = 0; attempt < 6; attempt++) {
        const target = s.targets[s.nextTarget++ % s.targets.length];
        try {
          const res = await fetch(target, {
            method: "POST",
            headers: { "content-type": "application/json", ...(s.webhook?.secret ? { "x-telegram-bot-api-secret-token": s.webhook.secret } : {}) },
            body: JSON.stringify(update),
            signal: AbortSignal.timeout(60_000),
          });
          await res.arrayBuffer();
          if (res.ok) return;
        } catch {
          /* retried below */
        }
        stats.webhookRetries++;
        await new Promise((r) => setTimeout(r, 1000));
      }
      stats.webhookFailures++;
    });
    s.chatQueues.set(chatId, next);
  }

  return {
    events,
    messages,
    calls,
    updates,
    stats,
    get apiRoot() {
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    async start(): Promise<void> {
      server = createServer((req, res) => {
        handle(req, res).catch(() => send(res, 500, { ok: false, error_code: 500, description: "Internal Server Error" }));
      });
      server.keepAliveTimeout = 30_000;
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    },
    async stop(): Promise<void> {
      for (const s of Object.values(state)) if (s.held) clearTimeout(s.held.timer);
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
    /** What a person's client sends: queued for getUpdates, or POSTed when the bot has a webhook and the harness gave targets. */
    deliver(bot: BotName, body: Record<string, unknown>, chatId: number, opts: { twice?: boolean } = {}): Update {
      const s = state[bot];
      const update = { update_id: s.nextUpdateId++, ...body } as Update;
      // What the person said or pressed, so that saying it again can be told apart from saying something new.
      const b = body as { message?: { text?: string }; callback_query?: { data?: string; message?: { message_id?: number } } };
      const input = b.message?.text ?? `${b.callback_query?.message?.message_id}:${b.callback_query?.data}`;
      updates.push({ bot, chatId, updateId: update.update_id, at: Date.now(), input });
      if (s.webhook && s.targets.length) {
        post(bot, chatId, update);
        if (opts.twice) post(bot, chatId, update);
      } else {
        s.pending.push({ update, redeliver: opts.twice });
        wakePoller(bot);
      }
      return update;
    },
    nextMessageIdFor(bot: BotName, chatId: number): number {
      return msgId(bot, chatId);
    },
    webhookOf(bot: BotName) {
      return state[bot].webhook;
    },
    setWebhookTargets(bot: BotName, targets: string[]): void {
      state[bot].targets = targets;
    },
    /** The next `times` calls of `method` matching `match` get 429 Too Many Requests with retry_after. */
    inject429(f: Fault429): void {
      faults.push(f);
    },
    pendingCount(bot: BotName): number {
      return state[bot].pending.length;
    },
  };
}

export type FakeTelegram = ReturnType<typeof createFakeTelegram>;
