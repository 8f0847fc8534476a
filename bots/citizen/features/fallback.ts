import { Composer } from "grammy";
import type { BotContext } from "../../shared/context.js";
import { answerInChat } from "../../shared/answer.js";
import { detectKind } from "../../../src/classifier/kind.js";

const HINT = { COMPLAINT: "hint-complaint", DISCLOSURE: "hint-disclosure", MEDIATION: "hint-mediation", OTHER: "free-text-hint" } as const;

/** Whatever nothing else handled gets an answer, never silence; typed text gets the fitting intake suggested. */
export const fallback = new Composer<BotContext>();

fallback.on("callback_query", (ctx) => answerInChat(ctx, ctx.t("button-expired")));
fallback.on("message:text", (ctx) => ctx.reply(ctx.t(HINT[detectKind(ctx.message.text)])));
fallback.on("message", (ctx) => ctx.reply(ctx.t("free-text-hint")));
