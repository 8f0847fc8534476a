import { InlineKeyboard } from "grammy";
import type { Conversation } from "@grammyjs/conversations";
import type { BotContext, ConvContext } from "../../shared/context.js";

type T = (key: string, vars?: Record<string, string | number>) => string;

/**
 * The questions a form conversation asks. Its own buttons carry `prefix`; commands and other
 * buttons pass through to the rest of the bot; anything else gets the step's hint again.
 */
export function createPrompts(conversation: Conversation<BotContext, ConvContext>, ctx: ConvContext, t: T, prefix: string) {
  const otherwise = (hint: string) => async (c: ConvContext) => {
    const data = c.callbackQuery?.data;
    if ((data !== undefined && !data.startsWith(prefix)) || c.message?.text?.startsWith("/")) return conversation.skip({ next: true });
    if (c.callbackQuery) await c.answerCallbackQuery();
    return c.reply(t(hint));
  };

  return {
    otherwise,

    /** A line of text; `check` returns a locale key (or "!" and a ready message) when it is not acceptable. */
    async text(prompt: string, check: (s: string) => string | null = (s) => (s ? null : "intake-text-expected")): Promise<string> {
      await ctx.reply(prompt);
      for (;;) {
        const u = await conversation.waitFor("message:text", { otherwise: otherwise("intake-text-expected") });
        if (u.message.text.startsWith("/")) await conversation.skip({ next: true });
        const value = u.message.text.trim();
        const problem = check(value);
        if (!problem) return value;
        await u.reply(problem.startsWith("!") ? problem.slice(1) : t(problem));
      }
    },

    /** One of several buttons ([label key, value]); returns the value. */
    async choose(prompt: string, options: [label: string, value: string][], perRow = 3): Promise<string> {
      const kb = new InlineKeyboard();
      options.forEach(([label, value], i) => {
        kb.text(t(label), `${prefix}${value}`);
        if (i % perRow === perRow - 1) kb.row();
      });
      await ctx.reply(prompt, { reply_markup: kb });
      const pattern = new RegExp(`^${prefix}(${options.map(([, v]) => v).join("|")})$`);
      const u = await conversation.waitForCallbackQuery(pattern, { otherwise: otherwise("intake-choose-button") });
      await u.answerCallbackQuery();
      return u.callbackQuery.data.slice(prefix.length);
    },
  };
}
