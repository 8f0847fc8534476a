import { InlineKeyboard } from "grammy";
import type { Conversation } from "@grammyjs/conversations";
import type { Core } from "../../../src/core.js";
import type { BotContext, ConvContext } from "../../shared/context.js";
import { applicationWindowEnd, isLateApplication } from "../../../src/clock/reconsideration.js";
import { shanghaiDay } from "../../../src/clock/calendar.js";
import { OFFICE_CODE, type ReconsiderationDetails } from "../../../src/reconsideration/reconsideration.js";
import { normalizePhone, PHONE_PATTERN, type IntakeArgs } from "./intake.js";
import { createPrompts, fileCase } from "./prompts.js";
import { incomingFile, receiveInForm } from "../../shared/media-input.js";
import { dropButtons } from "../../shared/drop-buttons.js";

export const RECONSIDERATION_INTAKE = "reconsideration";
const MAX_PHOTOS = 10;
const DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/** What an application started from a disclosure answer already knows: the respondent, the act, the day it was received. */
export type ReconsiderationPrefill = {
  fromCaseId: number;
  respondent: { departmentId: number | null; name: string };
  act: string;
  learnedOn: string;
  /** The answer's remedy notice named the reconsideration body and the 60 days (复议法 art. 20 ¶3 does not apply). */
  noticeNamedRemedy: boolean;
};
export type ReconsiderationArgs = IntakeArgs & { prefill?: ReconsiderationPrefill };

