import type { I18n } from "@grammyjs/i18n";
import { InlineKeyboard } from "grammy";
import type { Prisma } from "../db/prisma.js";
import type { Case, Citizen, Department } from "../generated/prisma/client.js";
import { formatDay, formatDue } from "../i18n/i18n.js";
import { agreementOf, judicialWindowEnd, type MediationAgreement, type MediationDetails } from "../mediation/mediation.js";
import { cb } from "../telegram/callback-data.js";
import type { Outgoing } from "./notifier.js";

import { citizenRecipient, type Recipient } from "./recipients.js";
type CaseWith = Case & { citizen: Citizen; department: Department | null };

/**
 * A mediation agreement as the parties read it (人民调解法 art. 29: the parties, the facts and the
 * dispute, each side's responsibility, what each will do, how and by when).
 */
export function renderAgreement(i18n: I18n, locale: string, c: Pick<Case, "number" | "details">, a: MediationAgreement): string {
  const d = c.details as MediationDetails;
  return i18n.t(locale, "mediation-agreement", {
    number: c.number,
    applicant: d.applicantName,
    other: d.otherParty.name,
    facts: a.facts,
    responsibilities: a.responsibilities,
    applicantDoes: a.applicantDoes,
    otherDoes: a.otherDoes,
    how: a.how,
    by: formatDay(new Date(`${a.byDate}T12:00:00+08:00`), locale),
  });
}

export function confirmAgreementKeyboard(i18n: I18n, locale: string, caseId: number, a: MediationAgreement): InlineKeyboard {
  return new InlineKeyboard().text(i18n.t(locale, "btn-confirm-agreement"), cb.confirmAgreement(caseId, Date.parse(a.draftedAt)));
}

/** A mediation's notices about its agreement: both parties hear them, the mediator the confirmations. */
export function createMediationNotices(deps: { prisma: Prisma; i18n: I18n }) {
  const { prisma, i18n } = deps;

  /** The applicant and, once they accepted the invitation in the bot, the other party. */
  async function parties(c: Case, applicant: Recipient): Promise<Recipient[]> {
    const other = c.otherPartyCitizenId ? await prisma.citizen.findUnique({ where: { id: c.otherPartyCitizenId } }) : null;
    return [applicant, ...(other ? [citizenRecipient(other)] : [])];
  }

  async function mediator(c: Case) {
    return c.handlerId
      ? prisma.staffMember.findMany({ where: { id: c.handlerId, active: true } })
      : c.departmentId
        ? prisma.staffMember.findMany({ where: { departmentId: c.departmentId, role: "HANDLER", active: true } })
        : [];
  }

  async function build(type: "agreement_drafted" | "agreement_confirmed" | "judicial_reminder" | "agreement_effective", c: CaseWith, applicant: Recipient): Promise<Outgoing[]> {
    const a = agreementOf(c.details);
    if (!a) return [];
    const both = await parties(c, applicant);
    switch (type) {
      case "agreement_drafted":
        return both.map((r) => ({
          ...r,
          text: `${renderAgreement(i18n, r.locale, c, a)}\n\n${i18n.t(r.locale, "notify-agreement-confirm", { number: c.number })}`,
          keyboard: confirmAgreementKeyboard(i18n, r.locale, c.id, a),
        }));
      case "agreement_confirmed": {
        const last = await prisma.caseEvent.findFirst({ where: { caseId: c.id, action: "agreement_confirmed" }, orderBy: { id: "desc" } });
        const party = last?.note === "other" ? "other" : "applicant";
        const at = a.confirmedBy[party];
        return (await mediator(c)).map((s) => ({
          bot: "staff" as const,
          chatId: s.telegramId,
          locale: s.locale,
          text: i18n.t(s.locale, "staff-agreement-confirmed", {
            number: c.number,
            party: i18n.t(s.locale, `mediation-party-${party}`),
            at: at ? formatDue(new Date(at), s.locale) : "-",
          }),
        }));
      }
      case "agreement_effective": {
        const from = a.effectiveAt ?? new Date().toISOString();
        const vars = (l: string) => ({ number: c.number, date: formatDay(new Date(from), l), end: formatDay(judicialWindowEnd(from), l) });
        return [
          ...both.map((r) => ({ ...r, text: `${i18n.t(r.locale, "notify-agreement-effective", vars(r.locale))}\n\n${renderAgreement(i18n, r.locale, c, a)}` })),
          ...(await mediator(c)).map((s) => ({
            bot: "staff" as const,
            chatId: s.telegramId,
            locale: s.locale,
            text: i18n.t(s.locale, "staff-agreement-effective", vars(s.locale)),
          })),
        ];
      }
      case "judicial_reminder": {
        const end = a.effectiveAt ? judicialWindowEnd(a.effectiveAt) : null;
        return both.map((r) => ({ ...r, text: i18n.t(r.locale, "notify-judicial-reminder", { number: c.number, end: end ? formatDay(end, r.locale) : "-" }) }));
      }
    }
  }

  return { build, parties };
}
