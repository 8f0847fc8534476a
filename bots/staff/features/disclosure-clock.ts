import { Composer } from "grammy";
import type { BotContext } from "../../shared/context.js";
import { CB_PATTERNS } from "../../../src/telegram/callback-data.js";
import { allowed } from "../../../src/cases/rules.js";
import { toStaffActor } from "../../../src/staff/staff-service.js";
import { refusalText } from "../../shared/refusal.js";
import { STAFF_INPUT } from "../conversations/staff-input.js";
import { formatDay, formatDue } from "../../../src/i18n/i18n.js";
import { renderStaffCard, staffCardKeyboard } from "../../../src/notifications/cards.js";

/**
 * A disclosure request's clock in the staff bot: confirming that a 补正 lapsed or giving more time
 * (条例 art. 30), and recording consultations that stop the clock (arts. 32–34). The case service
 * checks every press against the rules table again.
 */
export const disclosureClock = new Composer<BotContext>();

disclosureClock.callbackQuery(CB_PATTERNS.correctionLapse, async (ctx) => {
  await ctx.answerCallbackQuery();
  const c = await ctx.core.cases.get(Number(ctx.match[2]));
  if (!c) return ctx.reply(ctx.t("staff-not-found"));
  const actor = toStaffActor(ctx.staffMember!);
  const locale = ctx.staffMember!.locale;
  if (ctx.match[1] === "y") {
    const r = await ctx.core.cases.expireCorrection(c.id, actor);
    if (!r.ok) return ctx.reply(refusalText(ctx.core.i18n, locale, r, c.number));
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
    return ctx.reply(ctx.t("staff-correction-lapse-confirmed", { number: c.number }));
  }
  // A good reason: ask for the new period and the reason, checked against the table first.
  const v = allowed("correction_more_time", actor, c, { now: ctx.core.now() });
  if (!v.ok) return ctx.reply(refusalText(ctx.core.i18n, locale, { ok: false, reason: v.reason, status: c.status }, c.number));
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(STAFF_INPUT, { action: "cmt", caseId: c.id, number: c.number, staffId: actor.id, locale });
});

disclosureClock.callbackQuery(CB_PATTERNS.consultation, async (ctx) => {
  await ctx.answerCallbackQuery();
  const c = await ctx.core.cases.get(Number(ctx.match[2]));
  if (!c) return ctx.reply(ctx.t("staff-not-found"));
  const actor = toStaffActor(ctx.staffMember!);
  const locale = ctx.staffMember!.locale;
  const what = ctx.match[1];
  const r =
    what === "r"
      ? await ctx.core.cases.resumeClock(c.id, { actor })
      : await ctx.core.cases.consult(c.id, actor, what === "t" ? "third_party" : "agency");
  if (!r.ok) return ctx.reply(refusalText(ctx.core.i18n, locale, r, c.number));
  const due = formatDue(r.case.dueAt, locale);
  const done =
    what === "r"
      ? ctx.t("staff-consultation-answered", { number: c.number, due })
      : ctx.t("staff-consultation-started", {
          number: c.number,
          until: r.case.consultationEndsAt ? formatDay(r.case.consultationEndsAt, locale) : "-",
          due,
        });
  // The card as it now stands (paused or running, and its due date), with its buttons.
  return ctx.reply(`${done}\n\n${renderStaffCard(ctx.core.i18n, locale, r.case)}`, {
    reply_markup: staffCardKeyboard(ctx.core.i18n, locale, r.case),
  });
});
