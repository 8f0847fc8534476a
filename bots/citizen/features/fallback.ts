import { Composer } from "grammy";
import type { BotContext } from "../../shared/context.js";
import { answerInChat } from "../../shared/answer.js";

/** Whatever nothing else handled gets an answer, never silence. */
export const fallback = new Composer<BotContext>();

fallback.on("callback_query", (ctx) => answerInChat(ctx, ctx.t("button-expired")));
fallback.on("message", (ctx) => ctx.reply(ctx.t("free-text-hint")));
