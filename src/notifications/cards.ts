import { channelOf } from "../channels/channel-intake.js";
import { InlineKeyboard } from "grammy";
import type { I18n } from "@grammyjs/i18n";
import type { Case, Department } from "../generated/prisma/client.js";
import { cb, STAFF_BUTTON_ACTION, type StaffButton } from "../telegram/callback-data.js";
import { RULES } from "../cases/rules.js";
import type { ClassifierReasons } from "../cases/case-service.js";
import { formatDay, formatDue } from "../i18n/i18n.js";
import { maskIdNumber } from "../disclosure/id-number.js";
import { DISCLOSURE_REPLY_TYPES } from "../disclosure/reply-types.js";
import { OUTCOMES, agreementOf, judicialWindowEnd, type MediationDetails } from "../mediation/mediation.js";
import { emergencyOf } from "../emergency/flag.js";
import { numbersText } from "../emergency/alert.js";
import { renderReconsiderationCard } from "./reconsideration-card.js";
import { truncateForCard } from "../telegram/telegram-text.js";

/**
 * A card's budget for what the citizen wrote. With the rest of the card (at most a few hundred
 * characters: fixed lines, a name and phone, a place of 200, a dispatcher's reasons) it stays far
 * below Telegram's 4,096; whatever is cut is one tap away behind "全文" (fullTextButton).
 */
export const CARD_TEXT_MAX = 1500;
export const CARD_REQUEST_MAX = 500;

/** True when the card shows the citizen's text cut short. */
export function cardIsCut(c: Pick<Case, "text" | "details" | "kind">): boolean {
  const request = c.kind === "MEDIATION" ? ((c.details as MediationDetails | null)?.request ?? "") : "";
  return c.text.length > CARD_TEXT_MAX || request.length > CARD_REQUEST_MAX;
}

/** Adds the "全文" button (on a row of its own) to a card's keyboard when its text was cut. */
export function withFullText(kb: InlineKeyboard | undefined, i18n: I18n, locale: string, c: Pick<Case, "id" | "text" | "details" | "kind">): InlineKeyboard | undefined {
  if (!cardIsCut(c)) return kb;
  const out = kb ?? new InlineKeyboard();
  if (out.inline_keyboard.at(-1)?.length) out.row();
  return out.text(i18n.t(locale, "btn-full-text"), cb.fullText(c.id));
}

export function departmentName(d: Pick<Department, "nameZh" | "nameEn"> | null | undefined, locale: string, fallback: string): string {
  if (!d) return fallback;
  return locale.startsWith("zh") ? d.nameZh : d.nameEn;
}

/**
 * The case as staff see it. Privacy relay: never the citizen's Telegram identity, and for an
 * anonymous complaint no name or phone either.
 */
