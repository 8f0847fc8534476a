import { Composer } from "grammy";
import type { BotContext } from "../../shared/context.js";
import { CB_PATTERNS, type RcButton } from "../../../src/telegram/callback-data.js";
import { toStaffActor } from "../../../src/staff/staff-service.js";
import { allowed, type CaseAction } from "../../../src/cases/rules.js";
import type { Case } from "../../../src/generated/prisma/client.js";
import { DECISION_TYPE_LIST, detailsOf, ENDINGS } from "../../../src/reconsideration/reconsideration.js";
import { decisionTypeKeyboard, endingKeyboard, handlerPickerKeyboard } from "../../../src/notifications/reconsideration-card.js";
import { refusalText } from "../../shared/refusal.js";
import { RC_INPUT, type RcInputCode } from "../conversations/reconsideration-input.js";

/** The rules-table action each button starts (pickers and typed input are checked before they are offered). */
const ACTION: Record<RcButton, CaseAction> = {
  acs: "rc_accept",
  aco: "rc_accept",
  na: "rc_not_accept",
  cor: "rc_request_correction",
  ahp: "rc_assign_handler",
  ah: "rc_assign_handler",
  maj: "rc_mark_major",
  hr: "rc_schedule_hearing",
  ext: "rc_extend",
  dec: "rc_propose_decision",
  dt: "rc_propose_decision",
  apv: "rc_approve_decision",
  rej: "rc_reject_decision",
  end: "rc_end",
  en: "rc_end",
  rpl: "rc_respondent_reply",
  hcf: "rc_confirm_hearing",
};

/** The reconsideration office's buttons and the respondent department's. */
export const reconsiderationActions = new Composer<BotContext>();

reconsiderationActions.callbackQuery(CB_PATTERNS.rc, async (ctx) => {
  const code = ctx.match[1] as RcButton;
  const caseId = Number(ctx.match[2]);
  const arg = ctx.match[3] === undefined ? undefined : Number(ctx.match[3]);
  await ctx.answerCallbackQuery();
  const c = await ctx.core.cases.get(caseId);
  if (!c || c.kind !== "RECONSIDERATION") return ctx.reply(ctx.t("staff-not-found"));
  const staff = ctx.staffMember!;
  const actor = toStaffActor(staff);
  const locale = staff.locale;
  const say = (r: { ok: true } | { ok: false; reason: "not_found" | "forbidden" | "not_allowed"; status?: Case["status"] }, done: string) =>
    ctx.reply(r.ok ? ctx.t(done, { number: c.number }) : refusalText(ctx.core.i18n, locale, r, c.number));
  const cases = ctx.core.cases;

  // Offered only when the table allows it now, so nobody types what would then be refused.
  const v = allowed(ACTION[code], actor, c, { now: ctx.core.now() });
  if (!v.ok) return ctx.reply(`${refusalText(ctx.core.i18n, locale, { ok: false, reason: v.reason, status: c.status }, c.number)}${rcWhy(ctx, code, c)}`);

  switch (code) {
    case "acs":
    case "aco":
      return say(await cases.acceptReconsideration(c.id, actor, code === "acs" ? "simplified" : "ordinary"), "rc-staff-accepted");
    case "ahp": {
      const assigned = detailsOf(c).handlers ?? [];
      const office = await ctx.core.prisma.staffMember.findMany({
        where: { departmentId: c.departmentId ?? -1, role: "HANDLER", active: true, id: { notIn: assigned } },
        orderBy: { id: "asc" },
      });
      if (office.length === 0) return ctx.reply(ctx.t("rc-staff-no-handlers", { number: c.number }));
      return ctx.reply(ctx.t("rc-staff-pick-handler", { number: c.number }), { reply_markup: handlerPickerKeyboard(c.id, office) });
    }
    case "ah":
      return say(await cases.assignReconsiderationHandler(c.id, actor, arg ?? -1), "rc-staff-handler-assigned");
    case "maj":
      return say(await cases.markReconsiderationMajor(c.id, actor), "rc-staff-marked-major");
    case "apv":
      return say(await cases.approveDecision(c.id, actor), "rc-staff-decision-approved");
    case "hcf":
      return say(await cases.confirmHearing(c.id, actor), "rc-staff-hearing-confirmed-you");
    case "dec":
      return ctx.reply(ctx.t("rc-staff-pick-decision", { number: c.number }), { reply_markup: decisionTypeKeyboard(ctx.core.i18n, locale, c.id) });
    case "end":
      return ctx.reply(ctx.t("rc-staff-pick-ending", { number: c.number }), { reply_markup: endingKeyboard(ctx.core.i18n, locale, c.id) });
    default: {
      if ((code === "dt" && !DECISION_TYPE_LIST[arg ?? -1]) || (code === "en" && !ENDINGS[arg ?? -1])) return ctx.reply(ctx.t("button-expired"));
      await ctx.conversation.exitAll();
      await ctx.conversation.enter(RC_INPUT, { code: code as RcInputCode, caseId: c.id, number: c.number, staffId: actor.id, locale, ...(arg === undefined ? {} : { index: arg }) });
    }
  }
});

/** Why the 2-or-3 rule or art. 50 refused a hearing or a decision, so the office knows what is missing. */
function rcWhy(ctx: BotContext, code: RcButton, c: Case): string {
  if (code !== "hr" && code !== "dec" && code !== "dt" && code !== "apv") return "";
  const d = detailsOf(c);
  const have = d.handlers?.length ?? 0;
  const need = code === "hr" ? Math.max(3, d.major ? 3 : 2) : d.major ? 3 : 2;
  if (have < need) return `\n${ctx.t("rc-staff-too-few-handlers", { have, need })}`;
  if (code !== "hr" && d.major && !d.hearing) return `\n${ctx.t("rc-staff-major-needs-hearing")}`;
  return "";
}
