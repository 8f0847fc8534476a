import { Composer } from "grammy";
import type { BotContext } from "../../shared/context.js";
import { answerInChat } from "../../shared/answer.js";
import { CB_PATTERNS } from "../../../src/telegram/callback-data.js";
import { shanghaiDay } from "../../../src/clock/calendar.js";
import { isReplyType } from "../../../src/disclosure/reply-types.js";
import { RECONSIDERATION_INTAKE, type ReconsiderationArgs } from "../conversations/reconsideration.js";

/** The applicant's side of a reconsideration outside the form: starting one from a disclosure answer, confirming a hearing. */
export const reconsideration = new Composer<BotContext>();

/**
 * "申请行政复议" under a disclosure answer: the form starts with the respondent (the department that
 * answered), the act (that answer) and the day it was received filled in. The answer's notice named
 * the reconsideration body and the 60 days, so the window is art. 20 ¶1's.
 */
reconsideration.callbackQuery(CB_PATTERNS.rcStart, async (ctx) => {
  const c = await ctx.core.cases.get(Number(ctx.match[1]));
  if (!c || c.citizenId !== ctx.citizen!.id || c.kind !== "DISCLOSURE" || c.status !== "CLOSED" || !c.replyType || !isReplyType(c.replyType)) {
    return answerInChat(ctx, ctx.t("button-expired"));
  }
  if (!ctx.citizen!.consentAt) return answerInChat(ctx, ctx.t("consent-required"));
  await ctx.answerCallbackQuery();
  const locale = ctx.citizen!.locale;
  const args: ReconsiderationArgs = {
    citizenId: ctx.citizen!.id,
    locale,
    prefill: {
      fromCaseId: c.id,
      respondent: { departmentId: c.departmentId, name: c.department?.nameZh ?? "-" },
      act: ctx.t("rc-act-from-disclosure", { number: c.number, type: ctx.t(`reply-type-${c.replyType}`) }),
      learnedOn: shanghaiDay(c.closedAt ?? c.updatedAt),
      noticeNamedRemedy: true,
    },
  };
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(RECONSIDERATION_INTAKE, args);
});

/** The applicant confirms attendance at a hearing (art. 51). */
reconsideration.callbackQuery(CB_PATTERNS.rcHearing, async (ctx) => {
  const r = await ctx.core.cases.confirmHearing(Number(ctx.match[1]), { kind: "citizen", id: ctx.citizen!.id });
  if (!r.ok) return answerInChat(ctx, ctx.t("button-expired"));
  await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
  await answerInChat(ctx, ctx.t("rc-hearing-confirmed", { number: r.case.number }));
});
