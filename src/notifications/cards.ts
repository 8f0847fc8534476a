import { InlineKeyboard } from "grammy";
import type { I18n } from "@grammyjs/i18n";
import type { Case, Department } from "../generated/prisma/client.js";
import { cb } from "../telegram/callback-data.js";
import { formatDay } from "../i18n/i18n.js";

export function departmentName(d: Pick<Department, "nameZh" | "nameEn"> | null | undefined, locale: string, fallback: string): string {
  if (!d) return fallback;
  return locale.startsWith("zh") ? d.nameZh : d.nameEn;
}

/**
 * The case as staff see it. Privacy relay: never the citizen's Telegram identity, and for an
 * anonymous complaint no name or phone either.
 */
export function renderStaffCard(i18n: I18n, locale: string, c: Case): string {
  const t = (k: string, v?: Record<string, string | number>) => i18n.t(locale, k, v);
  const contact =
    c.anonymous || !c.contactName
      ? t("contact-anonymous")
      : t("contact-named", { name: c.contactName, phone: c.contactPhone ?? "-" });
  return t("staff-card", {
    kind: t(`kind-${c.kind}`),
    number: c.number,
    priority: t(`priority-${c.priority}`),
    status: t(`status-${c.status}`),
    due: formatDay(c.dueAt, locale),
    text: c.text,
    location: c.location ?? "-",
    photos: c.attachments.length,
    contact,
  });
}

export function staffCardKeyboard(i18n: I18n, locale: string, caseId: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(i18n.t(locale, "btn-accept"), cb.staff("acc", caseId))
    .text(i18n.t(locale, "btn-ask"), cb.staff("ask", caseId))
    .row()
    .text(i18n.t(locale, "btn-transfer"), cb.staff("tr", caseId))
    .text(i18n.t(locale, "btn-return"), cb.staff("ret", caseId))
    .row()
    .text(i18n.t(locale, "btn-answer"), cb.staff("ans", caseId));
}

/** One button per department; `data` makes the callback (assign for dispatchers, transfer for handlers). */
export function assignKeyboard(
  locale: string,
  caseId: number,
  departments: Department[],
  data: (caseId: number, departmentId: number) => string = cb.assign,
): InlineKeyboard {
  const kb = new InlineKeyboard();
  departments.forEach((d, i) => {
    kb.text(departmentName(d, locale, d.code), data(caseId, d.id));
    if (i % 2 === 1) kb.row();
  });
  return kb;
}

export function ratingKeyboard(i18n: I18n, locale: string, caseId: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(i18n.t(locale, "btn-satisfied"), cb.rate(caseId, true))
    .text(i18n.t(locale, "btn-unsatisfied"), cb.rate(caseId, false));
}
