import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../shared/context.js";
import type { Locale } from "../../../src/citizens/citizen-service.js";
import { privacyNotice } from "./privacy.js";
import { dropButtons } from "../../shared/drop-buttons.js";

export const consentKeyboard = (ctx: BotContext) =>
  new InlineKeyboard()
    .text(ctx.t("btn-consent"), "consent")
    .row()
    .text(ctx.t("btn-language-zh"), "lang:zh-CN")
    .text(ctx.t("btn-language-en"), "lang:en");

/** /start (the privacy notice, again after /forget) and consent, /language and /help. */
export const onboarding = new Composer<BotContext>();

onboarding.command("start", async (ctx) => {
  await ctx.reply(`${ctx.t("welcome")}\n\n${privacyNotice(ctx)}`, { reply_markup: consentKeyboard(ctx) });
});

onboarding.command("help", (ctx) => ctx.reply(ctx.t("help")));

onboarding.command("language", (ctx) =>
  ctx.reply(ctx.t("help"), {
    reply_markup: new InlineKeyboard().text(ctx.t("btn-language-zh"), "lang:zh-CN").text(ctx.t("btn-language-en"), "lang:en"),
  }),
);

onboarding.callbackQuery("consent", async (ctx) => {
  await ctx.answerCallbackQuery();
  await dropButtons(ctx);
  if (!ctx.citizen!.consentAt) ctx.citizen = await ctx.core.citizens.consent(ctx.citizen!.id);
  await ctx.reply(ctx.t("consent-recorded"));
});

onboarding.callbackQuery(/^lang:(zh-CN|en)$/, async (ctx) => {
  const locale = ctx.match[1] as Locale;
  ctx.citizen = await ctx.core.citizens.setLocale(ctx.citizen!.id, locale);
  ctx.i18n.useLocale(locale);
  await ctx.answerCallbackQuery();
  await dropButtons(ctx);
  await ctx.core.menus.setCitizen(ctx.api, ctx.from.id, locale).catch((err) => ctx.core.logger.warn({ err: String(err) }, "could not set a citizen menu"));
  await ctx.reply(ctx.t("language-switched"));
  if (!ctx.citizen.consentAt) {
    await ctx.reply(`${ctx.t("welcome")}\n\n${privacyNotice(ctx)}`, { reply_markup: consentKeyboard(ctx) });
  }
});