export function renderStaffCard(i18n: I18n, locale: string, c: Case): string {
  if (c.kind === "RECONSIDERATION") return renderReconsiderationCard(i18n, locale, c);
  const t = (k: string, v?: Record<string, string | number>) => i18n.t(locale, k, v);
  const contact =
    c.anonymous || !c.contactName
      ? t("contact-anonymous")
      : t("contact-named", { name: c.contactName, phone: c.contactPhone ?? "-" });
  // Whoever gets the card of an emergency (after dispatch, a transfer, a digest) sees it first.
  const flag = emergencyOf(c.details);
  const banner = flag ? `${t("staff-card-emergency", { numbers: numbersText(t, flag.numbers) })}\n` : "";
  // Filed on the web form or through Open311: the citizen has no chat, so the handler knows questions wait on their status page.
  const channel = channelOf(c.details)?.name;
  const via = channel === "web" || channel === "open311" || channel === "phone" ? `\n${t(`staff-card-channel-${channel}`)}` : "";
  let card = banner + t("staff-card", {
    kind: t(`kind-${c.kind}`),
    number: c.number,
    priority: t(`priority-${c.priority}`),
    status: t(`status-${c.status}`),
    due: formatDue(c.dueAt, locale) + (c.dueProvisional ? t("due-provisional-staff") : ""),
    text: truncateForCard(c.text, CARD_TEXT_MAX).text,
    location: c.location ?? "-",
    photos: c.attachments.length,
    contact,
  }) + via;
  if (c.consultationStartedAt) {
    // 条例 arts. 32–34: the clock stands while the consultation runs; the due date shown assumes it runs its full period.
    card += `\n${t(`staff-card-consulting-${c.consultationKind === "third_party" ? "third-party" : "agency"}`, {
      since: formatDay(c.consultationStartedAt, locale),
      until: c.consultationEndsAt ? formatDay(c.consultationEndsAt, locale) : "-",
      days: c.consultationRemainingDays ?? 0,
    })}`;
  }
  if (c.reviewRequestedAt) {
    // 复查 (信访工作条例 art. 35): asked on that day, due by the card's due date; then its result.
    card += `\n${
      c.reviewDecidedAt
        ? t("staff-card-review-decided", { result: t(`review-result-${c.reviewResult === "changed" ? "changed" : "upheld"}`), at: formatDay(c.reviewDecidedAt, locale) })
        : t("staff-card-review", { since: formatDay(c.reviewRequestedAt, locale), due: formatDue(c.dueAt, locale) })
    }`;
  }
  if (c.extensionState && c.kind === "COMPLAINT") {
    card += `\n${t(`staff-card-extension-${c.extensionState}`, { days: c.extensionDays ?? 0 })}`;
  }
  if (c.status === "AWAITING_CORRECTION" && c.correctionDueAt) {
    card += `\n${t("staff-card-correction-due", { due: formatDay(c.correctionDueAt, locale) })}`;
  }
  if (c.kind === "MEDIATION" && c.details) {
    const m = c.details as MediationDetails;
    const lines = t("staff-card-mediation", {
      other: `${m.otherParty.name}（${m.otherParty.contact}）`,
      type: t(`dispute-${m.disputeType}`),
      request: truncateForCard(m.request, CARD_REQUEST_MAX).text,
      people: m.people,
      answer: t(`party-answer-${m.otherPartyAnswer ?? "pending"}`),
    });
    const a = agreementOf(m);
    const agreement = a
      ? `\n${t("staff-card-agreement", {
          applicant: a.confirmedBy.applicant ? formatDue(new Date(a.confirmedBy.applicant), locale) : t("agreement-unconfirmed"),
          other: a.confirmedBy.other ? formatDue(new Date(a.confirmedBy.other), locale) : t("agreement-unconfirmed"),
        })}${a.effectiveAt ? `\n${t("staff-card-agreement-effective", { date: formatDay(new Date(a.effectiveAt), locale), end: formatDay(judicialWindowEnd(a.effectiveAt), locale) })}` : ""}`
      : "";
    return `${m.proactive ? `${t("staff-card-proactive")}\n` : ""}${card}\n${lines}${agreement}`;
  }
  const d = c.kind === "DISCLOSURE" ? (c.details as DisclosureDetails | null) : null;
  if (!d) return card;
  return `${card}\n${t("staff-card-disclosure", {
    applicant: d.organisation ? `${d.organisation}（${d.name}）` : d.name,
    id: maskIdNumber(d.idNumber),
    phone: d.phone,
    address: d.address,
    form: t(`disclosure-form-${d.form}`),
    delivery: t(`disclosure-delivery-${d.delivery}`),
  })}`;
}

/** What a disclosure request's intake records (Regulations on Open Government Information, art. 29). */
export type DisclosureDetails = {
  name: string;
  organisation?: string;
  idNumber: string;
  phone: string;
  address: string;
  form: "electronic" | "paper";
  delivery: "email" | "post" | "pickup";
};

export function followupKeyboard(i18n: I18n, locale: string, caseId: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(i18n.t(locale, "btn-carried-out"), cb.followup(caseId, true))
    .text(i18n.t(locale, "btn-not-carried-out"), cb.followup(caseId, false));
}

export function outcomeKeyboard(i18n: I18n, locale: string, caseId: number): InlineKeyboard {
  const kb = new InlineKeyboard();
  OUTCOMES.forEach((o) => kb.text(i18n.t(locale, `outcome-${o}`), cb.outcome(caseId, o)));
  return kb;
}

export function extensionKeyboard(i18n: I18n, locale: string, caseId: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(i18n.t(locale, "btn-approve-extension"), cb.extension(caseId, true))
    .text(i18n.t(locale, "btn-reject-extension"), cb.extension(caseId, false));
}

/** The statutory answer types, for a handler answering a disclosure request. */
export function replyTypeKeyboard(i18n: I18n, locale: string, caseId: number): InlineKeyboard {
  const kb = new InlineKeyboard();
  DISCLOSURE_REPLY_TYPES.forEach((type, i) => {
    kb.text(i18n.t(locale, `reply-type-${type}`), cb.replyType(caseId, i));
    if (i % 2 === 1) kb.row();
  });
  return kb;
}

const BUTTON_LABEL: Record<StaffButton, string> = {
  acc: "btn-accept",
  ask: "btn-ask",
  tr: "btn-transfer",
  ret: "btn-return",
  cor: "btn-correction",
  ext: "btn-extension",
  inv: "btn-invite-party",
  pay: "btn-party-yes",
  pan: "btn-party-no",
  out: "btn-outcome",
  ans: "btn-answer",
  rvu: "btn-review-upheld",
  rvc: "btn-review-changed",
};
const CARD_ROWS: StaffButton[][] = [["acc", "ask"], ["tr", "ret"], ["cor", "ext"], ["inv"], ["pay", "pan"], ["out", "ans"], ["rvu", "rvc"]];

/**
 * The card's buttons: those whose action the rules table allows on this kind of case, and, given
 * `may` (the rules table asked for one staff member now), only those that person may press now.
 */
