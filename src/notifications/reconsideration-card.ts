import { InlineKeyboard } from "grammy";
import type { I18n } from "@grammyjs/i18n";
import type { Case, StaffMember } from "../generated/prisma/client.js";
import { cb, type RcButton } from "../telegram/callback-data.js";
import { formatDay } from "../i18n/i18n.js";
import { DECISION_TYPE_LIST, detailsOf, ENDINGS, handlerCount, requiredHandlers, stageOf } from "../reconsideration/reconsideration.js";

type T = (k: string, v?: Record<string, string | number>) => string;
const day = (iso: string | undefined, locale: string) => (iso ? formatDay(new Date(iso), locale) : "-");

/**
 * A reconsideration as staff see it: the application (art. 22), its stage, the clock in force, the
 * handlers against the 2-or-3 rule, the respondent's reply (art. 48), the hearing (art. 50) and a
 * late application's reason (art. 20 ¶2). Staff never see the applicant's Telegram identity.
 */
export function renderReconsiderationCard(i18n: I18n, locale: string, c: Case, names: Map<number, string> = new Map()): string {
  const t: T = (k, v) => i18n.t(locale, k, v);
  const d = detailsOf(c);
  const who = (id: number) => names.get(id) ?? `#${id}`;
  const lines = [
    t("rc-card", {
      number: c.number,
      stage: t(`rc-stage-${stageOf(c)}`),
      due: formatDay(c.dueAt, locale),
      applicant: d.applicant ? `${d.applicant.name}（${d.applicant.phone}）` : "-",
      respondent: d.respondent?.name ?? "-",
      act: d.act ?? "-",
      learned: d.learnedOn ?? "-",
      request: d.request ?? "-",
      reasons: d.reasons ?? "-",
      evidence: d.evidence?.length ?? 0,
    }),
  ];
  if (d.representative) lines.push(t("rc-card-representative", { name: d.representative.name, phone: d.representative.phone }));
  if (d.late) lines.push(t("rc-card-late", { end: d.late.windowEnd, reason: d.late.reason }));
  if (!d.noticeNamedRemedy && d.learnedOn) lines.push(t("rc-card-no-remedy-notice"));
  if (d.procedure) lines.push(t("rc-card-procedure", { procedure: t(`rc-procedure-${d.procedure}`), deemed: d.deemedAccepted ? t("rc-card-deemed") : "" }));
  if (d.procedure) {
    lines.push(
      t("rc-card-handlers", {
        handlers: (d.handlers ?? []).map((id, i) => (i === 0 ? `${who(id)}（${t("rc-lead")}）` : who(id))).join("、") || "-",
        count: handlerCount(d),
        required: requiredHandlers(d),
        major: d.major ? t("rc-major") : "",
      }),
    );
  }
  if (d.reply) lines.push(d.reply.receivedAt ? t("rc-card-reply-received", { text: d.reply.text ?? "" }) : t("rc-card-reply-due", { due: day(d.reply.dueAt, locale) }));
  if (d.hearing) lines.push(t("rc-card-hearing", { at: d.hearing.at, place: d.hearing.place, recorder: d.hearing.recorder }));
  if (d.extension) lines.push(t("rc-card-extension", { days: d.extension.days, reason: d.extension.reason }));
  if (d.proposal) lines.push(t("rc-card-proposal", { type: t(`rc-decision-${d.proposal.type}`), text: d.proposal.text }));
  return lines.join("\n");
}

/** Names of the staff a card mentions (the assigned handlers), read once per card. */
export function staffNames(staff: Pick<StaffMember, "id" | "displayName">[]): Map<number, string> {
  return new Map(staff.map((s) => [s.id, s.displayName]));
}

const LABEL: Partial<Record<RcButton, string>> = {
  acs: "rc-btn-accept-simplified",
  aco: "rc-btn-accept-ordinary",
  na: "rc-btn-not-accept",
  cor: "rc-btn-correction",
  ahp: "rc-btn-assign",
  maj: "rc-btn-major",
  hr: "rc-btn-hearing",
  ext: "rc-btn-extend",
  dec: "rc-btn-decide",
  end: "rc-btn-end",
};

/** The office's buttons for the stage the case is in; the rules table decides again when one is pressed. */
export function reconsiderationKeyboard(i18n: I18n, locale: string, c: Pick<Case, "id" | "status">): InlineKeyboard {
  const rows: RcButton[][] =
    c.status === "ASSIGNED" ? [["acs", "aco"], ["na", "cor"], ["end"]] : c.status === "IN_PROGRESS" ? [["ahp", "maj"], ["hr", "ext"], ["dec", "end"]] : [];
  const kb = new InlineKeyboard();
  for (const row of rows) {
    for (const b of row) kb.text(i18n.t(locale, LABEL[b]!), cb.rc(b, c.id));
    kb.row();
  }
  return kb;
}

/** The head's decision buttons under a proposed decision. */
export function decisionApprovalKeyboard(i18n: I18n, locale: string, caseId: number): InlineKeyboard {
  return new InlineKeyboard().text(i18n.t(locale, "rc-btn-approve"), cb.rc("apv", caseId)).text(i18n.t(locale, "rc-btn-reject"), cb.rc("rej", caseId));
}

/** The office's handlers, one button each, for the head to assign. */
export function handlerPickerKeyboard(caseId: number, staff: Pick<StaffMember, "id" | "displayName">[]): InlineKeyboard {
  const kb = new InlineKeyboard();
  staff.forEach((s, i) => {
    kb.text(s.displayName, cb.rc("ah", caseId, s.id));
    if (i % 2 === 1) kb.row();
  });
  return kb;
}

export function decisionTypeKeyboard(i18n: I18n, locale: string, caseId: number): InlineKeyboard {
  const kb = new InlineKeyboard();
  DECISION_TYPE_LIST.forEach((type, i) => {
    kb.text(i18n.t(locale, `rc-decision-${type}`), cb.rc("dt", caseId, i));
    if (i % 2 === 1) kb.row();
  });
  return kb;
}

export function endingKeyboard(i18n: I18n, locale: string, caseId: number): InlineKeyboard {
  const kb = new InlineKeyboard();
  ENDINGS.forEach((e, i) => kb.text(i18n.t(locale, `rc-ending-${e}`), cb.rc("en", caseId, i)));
  return kb;
}

/** The respondent department's card: its written reply (art. 48), and a hearing to confirm. */
export function respondentKeyboard(i18n: I18n, locale: string, caseId: number, hearing: boolean): InlineKeyboard {
  const kb = new InlineKeyboard().text(i18n.t(locale, "rc-btn-reply"), cb.rc("rpl", caseId));
  if (hearing) kb.text(i18n.t(locale, "rc-btn-confirm-hearing"), cb.rc("hcf", caseId));
  return kb;
}

export function applicantHearingKeyboard(i18n: I18n, locale: string, caseId: number): InlineKeyboard {
  return new InlineKeyboard().text(i18n.t(locale, "rc-btn-confirm-hearing"), cb.rcHearing(caseId));
}

/** Under a disclosure answer that names reconsideration: start /reconsider with it filled in. */
export function startReconsiderationKeyboard(i18n: I18n, locale: string, caseId: number): InlineKeyboard {
  return new InlineKeyboard().text(i18n.t(locale, "rc-btn-start"), cb.rcStart(caseId));
}
