import type { Conversation } from "@grammyjs/conversations";
import type { Core } from "../../../src/core.js";
import type { BotContext, ConvContext } from "../../shared/context.js";
import type { ActionResult } from "../../../src/cases/case-service.js";
import { refusalText } from "../../shared/refusal.js";

export const STAFF_INPUT = "staffInput";
export const INPUT_MAX = 4000;

export type StaffInputAction = "ask" | "ret" | "ans";
export type StaffInputArgs = { action: StaffInputAction; caseId: number; number: string; staffId: number; locale: string };

const PROMPT: Record<StaffInputAction, string> = { ask: "staff-ask-prompt", ret: "staff-return-prompt", ans: "staff-answer-prompt" };
const DONE: Record<StaffInputAction, string> = { ask: "staff-asked", ret: "staff-returned", ans: "staff-answered" };

/**
 * One line of text from a handler (a question for the citizen, a reason for returning, or the
 * answer), then the action. Permissions are checked again when it is applied.
 */
export function createStaffInputConversation(core: Core) {
  return async function staffInput(conversation: Conversation<BotContext, ConvContext>, ctx: ConvContext, args: StaffInputArgs) {
    const t = (key: string, vars?: Record<string, string | number>) => core.i18n.t(args.locale, key, vars);
    await ctx.reply(t(PROMPT[args.action], { number: args.number }));
    let text = "";
    for (;;) {
      const u = await conversation.wait();
      // Pressing another button abandons this input and lets that button do its job.
      if (u.callbackQuery) await conversation.halt({ next: true });
      if (u.message?.text?.startsWith("/")) await conversation.skip({ next: true });
      text = u.message?.text?.trim() ?? "";
      if (text.length > 0 && text.length <= INPUT_MAX) break;
      await u.reply(t("staff-text-expected"));
    }
    const result = await conversation.external(async (): Promise<{ ok: true } | Extract<ActionResult, { ok: false }>> => {
      const staff = await core.staff.get(args.staffId);
      if (!staff) return { ok: false, reason: "forbidden" };
      const actor = { kind: "staff" as const, id: staff.id, role: staff.role, departmentId: staff.departmentId, active: staff.active };
      const r =
        args.action === "ask"
          ? await core.cases.ask(args.caseId, actor, text)
          : args.action === "ret"
            ? await core.cases.returnToDispatch(args.caseId, actor, text)
            : await core.cases.answer(args.caseId, actor, text);
      return r.ok ? { ok: true } : r;
    });
    await ctx.reply(result.ok ? t(DONE[args.action], { number: args.number }) : refusalText(core.i18n, args.locale, result, args.number));
  };
}