export function staffCardKeyboard(
  i18n: I18n,
  locale: string,
  c: Pick<Case, "id" | "kind">,
  may?: (action: (typeof STAFF_BUTTON_ACTION)[StaffButton]) => boolean,
): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const row of CARD_ROWS) {
    const shown = row.filter(
      (b) => (RULES[STAFF_BUTTON_ACTION[b]].kinds as readonly string[]).includes(c.kind) && (!may || may(STAFF_BUTTON_ACTION[b])),
    );
    if (shown.length === 0) continue;
    if (kb.inline_keyboard.at(-1)?.length) kb.row();
    shown.forEach((b) => kb.text(i18n.t(locale, BUTTON_LABEL[b]), cb.staff(b, c.id)));
  }
  return c.kind === "DISCLOSURE" ? consultationRow(i18n, locale, kb, c.id) : kb;
}

/**
 * One button per department; `data` makes the callback (assign for dispatchers, transfer for
 * handlers). With the classifier's reasons, its three likeliest departments come first, one a row
 * with their probability, so the usual choice is one tap.
 */
export function assignKeyboard(
  locale: string,
  caseId: number,
  departments: Department[],
  data: (caseId: number, departmentId: number) => string = cb.assign,
  reasons?: ClassifierReasons | null,
): InlineKeyboard {
  const kb = new InlineKeyboard();
  const likely = (reasons?.top ?? []).flatMap((t) => {
    const d = departments.find((x) => x.code === t.code);
    return d ? [{ d, probability: t.probability }] : [];
  });
  for (const { d, probability } of likely) {
    kb.text(`${departmentName(d, locale, d.code)} · ${percent(probability)}`, data(caseId, d.id)).row();
  }
  departments
    .filter((d) => !likely.some((l) => l.d.id === d.id))
    .forEach((d, i) => {
      kb.text(departmentName(d, locale, d.code), data(caseId, d.id));
      if (i % 2 === 1) kb.row();
    });
  return kb;
}

const percent = (p: number) => `${Math.round(100 * p)}%`;

/** Stored classifier reasons, if a case has well-formed ones. */
export function reasonsOf(c: Pick<Case, "classifierReasons">): ClassifierReasons | null {
  const r = c.classifierReasons as ClassifierReasons | null;
  return r && Array.isArray(r.top) && Array.isArray(r.words) ? r : null;
}

/**
 * Why the classifier left a case to the dispatcher, in the dispatcher's language: its three
 * likeliest departments with their probabilities, the threshold its version routes at, and the
 * words that weighed most. Null when the case has no stored reasons (the event note is shown).
 */
export function escalationReason(
  i18n: I18n,
  locale: string,
  c: Pick<Case, "classifierReasons">,
  departments: Pick<Department, "code" | "nameZh" | "nameEn">[],
  threshold: number | null,
): string | null {
  const r = reasonsOf(c);
  if (!r || r.top.length === 0) return null;
  const top = r.top
    .map((t) => `${departmentName(departments.find((d) => d.code === t.code), locale, t.code)} ${percent(t.probability)}`)
    .join(locale.startsWith("zh") ? "，" : ", ");
  return i18n.t(locale, "classifier-unsure", {
    top,
    threshold: threshold !== null && Number.isFinite(threshold) ? percent(threshold) : "-",
    words: r.words.length ? r.words.join(locale.startsWith("zh") ? "、" : ", ") : "-",
  });
}

export function ratingKeyboard(i18n: I18n, locale: string, caseId: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(i18n.t(locale, "btn-satisfied"), cb.rate(caseId, true))
    .text(i18n.t(locale, "btn-unsatisfied"), cb.rate(caseId, false));
}

/** A due date as a citizen reads it: a provisional one says it may still move by a few days. */
export function dueForCitizen(i18n: I18n, locale: string, c: Pick<Case, "dueAt" | "dueProvisional">): string {
  return formatDue(c.dueAt, locale) + (c.dueProvisional ? i18n.t(locale, "due-provisional-citizen") : "");
}

/** Asked when a 补正 period passed (条例 art. 30): confirm the lapse, or record a good reason and give more time. */
export function correctionLapseKeyboard(i18n: I18n, locale: string, caseId: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(i18n.t(locale, "btn-correction-lapsed"), cb.correctionLapse(caseId, true))
    .row()
    .text(i18n.t(locale, "btn-correction-more-time"), cb.correctionLapse(caseId, false));
}

/** A disclosure request's consultation buttons (条例 arts. 32–34); the rules table decides when each applies. */
export function consultationRow(i18n: I18n, locale: string, kb: InlineKeyboard, caseId: number): InlineKeyboard {
  return kb
    .row()
    .text(i18n.t(locale, "btn-consult-third-party"), cb.consultation(caseId, "t"))
    .text(i18n.t(locale, "btn-consult-agency"), cb.consultation(caseId, "a"))
    .row()
    .text(i18n.t(locale, "btn-consultation-answered"), cb.consultation(caseId, "r"));
}
