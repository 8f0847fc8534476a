import type { Conversation } from "@grammyjs/conversations";
import type { Core } from "../../../src/core.js";
import type { BotContext, ConvContext } from "../../shared/context.js";
import type { ActionResult } from "../../../src/cases/case-service.js";
import { refusalText } from "../../shared/refusal.js";
import { toStaffActor } from "../../../src/staff/staff-service.js";
import { DECISION_TYPE_LIST, ENDINGS } from "../../../src/reconsideration/reconsideration.js";
import { RECONSIDERATION } from "../../../src/clock/reconsideration.js";
import { INPUT_MAX } from "./staff-input.js";

export const RC_INPUT = "rcInput";

/** What a reconsideration button needs typed: a reason, a 补正 notice, a hearing, an extension, a decision, an ending, the respondent's reply. */
export type RcInputCode = "na" | "cor" | "hr" | "ext" | "dt" | "rej" | "en" | "rpl";
export type RcInputArgs = { code: RcInputCode; caseId: number; number: string; staffId: number; locale: string; index?: number };

const PROMPT: Record<RcInputCode, string> = {
  na: "rc-staff-prompt-not-accept",
  cor: "rc-staff-prompt-correction",
  hr: "rc-staff-prompt-hearing",
  ext: "rc-staff-prompt-extension-reason",
  dt: "rc-staff-prompt-decision",
  rej: "rc-staff-prompt-reject",
  en: "rc-staff-prompt-ending",
  rpl: "rc-staff-prompt-reply",
};

/** "2026-06-20 09:30；区政府 3 楼听证室；王某": time, place and recorder of a hearing (art. 50). */
export function parseHearing(s: string): { at: string; place: string; recorder: string } | null {
  const parts = s.split(/[;；]/).map((p) => p.trim());
  if (parts.length !== 3 || parts.some((p) => p.length === 0)) return null;
  return { at: parts[0], place: parts[1], recorder: parts[2] };
}

/** One line (two for an extension: days, then the reason) typed by office or respondent staff, then the action. */
export function createReconsiderationInputConversation(core: Core) {
  return async function rcInput(conversation: Conversation<BotContext, ConvContext>, ctx: ConvContext, args: RcInputArgs) {
    const t = (key: string, vars?: Record<string, string | number>) => core.i18n.t(args.locale, key, vars);
    async function line(prompt: string, valid: (s: string) => boolean, invalid: string): Promise<string> {
      await ctx.reply(prompt);
      for (;;) {
        const u = await conversation.wait();
        if (u.callbackQuery) await conversation.halt({ next: true });
        if (u.message?.text?.startsWith("/")) await conversation.skip({ next: true });
        const s = u.message?.text?.trim() ?? "";
        if (s.length > 0 && s.length <= INPUT_MAX && valid(s)) return s;
        await u.reply(t(invalid));
      }
    }
    const max = RECONSIDERATION.maxExtensionDays;
    const days = args.code === "ext" ? Number(await line(t("rc-staff-prompt-extension-days", { max }), (s) => /^\d{1,2}$/.test(s) && Number(s) >= 1 && Number(s) <= max, "rc-staff-extension-days-invalid")) : 0;
    const text = await line(
      t(PROMPT[args.code], { number: args.number }),
      (s) => args.code !== "hr" || parseHearing(s) !== null,
      args.code === "hr" ? "rc-staff-hearing-invalid" : "staff-text-expected",
    );
    const result = await conversation.external(async (): Promise<{ ok: true } | Extract<ActionResult, { ok: false }>> => {
      const staff = await core.staff.get(args.staffId);
      if (!staff) return { ok: false, reason: "forbidden" };
      const actor = toStaffActor(staff);
      const c = core.cases;
      const r = await {
        na: () => c.notAcceptReconsideration(args.caseId, actor, text),
        cor: () => c.requestReconsiderationCorrection(args.caseId, actor, text),
        hr: () => c.scheduleHearing(args.caseId, actor, parseHearing(text)!),
        ext: () => c.extendReconsideration(args.caseId, actor, days, text),
        dt: () => c.proposeDecision(args.caseId, actor, DECISION_TYPE_LIST[args.index ?? -1], text),
        rej: () => c.rejectDecision(args.caseId, actor, text),
        en: () => c.endReconsideration(args.caseId, actor, ENDINGS[args.index ?? -1], text),
        rpl: () => c.respondentReply(args.caseId, actor, text),
      }[args.code]();
      return r.ok ? { ok: true } : r;
    });
    await ctx.reply(result.ok ? t("rc-staff-done", { number: args.number }) : refusalText(core.i18n, args.locale, result, args.number));
  };
}
