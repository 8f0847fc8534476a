import type { Context } from "grammy";

/**
 * Answers a button press with a chat message rather than a toast: a toast vanishes after a moment,
 * and a refusal must stay readable.
 */
export async function answerInChat(ctx: Context, text: string): Promise<void> {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
  await ctx.reply(text);
}
