import type { Conversation } from "@grammyjs/conversations";
import type { Core } from "../../../src/core.js";
import type { BotContext, ConvContext } from "../../shared/context.js";
import type { ActionResult } from "../../../src/cases/case-service.js";
import { refusalText } from "../../shared/refusal.js";
import { incomingFile, receiveInForm } from "../../shared/media-input.js";
import { visibleLength } from "../../../src/text/sanitize.js";
import type { DisclosureReplyType } from "../../../src/disclosure/reply-types.js";
import { MAX_CORRECTION_DAYS } from "../../../src/cases/rules.js";
import { AGREEMENT_FIELDS, type AgreementInput } from "../../../src/mediation/mediation.js";
import { shanghaiDay } from "../../../src/clock/calendar.js";

/** A real day given as YYYY-MM-DD (or YYYY-M-D), as YYYY-MM-DD; null if it is not one. */
function dayOf(s: string): string | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (!m) return null;
  const day = `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
  const t = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === day ? day : null;
}
import { proposeKeyboard } from "../../../src/notifications/publication-notices.js";

export const STAFF_INPUT = "staffInput";
export const INPUT_MAX = 4000;
/** Telegram sends at most 10 documents in one album; an answer carries at most that many. */
export const MAX_ANSWER_FILES = 10;

export type StaffInputAction = "ask" | "ret" | "ans" | "cor" | "ext" | "agr" | "cmt" | "rvu" | "rvc";
export type StaffInputArgs = {
  action: StaffInputAction;
  caseId: number;
  number: string;
  staffId: number;
  locale: string;
  /** For answering a disclosure request: its statutory type. */
  replyType?: DisclosureReplyType;
  /** For an extension: the longest one this case may have, and whether it counts calendar days (a complaint). */
  maxDays?: number;
  calendarDays?: boolean;
};

const PROMPT: Record<StaffInputAction, string> = {
  ask: "staff-ask-prompt",
  ret: "staff-return-prompt",
  ans: "staff-answer-prompt",
  cor: "staff-correction-prompt",
  ext: "staff-extension-reason",
  agr: "staff-agreement-start",
  cmt: "staff-correction-reason",
  rvu: "staff-review-opinion-prompt",
  rvc: "staff-review-opinion-prompt",
};
const DONE: Record<StaffInputAction, string> = {
  ask: "staff-asked",
  ret: "staff-returned",
  ans: "staff-answered",
  cor: "staff-correction-sent",
  ext: "staff-extension-sent",
  agr: "staff-agreement-sent",
  cmt: "staff-correction-more-time-sent",
  rvu: "staff-review-sent",
  rvc: "staff-review-sent",
};

/**
 * One line of text from a handler (a question for the citizen, a reason for returning, or the
 * answer), then the action. Permissions are checked again when it is applied.
 */
export function createStaffInputConversation(core: Core) {
  return async function staffInput(conversation: Conversation<BotContext, ConvContext>, ctx: ConvContext, args: StaffInputArgs) {
    const t = (key: string, vars?: Record<string, string | number>) => core.i18n.t(args.locale, key, vars);
    /** Documents (and photos) attached to an answer: kept through the staff bot, sent to the citizen with it. */
    const files: number[] = [];
    async function line(prompt: string, valid: (s: string) => boolean, invalid: string, takeFiles = false): Promise<string> {
      await ctx.reply(prompt);
      for (;;) {
        const u = await conversation.wait();
        // Pressing another button abandons this input and lets that button do its job.
        if (u.callbackQuery) await conversation.halt({ next: true });
        if (u.message?.text?.startsWith("/")) await conversation.skip({ next: true });
        const file = takeFiles ? incomingFile(u.message) : null;
        if (file && files.length < MAX_ANSWER_FILES) {
          const r = await receiveInForm(conversation, u, t, core, { bot: "staff", id: args.staffId }, file);
          if (!r) continue;
          files.push(r.id);
          // A file sent with a caption is the answer with its attachment, in one message.
          const caption = u.message?.caption?.trim() ?? "";
          if (caption.length > 0 && caption.length <= INPUT_MAX) return caption;
          await u.reply(t("staff-file-attached", { name: r.name, count: files.length }));
          continue;
        }
        const s = u.message?.text?.trim() ?? "";
        // Nothing visible is no answer; over INPUT_MAX it would not fit the citizen's message.
        if (s.length > INPUT_MAX) await u.reply(t("input-too-long", { max: INPUT_MAX, count: s.length }));
        else if (visibleLength(s) > 0 && valid(s)) return s;
        else await u.reply(t(invalid));
      }
    }
    const maxExt = args.maxDays ?? 20;
    const days =
      args.action === "ext"
        ? Number(
            await line(
              args.calendarDays ? t("staff-extension-days-complaint", { max: maxExt }) : t("staff-extension-days"),
              (s) => /^\d{1,2}$/.test(s) && Number(s) >= 1 && Number(s) <= maxExt,
              args.calendarDays ? "staff-extension-days-complaint-invalid" : "staff-extension-days-invalid",
            ),
          )
        : args.action === "cmt"
          ? Number(await line(t("staff-correction-days"), (s) => /^\d{1,2}$/.test(s) && Number(s) >= 1 && Number(s) <= MAX_CORRECTION_DAYS, "staff-correction-days-invalid"))
          : 0;
    // A mediation agreement is entered field by field, as 人民调解法 art. 29 lists its content.
    const agreement: Partial<AgreementInput> = {};
    if (args.action === "agr") {
      await ctx.reply(t("staff-agreement-start", { number: args.number }));
      // The clock read once through the conversation, so a replay judges the date as it was judged.
      const today = new Date(await conversation.external(() => core.now().getTime()));
      for (const field of AGREEMENT_FIELDS) {
        agreement[field] =
          field === "byDate"
            ? dayOf(await line(t("staff-agreement-field-byDate"), (s) => dayOf(s) !== null && dayOf(s)! >= shanghaiDay(today), "staff-agreement-date-invalid"))!
            : await line(t(`staff-agreement-field-${field}`), () => true, "staff-text-expected");
      }
    }
    const text = args.action === "agr" ? "" : await line(t(PROMPT[args.action], { number: args.number }), () => true, "staff-text-expected", args.action === "ans");
    const result = await conversation.external(async (): Promise<{ ok: true; publishable: boolean } | Extract<ActionResult, { ok: false }>> => {
      const staff = await core.staff.get(args.staffId);
      if (!staff) return { ok: false, reason: "forbidden" };
      const actor = { kind: "staff" as const, id: staff.id, role: staff.role, departmentId: staff.departmentId, active: staff.active };
      const r = await {
        ask: () => core.cases.ask(args.caseId, actor, text),
        ret: () => core.cases.returnToDispatch(args.caseId, actor, text),
        ans: () => core.cases.answer(args.caseId, actor, text, args.replyType, files),
        cor: () => core.cases.requestCorrection(args.caseId, actor, text),
        ext: () => core.cases.requestExtension(args.caseId, actor, days, text),
        agr: () => core.cases.draftAgreement(args.caseId, actor, agreement as AgreementInput),
        cmt: () => core.cases.giveCorrectionTime(args.caseId, actor, days, text),
        rvu: () => core.cases.decideReview(args.caseId, actor, "upheld", text),
        rvc: () => core.cases.decideReview(args.caseId, actor, "changed", text),
      }[args.action]();
      // An answered complaint's result may be proposed for the public page (item 31): the button rides on the confirmation.
      return r.ok ? { ok: true, publishable: args.action === "ans" && r.case.kind === "COMPLAINT" && r.case.status === "CLOSED" } : r;
    });
    if (!result.ok) return void (await ctx.reply(refusalText(core.i18n, args.locale, result, args.number)));
    if (!result.publishable) return void (await ctx.reply(t(DONE[args.action], { number: args.number })));
    await ctx.reply(`${t(DONE[args.action], { number: args.number })}\n\n${t("staff-answered-publishable")}`, {
      reply_markup: proposeKeyboard(core.i18n, args.locale, args.caseId),
    });
  };
}
