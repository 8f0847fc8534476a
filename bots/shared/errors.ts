import { GrammyError, HttpError, type BotError } from "grammy";
import type { BotContext } from "./context.js";

/**
 * The bots' error boundary. Telegram refusing a call, the network failing and our own code
 * throwing are logged apart; the user always hears that something went wrong.
 */
export function handleBotError(err: BotError<BotContext>): void {
  const { ctx, error } = err;
  const log = ctx.core.logger.child({ updateId: ctx.update.update_id });
  if (error instanceof GrammyError) log.error({ method: error.method, description: error.description }, "telegram refused a call");
  else if (error instanceof HttpError) log.error({ err: String(error.error) }, "could not reach telegram");
  else log.error({ err: error }, "bot middleware threw");
  if (ctx.chat) {
    const locale = ctx.citizen?.locale ?? ctx.staffMember?.locale ?? "zh-CN";
    ctx.api.sendMessage(ctx.chat.id, ctx.core.i18n.t(locale, "error-generic")).catch(() => undefined);
  }
}
