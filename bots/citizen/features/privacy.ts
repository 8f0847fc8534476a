import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../shared/context.js";
import type { Core } from "../../../src/core.js";
import { answerInChat } from "../../shared/answer.js";
import { pickKey } from "./replies.js";
import { dropButtons } from "../../shared/drop-buttons.js";

/** The privacy notice with the periods in force (PIPL art. 17: the notice states how long data is kept). */
export function privacyNoticeText(core: Core, locale: string): string {
  const days = core.config.RETENTION_DAYS;
  return core.i18n.t(locale, "privacy-notice", {
    retentionDays: String(days),
    retentionYears: String(Number((days / 365).toFixed(1))),
    formDays: String(core.config.FORM_STATE_TTL_DAYS),
  });
}

export function privacyNotice(ctx: BotContext): string {
  return privacyNoticeText(ctx.core, ctx.citizen?.locale ?? "zh-CN");
}

/** What a citizen who withdrew consent may still do: read the notice again and consent again, or change language. */
const STILL_ALLOWED = new Set(["consent", "lang:zh-CN", "lang:en"]);
const STILL_ALLOWED_COMMANDS = /^\/(start|language|help)(@\w+)?(\s|$)/;

/**
 * After /forget nothing is processed for the citizen (PIPL art. 15, 47) until they consent again:
 * every other update gets one line saying so, and nothing reaches forms, cases or replies.
 */
export const consentGate = new Composer<BotContext>();

consentGate.use(async (ctx, next) => {
  if (!ctx.citizen?.consentWithdrawnAt) return next();
  const data = ctx.callbackQuery?.data;
  if (data !== undefined ? STILL_ALLOWED.has(data) : STILL_ALLOWED_COMMANDS.test(ctx.message?.text ?? "")) return next();
  await answerInChat(ctx, ctx.t("consent-withdrawn-inactive"));
});

/** /forget: withdraw consent, after an explanation and a confirmation. */
export const forget = new Composer<BotContext>();

forget.command("forget", (ctx) =>
  ctx.reply(ctx.t("forget-explain", { retentionDays: String(ctx.core.config.RETENTION_DAYS) }), {
    reply_markup: new InlineKeyboard().text(ctx.t("btn-forget-confirm"), "forget:yes").row().text(ctx.t("btn-forget-cancel"), "forget:no"),
  }),
);

forget.callbackQuery("forget:no", async (ctx) => {
  await dropButtons(ctx);
  await answerInChat(ctx, ctx.t("forget-kept"));
});

forget.callbackQuery("forget:yes", async (ctx) => {
  await ctx.answerCallbackQuery();
  await dropButtons(ctx);
  const citizen = ctx.citizen!;
  const r = await ctx.core.privacy.forget(citizen.id);
  // A form open in this chat would otherwise be written back by the conversations plugin after this update.
  await ctx.conversation.exitAll();
  await ctx.core.redis.del(pickKey(ctx));
  ctx.citizen = { ...citizen, consentAt: null, consentWithdrawnAt: new Date() };
  await ctx.reply(ctx.t("forget-done", { withdrawn: r.withdrawn, anonymised: r.anonymised }));
});