/** "2026-5-20" or "2026-05-20" as a real calendar day, or null. */
function parseDay(s: string): string | null {
  const m = DAY.exec(s.trim().replace(/[年月]/g, "-").replace(/日$/, ""));
  if (!m) return null;
  const day = `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
  return new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day ? day : null;
}

/**
 * An application for administrative reconsideration, asking what art. 22 of the 行政复议法 needs:
 * the applicant (and a representative), the respondent agency, the act challenged and when the
 * applicant learned of it, the request and its reasons, evidence photos. A late application
 * (art. 20) is not refused: its reason is asked and it is flagged for the office to weigh.
 */
export function createReconsiderationConversation(core: Core) {
  const { i18n } = core;

  return async function reconsideration(conversation: Conversation<BotContext, ConvContext>, ctx: ConvContext, args: ReconsiderationArgs) {
    const t = (key: string, vars?: Record<string, string | number>) => i18n.t(args.locale, key, vars);
    const { text, choose, confirm, otherwise } = createPrompts(conversation, ctx, t, "rf:");
    const pre = args.prefill;

    await ctx.reply(pre ? t("rc-form-intro-prefilled", { respondent: pre.respondent.name, act: pre.act, learned: pre.learnedOn }) : t("rc-form-intro"));
    const name = await text(t("rc-form-name"));
    const phone = normalizePhone(await text(t("intake-phone"), (s) => (PHONE_PATTERN.test(normalizePhone(s)) ? null : "intake-phone-invalid")));
    let representative: ReconsiderationDetails["representative"];
    if ((await choose(t("rc-form-representative"), [["rc-form-btn-no", "norep"], ["rc-form-btn-yes", "rep"]])) === "rep") {
      const repName = await text(t("rc-form-representative-name"));
      const repPhone = normalizePhone(await text(t("intake-phone"), (s) => (PHONE_PATTERN.test(normalizePhone(s)) ? null : "intake-phone-invalid")));
      representative = { name: repName, phone: repPhone };
    }

    let respondent = pre?.respondent;
    if (!respondent) {
      const departments = await conversation.external(() =>
        core.prisma.department.findMany({ where: { code: { not: OFFICE_CODE } }, orderBy: { id: "asc" }, select: { id: true, nameZh: true, nameEn: true } }),
      );
      const zh = args.locale.startsWith("zh");
      const kb = new InlineKeyboard();
      departments.forEach((d, i) => {
        kb.text(zh ? d.nameZh : d.nameEn, `rf:d${d.id}`);
        if (i % 2 === 1) kb.row();
      });
      kb.row().text(t("rc-form-btn-other-agency"), "rf:other");
      await ctx.reply(t("rc-form-respondent"), { reply_markup: kb });
      const pick = await conversation.waitForCallbackQuery(/^rf:(d\d+|other)$/, { otherwise: otherwise("intake-choose-button") });
      await pick.answerCallbackQuery();
      const picked = departments.find((d) => `rf:d${d.id}` === pick.callbackQuery.data);
      respondent = picked
        ? { departmentId: picked.id, name: picked.nameZh }
        : { departmentId: null, name: await text(t("rc-form-respondent-other")) };
    }
    const act = pre?.act ?? (await text(t("rc-form-act"), (s) => (s.length >= 4 ? null : "intake-text-expected")));
    const today = await conversation.external(() => shanghaiDay(core.now()));
    const learnedOn =
      pre?.learnedOn ??
      parseDay(
        await text(t("rc-form-learned"), (s) => {
          const d = parseDay(s);
          return !d ? "rc-form-learned-invalid" : d > today ? "rc-form-learned-future" : null;
        }),
      )!;
    const noticeNamedRemedy =
      pre?.noticeNamedRemedy ?? (await choose(t("rc-form-notice-named"), [["rc-form-btn-yes", "named"], ["rc-form-btn-no", "unnamed"]])) === "named";
    const request = await text(t("rc-form-request"), (s) => (s.length >= 4 ? null : "intake-text-expected"));
    const reasons = await text(t("rc-form-reasons"), (s) => (s.length >= 6 ? null : `!${t("intake-too-short", { min: 6 })}`));

    // Evidence (art. 22): photos and documents, fetched once through this bot and kept (src/media/),
    // so that the office sees them with the card; too large or of another type is answered.
    const evidence: string[] = [];
    const mediaIds: number[] = [];
    let prompt = await ctx.reply(t("rc-form-evidence"), { reply_markup: new InlineKeyboard().text(t("btn-skip"), "rf:skip") });
    while (evidence.length < MAX_PHOTOS) {
      const u = await conversation.waitFor(["message:photo", "message:document", "callback_query:data"], { otherwise: otherwise("intake-photo-expected") });
      if (u.callbackQuery) {
        if (!u.callbackQuery.data.startsWith("rf:")) await conversation.skip({ next: true });
        await u.answerCallbackQuery();
        if (u.callbackQuery.data === "rf:skip" || u.callbackQuery.data === "rf:done") {
          await dropButtons(u);
          break;
        }
        continue;
      }
      const file = incomingFile(u.message);
      if (!file) continue;
      const r = await receiveInForm(conversation, u, t, core, { bot: "citizen", id: args.citizenId }, file);
      if (!r) continue;
      evidence.push(r.fileId);
      mediaIds.push(r.id);
      const count = evidence.length;
      await u.api.editMessageReplyMarkup(prompt.chat.id, prompt.message_id).catch(() => undefined);
      prompt = await u.reply(r.kind === "photo" ? t("intake-photo-added", { count }) : t("intake-file-added", { name: r.name, count }), {
        reply_markup: new InlineKeyboard().text(t("btn-done"), "rf:done"),
      });
    }

    // art. 20: the window is checked, never enforced by the bot; the office weighs the reason (¶2).
    const filedAt = await conversation.external(() => core.now().toISOString());
    let late: ReconsiderationDetails["late"];
    if (isLateApplication(learnedOn, noticeNamedRemedy, new Date(filedAt))) {
      const windowEnd = applicationWindowEnd(learnedOn, noticeNamedRemedy);
      const reason = await text(t("rc-form-late", { end: windowEnd }), (s) => (s.length >= 2 ? null : "intake-text-expected"));
      late = { windowEnd, reason };
    }

    const details: ReconsiderationDetails = {
      applicant: { name, phone },
      ...(representative ? { representative } : {}),
      respondent,
      act,
      learnedOn,
      noticeNamedRemedy,
      request,
      reasons,
      evidence,
      ...(pre ? { fromCaseId: pre.fromCaseId } : {}),
      ...(late ? { late } : {}),
    };
    const decision = await confirm(
      t("rc-form-summary", {
        name,
        phone,
        representative: representative ? `${representative.name}（${representative.phone}）` : "-",
        respondent: respondent.name,
        act,
        learned: learnedOn,
        request,
        reasons,
        evidence: evidence.length,
        late: late ? `\n${t("rc-form-summary-late", { reason: late.reason })}` : "",
      }),
    );
    if (!decision) return;
    await fileCase(
      conversation,
      decision,
      core,
      args,
      {
        kind: "RECONSIDERATION",
        text: `${request}\n${reasons}`,
        attachments: evidence,
        mediaIds,
        anonymous: false,
        contactName: name,
        contactPhone: phone,
        details: details as never,
      },
      { receipt: late ? "rc-receipt-late" : "rc-receipt" },
    );
  };
}
