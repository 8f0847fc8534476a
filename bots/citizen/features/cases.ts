import { Composer } from "grammy";
import type { BotContext } from "../../shared/context.js";
import { INTAKE } from "../conversations/intake.js";
import { DISCLOSURE_INTAKE } from "../conversations/disclosure.js";
import { MEDIATION_INTAKE } from "../conversations/mediation.js";
import { RECONSIDERATION_INTAKE } from "../conversations/reconsideration.js";
import { stageOf } from "../../../src/reconsideration/reconsideration.js";
import { CASE_NUMBER_PATTERN } from "../../../src/cases/case-number.js";
import { formatDay } from "../../../src/i18n/i18n.js";
import { departmentName, dueForCitizen } from "../../../src/notifications/cards.js";
import { consentKeyboard } from "./onboarding.js";
import { privacyNotice } from "./privacy.js";

/** /new, /cancel, /mycases and /status: a citizen sees only their own cases. */
export const cases = new Composer<BotContext>();

/** /new, /disclose and /mediate start their form, once the citizen has consented; any form in progress ends. */
const FORMS = { new: INTAKE, disclose: DISCLOSURE_INTAKE, mediate: MEDIATION_INTAKE, reconsider: RECONSIDERATION_INTAKE } as const;
for (const [command, form] of Object.entries(FORMS)) {
  cases.command(command, async (ctx) => {
    // A first-ever message may be /new: the notice itself, with its consent button, not a pointer to it.
    if (!ctx.citizen!.consentAt) return ctx.reply(`${ctx.t("consent-first")}\n\n${privacyNotice(ctx)}`, { reply_markup: consentKeyboard(ctx) });
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(form, { citizenId: ctx.citizen!.id, locale: ctx.citizen!.locale });
  });
}

cases.command("cancel", async (ctx) => {
  await ctx.conversation.exitAll();
  await ctx.reply(ctx.t("intake-cancelled"));
});

cases.command("mycases", async (ctx) => {
  const list = await ctx.core.cases.listForCitizen(ctx.citizen!.id);
  if (list.length === 0) return ctx.reply(ctx.t("mycases-empty"));
  const locale = ctx.citizen!.locale;
  const lines = list.map((c) =>
    ctx.t("mycases-line", {
      number: c.number,
      status: ctx.t(`status-${c.status}`),
      department: departmentName(c.department, locale, ctx.t("department-pending")),
      due: dueForCitizen(ctx.core.i18n, locale, c),
    }),
  );
  await ctx.reply([ctx.t("mycases-header"), ...lines].join("\n"));
});

cases.command("status", async (ctx) => {
  const number = ctx.match.trim().toUpperCase();
  if (!CASE_NUMBER_PATTERN.test(number)) return ctx.reply(ctx.t("status-usage"));
  const c = await ctx.core.cases.byNumber(number);
  // Someone else's case reads exactly like a missing one: numbers are guessable, cases are private.
  if (!c || c.citizenId !== ctx.citizen!.id) return ctx.reply(ctx.t("status-not-found", { number }));
  const locale = ctx.citizen!.locale;
  await ctx.reply(
    ctx.t("status-detail", {
      number: c.number,
      kind: ctx.t(`kind-${c.kind}`),
      status: ctx.t(`status-${c.status}`),
      department: departmentName(c.department, locale, ctx.t("department-pending")),
      due: dueForCitizen(ctx.core.i18n, locale, c),
      created: formatDay(c.createdAt, locale),
    }) +
      // 条例 arts. 32–34: while a consultation runs the clock stands; say so, and until when at most.
      (c.consultationStartedAt
        ? `\n${ctx.t("status-consulting", { until: c.consultationEndsAt ? formatDay(c.consultationEndsAt, locale) : "-" })}`
        : "") +
      (c.status === "AWAITING_CORRECTION" && c.correctionDueAt ? `\n${ctx.t("status-correction-due", { due: formatDay(c.correctionDueAt, locale) })}` : "") +
      (c.kind === "RECONSIDERATION" ? `\n${ctx.t("rc-status-stage", { stage: ctx.t(`rc-stage-${stageOf(c)}`) })}` : ""),
  );
});
