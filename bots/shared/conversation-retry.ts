import { AsyncLocalStorage } from "node:async_hooks";
import { HttpError, type ApiClientOptions, type Context, type MiddlewareFn, type Transformer } from "grammy";
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

/** Set by `buildUrl` when a call inside it goes to Telegram for real (see countRealCalls). */
const realCall = new AsyncLocalStorage<{ real: boolean }>();

/**
 * The bots' `client.buildUrl` (grammY's own URL), which also notes that the call being made reaches
 * Telegram. A conversation builds a fresh Api from the bot's options for every context it replays,
 * so this runs in conversations too, but only for the calls not answered from the replay log.
 */
export const buildUrl: NonNullable<ApiClientOptions["buildUrl"]> = (root, token, method, env) => {
  const call = realCall.getStore();
  if (call) call.real = true;
  return `${root}/bot${token}/${env === "test" ? "test/" : ""}${method}`;
};

/**
 * Runs `count` (a counting transformer, src/metrics/shared-metrics.ts) only for calls that reached
 * Telegram. Inside a conversation every transformer we install sits outside the plugin's own, which
 * answers a replayed call from the log: counted there, each call was counted again on every later
 * update of the form (a complaint's first prompt eight times), and each count was a Redis command —
 * 8% of the bots process's CPU in the bench's citizen phase. Needs the bot built with `buildUrl`.
 */
export function countRealCalls(count: Transformer): Transformer {
  return async (prev, method, payload, signal) => {
    const call = { real: false };
    const made = realCall.run(call, () => prev(method, payload, signal));
    // Whether it reached Telegram is known once it settled; `count` then sees the same result or error.
    await made.then(
      () => undefined,
      () => undefined,
    );
    return call.real ? count((() => made) as typeof prev, method, payload, signal) : made;
  };
}

/**
 * The conversations plugin's `plugins` option: installs, on every context inside a conversation,
 * the shared outbound pacing (src/telegram/pace.ts) and conversationRetry around each attempt. The
 * pacing waits inside `conversation.external` too, so a replay does not wait again.
 */
export function conversationPlugins(pace: Pace, bot: string, count?: Transformer) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return <C extends Context>(conversation: Conversation<any, C>): MiddlewareFn<C>[] => [
    (ctx, next) => {
      // Innermost of ours, as on the bot's own Api: each call that reached Telegram counted for /metrics.
      if (count) ctx.api.config.use(countRealCalls(count));
      ctx.api.config.use(
        pacedTransformer(pace, bot, (fn) => conversation.external(fn)),
        conversationRetry(conversation),
        lengthGuard(),
      );
      return next();
    },
  ];
}
