import type { Context } from "grammy";

/**
 * Takes the buttons off the message whose button was just pressed, so a used prompt cannot be
 * pressed again (a second press from a stale screen is still answered by whoever handles it).
 * Best effort: Telegram's "message is not modified" (no buttons left) and any other refusal leave
 * the answer to the press unaffected.
 */
export async function dropButtons(ctx: Context): Promise<void> {
  if (!ctx.callbackQuery?.message) return;
  try {
    await ctx.editMessageReplyMarkup();
  } catch {
    // Nothing to do: the rules table refuses a second use of the button anyway.
  }
}
