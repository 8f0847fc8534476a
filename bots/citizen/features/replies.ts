import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../shared/context.js";
import { cb, CB_PATTERNS } from "../../../src/telegram/callback-data.js";
import { departmentName } from "../../../src/notifications/cards.js";
import { answerInChat } from "../../shared/answer.js";

const PICK_TTL_SECONDS = 30 * 60;
export const pickKey = (ctx: BotContext) => `${ctx.core.config.QUEUE_PREFIX}:reply-pick:${ctx.citizen!.id}`;

/**
 * What the citizen sends back: answers to a handler's question (relayed to the case) and the
 * satisfied / not satisfied rating of an answer.
 */
export const replies = new Composer<BotContext>();

replies.callbackQuery(CB_PATTERNS.rate, async (ctx) => {
  const satisfied = ctx.match[1] === "y";
  const caseId = Number(ctx.match[2]);
  const r = await ctx.core.cases.rate(caseId, { kind: "citizen", id: ctx.citizen!.id }, satisfied);
  if (!r.ok) {
    return answerInChat(ctx, ctx.t(r.reason === "not_allowed" ? "rate-already" : "button-expired"));
  }
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
  const dept = await ctx.core.prisma.department.findUnique({ where: { id: r.case.departmentId ?? -1 } });
  await ctx.reply(
    satisfied
      ? ctx.t("rate-thanks", { number: r.case.number })
      : ctx.t("rate-reopened", { number: r.case.number, department: departmentName(dept, ctx.citizen!.locale, "-") }),
  );
});

replies.callbackQuery(CB_PATTERNS.replyTo, async (ctx) => {
  const c = await ctx.core.cases.get(Number(ctx.match[1]));
  if (!c || c.citizenId !== ctx.citizen!.id || (c.status !== "AWAITING_CITIZEN" && c.status !== "AWAITING_CORRECTION")) {
    return answerInChat(ctx, ctx.t("button-expired"));
  }
  await ctx.core.redis.set(pickKey(ctx), String(c.id), "EX", PICK_TTL_SECONDS);
  await ctx.answerCallbackQuery();
  await ctx.reply(ctx.t("reply-now", { number: c.number }));
});

/** Free text while a handler waits for an answer goes to that case. */
replies.on("message:text", async (ctx, next) => {
  if (ctx.message.text.startsWith("/")) return next();
  const waiting = await ctx.core.cases.awaitingCitizen(ctx.citizen!.id);
  if (waiting.length === 0) return next();
  let target = waiting.length === 1 ? waiting[0] : undefined;
  if (!target) {
    const picked = Number(await ctx.core.redis.get(pickKey(ctx)));
    target = waiting.find((c) => c.id === picked);
  }
  if (!target) {
    const kb = new InlineKeyboard();
    for (const c of waiting) kb.text(c.number, cb.replyTo(c.id)).row();
    return ctx.reply(ctx.t("reply-which-case"), { reply_markup: kb });
  }
  const actor = { kind: "citizen" as const, id: ctx.citizen!.id };
  const text = ctx.message.text.trim();
  const r =
    target.status === "AWAITING_CORRECTION"
      ? target.kind === "RECONSIDERATION"
        ? await ctx.core.cases.reconsiderationCorrectionReceived(target.id, actor, text)
        : await ctx.core.cases.correctionReceived(target.id, actor, text)
      : await ctx.core.cases.citizenReply(target.id, actor, text);
  if (!r.ok) return next();
  await ctx.core.redis.del(pickKey(ctx));
  if (target.status !== "AWAITING_CORRECTION") await ctx.reply(ctx.t("reply-relayed", { number: target.number }));
});
