import { Composer } from "grammy";
import type { BotContext } from "../../shared/context.js";
import { CB_PATTERNS } from "../../../src/telegram/callback-data.js";
import { dropButtons } from "../../shared/drop-buttons.js";
import { formatDay } from "../../../src/i18n/i18n.js";
import { callBackAnswer, OPERATOR_CALL, OPERATOR_REPLY } from "../conversations/operator-call.js";

/**
 * A hotline operator's work in the staff bot: `/call` files a request for a caller, `/callbacks`
 * lists the call-backs still owed, and the buttons under each call-back task record what the
 * caller said (src/channels/call-backs.ts, src/channels/operator-service.ts).
 */
export const operatorActions = new Composer<BotContext>();

const isOperator = (ctx: BotContext) => ctx.staffMember?.active === true && ctx.staffMember.role === "OPERATOR";

operatorActions.command("call", async (ctx) => {
  if (!isOperator(ctx)) return ctx.reply(ctx.t("operator-only"));
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(OPERATOR_CALL, { staffId: ctx.staffMember!.id, locale: ctx.staffMember!.locale });
});

operatorActions.command("callbacks", async (ctx) => {
  if (!isOperator(ctx)) return ctx.reply(ctx.t("operator-only"));
  const owed = await ctx.core.callBacks.pending(ctx.staffMember!.id);
  if (owed.length === 0) return ctx.reply(ctx.t("operator-callbacks-none"));
  const lines = owed.slice(0, 30).map((o) =>
    ctx.t("operator-callbacks-line", { number: o.number, caller: o.caller, what: ctx.t("operator-notice", { type: o.type }), since: formatDay(o.createdAt, ctx.staffMember!.locale) }),
  );
  await ctx.reply([ctx.t("operator-callbacks-header", { count: owed.length }), ...lines].join("\n"));
});

operatorActions.callbackQuery(CB_PATTERNS.callBack, async (ctx) => {
  await ctx.answerCallbackQuery();
  const [what, caseId, outboxId] = [ctx.match[1], Number(ctx.match[2]), Number(ctx.match[3])];
  const locale = ctx.staffMember?.locale ?? "zh-CN";
  if (!isOperator(ctx)) return ctx.reply(ctx.t("operator-only"));
  const c = await ctx.core.cases.get(caseId);
  if (!c) return ctx.reply(ctx.t("staff-not-found"));
  const staffId = ctx.staffMember!.id;
  if (what === "rp") {
    return ctx.conversation.enter(OPERATOR_REPLY, { staffId, locale, caseId, number: c.number, outboxId });
  }
  const r =
    what === "ok" ? await ctx.core.callBacks.told(staffId, caseId, outboxId) : await ctx.core.callBacks.recordRating(staffId, caseId, outboxId, what === "y");
  if (r.ok) await dropButtons(ctx);
  const done = what === "ok" ? "operator-told-recorded" : what === "y" ? "operator-satisfied-recorded" : "operator-unsatisfied-recorded";
  await ctx.reply(callBackAnswer(ctx.core, locale, r, done, c.number));
});
