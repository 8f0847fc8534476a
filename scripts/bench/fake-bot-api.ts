import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

export type Button = { text: string; data: string };
export type BotMessage = { chatId: number; messageId: number; text: string; buttons: Button[][]; at: number };
type Update = { update_id: number } & Record<string, unknown>;

type BotState = {
  updates: Update[];
  nextUpdateId: number;
  delivered: number;
  lastDeliveredId: number;
  polls: number;
  waiters: Set<() => void>;
};

const CASE_NUMBER = /MS-\d{4}-\d{6}/;
/** How long an empty getUpdates is held open, as Telegram's long polling does (the product polls with timeout 0 here). */
const HOLD_MS = 5_000;

/**
 * A Telegram Bot API on loopback that answers at once: it records what the bots send, notes when the
 * first card of each case number reached a staff chat, and serves getUpdates from queues the bench
 * fills (the simulated citizens). Every method the product may call succeeds.
 */
export async function startFakeBotApi(opts: { staffToken: string; citizenToken: string; cardChats: Set<number> }) {
  const bots = new Map<string, BotState>();
  const bot = (token: string): BotState => {
    let b = bots.get(token);
    if (!b) bots.set(token, (b = { updates: [], nextUpdateId: 1, delivered: 0, lastDeliveredId: 0, polls: 0, waiters: new Set() }));
    return b;
  };
  /** Case number → when its first card reached a handler (or dispatcher) chat. */
  const cardAt = new Map<string, number>();
  const cardsPerChat = new Map<number, number>();
  const sent = { staff: 0, citizen: 0, other: 0, calls: 0 };
  const chatListeners = new Map<number, (m: BotMessage) => void>();
  let messageSeq = 1;
  let closing = false;

  function record(token: string, chatId: number, messageId: number, text: string, markup: unknown): BotMessage {
    const at = Date.now();
    const rows = (markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)?.inline_keyboard ?? [];
    const m: BotMessage = { chatId, messageId, text, buttons: rows.map((r) => r.map((b) => ({ text: b.text, data: b.callback_data ?? "" }))), at };
    if (token === opts.staffToken) {
      sent.staff++;
      if (opts.cardChats.has(chatId)) {
        cardsPerChat.set(chatId, (cardsPerChat.get(chatId) ?? 0) + 1);
        const n = CASE_NUMBER.exec(text)?.[0];
        if (n && !cardAt.has(n)) cardAt.set(n, at);
      }
    } else if (token === opts.citizenToken) {
      sent.citizen++;
      chatListeners.get(chatId)?.(m);
    } else sent.other++;
    return m;
  }

  function getUpdates(token: string, p: { offset?: number; limit?: number; timeout?: number }, reply: (r: unknown) => void) {
    const b = bot(token);
    b.polls++;
    if (p.offset) b.updates = b.updates.filter((u) => u.update_id >= p.offset!);
    const answer = () => {
      const out = b.updates.slice(0, p.limit ?? 100);
      for (const u of out) {
        if (u.update_id > b.lastDeliveredId) {
          b.lastDeliveredId = u.update_id;
          b.delivered++;
        }
      }
      reply(out);
    };
    if (b.updates.length || closing) return answer();
    let done = false;
    const wake = () => {
      if (done) return;
      done = true;
      b.waiters.delete(wake);
      clearTimeout(timer);
      answer();
    };
    const timer = setTimeout(wake, Math.max(HOLD_MS, (p.timeout ?? 0) * 1000));
    b.waiters.add(wake);
  }

  function handle(token: string, method: string, p: Record<string, unknown>, reply: (r: unknown) => void) {
    sent.calls++;
    const botId = Number(token.split(":")[0]);
    const from = { id: botId, is_bot: true, first_name: "bench-bot", username: `bench_${botId}_bot` };
    switch (method) {
      case "getUpdates":
        return getUpdates(token, p, reply);
      case "getMe":
        return reply({ ...from, can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false });
      case "sendMessage":
      case "sendPhoto":
      case "sendDocument": {
        const chatId = Number(p.chat_id);
        const messageId = messageSeq++;
        const text = String(p.text ?? p.caption ?? "");
        record(token, chatId, messageId, text, p.reply_markup);
        return reply({ message_id: messageId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: "private" }, from, text });
      }
      case "editMessageText":
      case "editMessageReplyMarkup": {
        const chatId = Number(p.chat_id);
        const messageId = Number(p.message_id);
        const text = String(p.text ?? "");
        if (method === "editMessageText") record(token, chatId, messageId, text, p.reply_markup);
        return reply({ message_id: messageId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: "private" }, from, text });
      }
      default:
        // answerCallbackQuery, deleteWebhook, setMyCommands, sendChatAction, deleteMessage …
        return reply(true);
    }
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (d: Buffer) => chunks.push(d));
    req.on("end", () => {
      const m = /^\/bot([^/]+)\/(\w+)/.exec(req.url ?? "");
      const send = (status: number, body: unknown) => {
        const json = JSON.stringify(body);
        res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
        res.end(json);
      };
      if (!m) return send(404, { ok: false, error_code: 404, description: "Not Found" });
      let params: Record<string, unknown> = {};
      const body = Buffer.concat(chunks).toString("utf8");
      if (body) {
        try {
          params = JSON.parse(body) as Record<string, unknown>;
        } catch {
          params = Object.fromEntries(new URLSearchParams(body));
        }
      }
      handle(m[1], m[2], params, (result) => send(200, { ok: true, result }));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    cardAt,
    cardsPerChat,
    sent,
    /** getUpdates calls so far per token (a bot polling is a bot that started). */
    polls: (token: string) => bot(token).polls,
    /** Updates handed to the bot so far. */
    delivered: (token: string) => bot(token).delivered,
    /** Queues an update for a bot (update_id is assigned here) and wakes its long poll. */
    push(token: string, update: Record<string, unknown>) {
      const b = bot(token);
      b.updates.push({ update_id: b.nextUpdateId++, ...update });
      for (const w of [...b.waiters]) w();
    },
    nextMessageId: () => messageSeq++,
    /** Messages the citizen bot sends to this chat go to `fn` (one listener per chat). */
    listen(chatId: number, fn: ((m: BotMessage) => void) | null) {
      if (fn) chatListeners.set(chatId, fn);
      else chatListeners.delete(chatId);
    },
    close: () =>
      new Promise<void>((r) => {
        closing = true;
        for (const b of bots.values()) for (const w of [...b.waiters]) w();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export type FakeBotApi = Awaited<ReturnType<typeof startFakeBotApi>>;
