import { HttpError, type Context, type MiddlewareFn, type Transformer } from "grammy";
import type { Conversation } from "@grammyjs/conversations";
import { pacedTransformer, type Pace } from "../../src/telegram/pace.js";
import { lengthGuard } from "../../src/telegram/telegram-text.js";

const MAX_RETRIES = 3;
const MAX_DELAY_SECONDS = 30;

/**
 * What autoRetry does for the bot's own Api, for the Api a conversation builds for itself (the
 * conversations plugin does not carry `bot.api`'s transformers in): a 429 is waited out and sent
 * again, a network failure or Telegram 5xx retried with backoff. autoRetry itself cannot be used
 * here, because the conversation replays its recorded calls on every later update and autoRetry
 * would sleep through each replayed 429 again; this one waits inside `conversation.external`, which
 * a replay passes at once.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function conversationRetry(conversation: Conversation<any, any>): Transformer {
  const wait = (seconds: number) => conversation.external(() => new Promise<void>((r) => setTimeout(r, seconds * 1000)));
  return async (prev, method, payload, signal) => {
    let backoff = 1;
    for (let retry = 0; ; retry++) {
      let res;
      try {
        res = await prev(method, payload, signal);
      } catch (err) {
        if (!(err instanceof HttpError) || retry >= MAX_RETRIES || signal?.aborted) throw err;
        await wait(backoff);
        backoff *= 2;
        continue;
      }
      if (res.ok || retry >= MAX_RETRIES) return res;
      const after = res.parameters?.retry_after;
      if (after !== undefined && after <= MAX_DELAY_SECONDS) await wait(after);
      else if (res.error_code >= 500) {
        await wait(backoff);
        backoff *= 2;
      } else return res;
    }
  };
}

/**
 * The conversations plugin's `plugins` option: installs, on every context inside a conversation,
 * the shared outbound pacing (src/telegram/pace.ts) and conversationRetry around each attempt. The
 * pacing waits inside `conversation.external` too, so a replay does not wait again.
 */
export function conversationPlugins(pace: Pace, bot: string) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return <C extends Context>(conversation: Conversation<any, C>): MiddlewareFn<C>[] => [
    (ctx, next) => {
      ctx.api.config.use(
        pacedTransformer(pace, bot, (fn) => conversation.external(fn)),
        conversationRetry(conversation),
        lengthGuard(),
      );
      return next();
    },
  ];
}
