import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../shared/context.js";
import { cb, CB_PATTERNS } from "../../../src/telegram/callback-data.js";
import { departmentName } from "../../../src/notifications/cards.js";
import { reviewWindowOpen } from "../../../src/cases/rules.js";
import { formatDay, formatDue } from "../../../src/i18n/i18n.js";
import { answerInChat } from "../../shared/answer.js";
import { incomingFile, mediaRefusalText } from "../../shared/media-input.js";
import { dropButtons } from "../../shared/drop-buttons.js";

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
  // Used or not, this rating prompt cannot be used again: its buttons go.
  await dropButtons(ctx);
  if (!r.ok) {
    // 不满意 more than 30 days after the answer: a review can no longer be asked (信访工作条例 art. 35), said plainly.
    const c = r.reason === "not_allowed" && !satisfied ? await ctx.core.cases.get(caseId) : null;
    if (c && c.citizenId === ctx.citizen!.id && c.kind === "COMPLAINT" && c.status === "CLOSED" && c.satisfied === null && !reviewWindowOpen(c, ctx.core.now())) {
      return answerInChat(ctx, ctx.t("review-too-late", { number: c.number, answered: c.closedAt ? formatDay(c.closedAt, ctx.citizen!.locale) : "-" }));
    }
    return answerInChat(ctx, ctx.t(r.reason === "not_allowed" ? "rate-already" : "button-expired"));
  }
  await ctx.answerCallbackQuery();
  const dept = await ctx.core.prisma.department.findUnique({ where: { id: r.case.departmentId ?? -1 } });
  await ctx.reply(
    satisfied
      ? ctx.t("rate-thanks", { number: r.case.number })
      : ctx.t("rate-reopened", {
          number: r.case.number,
          department: departmentName(dept, ctx.citizen!.locale, "-"),
          due: formatDue(r.case.dueAt, ctx.citizen!.locale),
        }),
  );
});

replies.callbackQuery(CB_PATTERNS.replyTo, async (ctx) => {
  const c = await ctx.core.cases.get(Number(ctx.match[1]));
  if (!c || c.citizenId !== ctx.citizen!.id || (c.status !== "AWAITING_CITIZEN" && c.status !== "AWAITING_CORRECTION")) {
    return answerInChat(ctx, ctx.t("button-expired"));
  }
  await ctx.core.redis.set(pickKey(ctx), String(c.id), "EX", PICK_TTL_SECONDS);
  await ctx.answerCallbackQuery();
  await dropButtons(ctx);
  await ctx.reply(ctx.t("reply-now", { number: c.number }));
});

/** Free text while a handler waits for an answer goes to that case. */
replies.on("message:text", async (ctx, next) => {
  if (ctx.message.text.startsWith("/")) return next();
  const text = ctx.message.text.trim();
  return relay(ctx, next, async () => ({ text }));
});

/**
 * A photo or document while a handler waits goes to that case with its caption: fetched once and
 * kept (src/media/), then relayed with the reply. A file too large or of another type is answered.
 */
replies.on(["message:photo", "message:document"], async (ctx, next) => {
  const file = incomingFile(ctx.message);
  if (!file) return next();
  const caption = ctx.message.caption?.trim() || ctx.t("reply-file-only");
  return relay(ctx, next, async () => {
    const r = await ctx.core.media.receive("citizen", ctx.citizen!.id, file);
    if (!r.ok) {
      await ctx.reply(mediaRefusalText(ctx.t, r, ctx.core.media.maxBytes));
      return null;
    }
    return { text: caption, files: [r.id] };
  });
});

/**
 * Relays what `content` gives to the case waiting for the citizen (asking which one when several
 * wait and none was picked). `content` runs only once the case is known, so a file is fetched only
 * for a reply that goes somewhere; null means it was refused and answered already.
 */
async function relay(ctx: BotContext, next: () => Promise<void>, content: () => Promise<{ text: string; files?: number[] } | null>) {
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
  const reply = await content();
  if (!reply) return;
  const actor = { kind: "citizen" as const, id: ctx.citizen!.id };
  const r =
    target.status === "AWAITING_CORRECTION"
      ? target.kind === "RECONSIDERATION"
        ? await ctx.core.cases.reconsiderationCorrectionReceived(target.id, actor, reply.text)
        : await ctx.core.cases.correctionReceived(target.id, actor, reply.text, reply.files)
      : await ctx.core.cases.citizenReply(target.id, actor, reply.text, reply.files);
  if (!r.ok) return next();
  await ctx.core.redis.del(pickKey(ctx));
  if (target.status !== "AWAITING_CORRECTION") await ctx.reply(ctx.t("reply-relayed", { number: target.number }));
}
