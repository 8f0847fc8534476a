import type { Redis } from "ioredis";
import type { Transformer } from "grammy";
import { redisScript } from "../util/redis-script.js";

/**
 * Telegram's outbound limits (Bots FAQ, "My bot is hitting limits"): about 30 messages a second
 * per bot, and no more than about one a second in one chat (short bursts tolerated). We keep below
 * them with a generic cell rate algorithm (GCRA) in Redis, so every process that sends for a bot —
 * workers and bots processes alike — draws on one budget.
 *
 * Per bot: one message each 40 ms (25/s) with a burst of 2, so no second ever holds more than
 * (1000 + 40) / 40 + 1 = 27 slots, which leaves room for arrival jitter under Telegram's 30. Per
 * chat: one a second, with a burst of 3 (a card and its alert, or a long answer's parts, go out
 * together).
 */
export const BOT_INTERVAL_MS = 40;
export const BOT_BURST = 2;
export const CHAT_INTERVAL_MS = 1000;
export const CHAT_BURST = 3;

/** Methods that put or change a message in a chat: what the limits count. */
export const PACED_METHODS = /^(send(Message|Photo|Document|Video|Audio|Voice|Animation|MediaGroup|Sticker|Location|Contact)|edit(MessageText|MessageCaption|MessageReplyMarkup|MessageMedia)|copyMessage|forwardMessage)$/;

// KEYS: a bot key and a chat key for each message, in the order they will be sent. ARGV: bot
// interval, bot tolerance, chat interval, chat tolerance, the longest wait to reserve. Answers
// {wait, botWait, chatWait, reserved (1/0)} for every message in turn. A slot is reserved (both
// theoretical arrival times advanced) only when its wait is short enough, so a caller that will not
// wait takes nothing from others; a message that is not reserved leaves its chat's and its bot's
// times where they were, so every later message to that chat (or, when the bot's budget is what
// is spent, of that bot) is not reserved either: a chat's messages keep their order, and a busy
// chat holds back only its own. One call for all the messages of a notice. Redis' own clock is
// the one every process shares.
export const PACE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function tat(key)
  local v = tonumber(redis.call('GET', key) or '0')
  if v < now then return now end
  return v
end
local bi, bt, ci, ct, maxWait = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local out = {}
for i = 1, #KEYS, 2 do
  local btat, ctat = tat(KEYS[i]), tat(KEYS[i + 1])
  local bw = math.max(0, btat - bt - now)
  local cw = math.max(0, ctat - ct - now)
  local w = math.max(bw, cw)
  if w > maxWait then
    table.insert(out, w) table.insert(out, bw) table.insert(out, cw) table.insert(out, 0)
  else
    local at = now + w
    local nb = math.max(btat, at) + bi
    local nc = math.max(ctat, at) + ci
    redis.call('SET', KEYS[i], nb, 'PX', math.ceil(nb - now + 1000))
    redis.call('SET', KEYS[i + 1], nc, 'PX', math.ceil(nc - now + 1000))
    table.insert(out, w) table.insert(out, bw) table.insert(out, cw) table.insert(out, 1)
  end
end
return out
`;

export type Reservation = { reserved: boolean; waitMs: number; by: "bot" | "chat" | null };

/**
 * `botIntervalMs`, `chatIntervalMs`: the per-bot and per-chat intervals (defaults BOT_INTERVAL_MS and
 * CHAT_INTERVAL_MS; config TELEGRAM_BOT_MESSAGES_PER_SECOND and TELEGRAM_CHAT_MESSAGES_PER_SECOND).
 */
export function createPace(redis: Redis, prefix: string, botIntervalMs = BOT_INTERVAL_MS, chatIntervalMs = CHAT_INTERVAL_MS) {
  // Sent by its SHA, not as text with every message (src/util/redis-script.ts); the number of keys varies.
  const paceCommand = redisScript<number[]>(redis, "minshengPaceAll", null, PACE_SCRIPT);

  /**
   * Reserves the next slots for messages to these chats, in the order given, in one call: each
   * message's wait from now; one that would wait longer than `maxWaitMs` is not reserved, nor is
   * any later one to the same chat (or bot, where the bot's budget is spent). An empty list asks nothing.
   */
  const reserveAll = async (messages: { bot: string; chatId: string | number }[], maxWaitMs: number): Promise<Reservation[]> => {
    if (messages.length === 0) return [];
    const keys = messages.flatMap((m) => [`${prefix}:pace:${m.bot}`, `${prefix}:pace:${m.bot}:${m.chatId}`]);
    const out = (await paceCommand(
      keys.length,
      ...keys,
      botIntervalMs,
      (BOT_BURST - 1) * botIntervalMs,
      chatIntervalMs,
      (CHAT_BURST - 1) * chatIntervalMs,
      maxWaitMs,
    )) as number[];
    const answers: Reservation[] = [];
    for (let i = 0; i < out.length; i += 4) {
      const [w, bw, cw, ok] = out.slice(i, i + 4);
      answers.push({ reserved: ok === 1, waitMs: w, by: w === 0 ? null : bw >= cw ? "bot" : "chat" });
    }
    return answers;
  };
  const reserve = async (bot: string, chatId: string | number, maxWaitMs: number): Promise<Reservation> => (await reserveAll([{ bot, chatId }], maxWaitMs))[0];

  return {
    reserve,
    reserveAll,
    /** Reserves the next slot for a message to `chatId` and waits for it (at most `maxWaitMs`; longer is not reserved). */
    async wait(bot: string, chatId: string | number, maxWaitMs = 30_000): Promise<Reservation> {
      const r = await reserve(bot, chatId, maxWaitMs);
      if (r.reserved && r.waitMs > 0) await new Promise((res) => setTimeout(res, r.waitMs));
      return r;
    },
  };
}

export type Pace = ReturnType<typeof createPace>;

/** The chat a Bot API call writes to, if it is one the limits count. */
export function pacedChat(method: string, payload: Record<string, unknown>): string | number | null {
  if (!PACED_METHODS.test(method)) return null;
  const chat = payload.chat_id;
  return typeof chat === "string" || typeof chat === "number" ? chat : null;
}

/**
 * For a bot's own Api: every message waits for its slot in the shared budget before it goes out
 * (a reply waits at most 30 s; beyond that it goes anyway and autoRetry meets Telegram's 429).
 */
export function pacedTransformer(pace: Pace, bot: string, wait: (fn: () => Promise<unknown>) => Promise<unknown> = (fn) => fn()): Transformer {
  return async (prev, method, payload, signal) => {
    const chat = pacedChat(method, payload as Record<string, unknown>);
    if (chat !== null) await wait(() => pace.wait(bot, chat).catch(() => undefined));
    return prev(method, payload, signal);
  };
}
