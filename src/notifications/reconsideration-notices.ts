import type { I18n } from "@grammyjs/i18n";
import type { InlineKeyboard } from "grammy";
import type { Prisma } from "../db/prisma.js";
import type { Case, Citizen, Department, StaffMember, StaffRole } from "../generated/prisma/client.js";
import type { NotifyType } from "../queues/definitions.js";
import { formatDay } from "../i18n/i18n.js";
import { DECISION_TYPES, detailsOf } from "../reconsideration/reconsideration.js";
import { departmentName } from "./cards.js";
import {
  applicantHearingKeyboard,
  decisionApprovalKeyboard,
  reconsiderationKeyboard,
  renderReconsiderationCard,
  respondentKeyboard,
  staffNames,
} from "./reconsideration-card.js";
import type { LegalBodies, Outgoing } from "./notifier.js";
import { citizenRecipient } from "./recipients.js";

type Vars = Record<string, string | number>;
type Full = Case & { citizen: Citizen; department: Department | null };

/**
 * Who hears what in a reconsideration: the applicant, the office (its head and the assigned
 * handlers), and the respondent agency's staff when it is one of the district's departments.
 * Returns null for a notice type it leaves to the general notifier (overdue, urge, withdrawal…).
 */
export function createReconsiderationNotices(deps: { prisma: Prisma; i18n: I18n; legal: LegalBodies }) {
  const { prisma, i18n, legal } = deps;

  async function build(type: NotifyType, c: Full): Promise<Outgoing[] | null> {
    const d = detailsOf(c);
    const applicant = citizenRecipient(c.citizen);
    const ta = (k: string, v: Vars = {}) => i18n.t(applicant.locale, k, { number: c.number, ...v });
    const active = (where: { departmentId?: number; role?: { in: StaffRole[] }; id?: { in: number[] } }) =>
      prisma.staffMember.findMany({ where: { active: true, ...where }, orderBy: { id: "asc" } });
    const office = (roles: StaffRole[]) => (c.departmentId === null ? Promise.resolve([]) : active({ departmentId: c.departmentId, role: { in: roles } }));
    const assigned = () => active({ id: { in: d.handlers ?? [] } });
    /** The assigned handlers, or before any are assigned the office's handlers. */
    const workers = async () => ((d.handlers ?? []).length ? assigned() : office(["HANDLER"]));
    const respondents = () =>
      d.respondent?.departmentId ? active({ departmentId: d.respondent.departmentId, role: { in: ["HANDLER", "SUPERVISOR"] } }) : Promise.resolve([]);
    const names = staffNames(await prisma.staffMember.findMany({ where: { id: { in: d.handlers ?? [] } }, select: { id: true, displayName: true } }));
    const card = (s: StaffMember) => renderReconsiderationCard(i18n, s.locale, c, names);
    const toStaff = (list: StaffMember[], text: (s: StaffMember) => string, keyboard?: (s: StaffMember) => InlineKeyboard | undefined): Outgoing[] =>
      [...new Map(list.map((s) => [s.id, s])).values()].map((s) => ({
        bot: "staff" as const,
        chatId: s.telegramId,
        locale: s.locale,
        text: text(s),
        ...(keyboard?.(s) ? { keyboard: keyboard(s) } : {}),
      }));
    const withCard = (key: string, v: (l: string) => Vars = () => ({})) => (s: StaffMember) => `${i18n.t(s.locale, key, { number: c.number, ...v(s.locale) })}\n\n${card(s)}`;
    const officeCard = (s: StaffMember) => reconsiderationKeyboard(i18n, s.locale, c);
    const replyDue = (l: string) => (d.reply?.dueAt ? formatDay(new Date(d.reply.dueAt), l) : "-");
    const body = legal.reconsiderationBody;

    switch (type) {
      case "case_routed":
      case "case_assigned":
      case "case_transferred":
        // Received by the office: the acceptance review runs 5 working days (art. 30 ¶1).
        return [
          { ...applicant, text: ta("rc-notify-received", { office: departmentName(c.department, applicant.locale, "-"), due: formatDay(c.dueAt, applicant.locale) }) },
          ...toStaff(await office(["HANDLER", "SUPERVISOR"]), withCard("rc-staff-new"), officeCard),
        ];
      case "rc_accepted": {
        const procedure = (l: string) => i18n.t(l, `rc-procedure-${d.procedure ?? "ordinary"}`);
        const toApplicant = d.deemedAccepted ? [] : [{ ...applicant, text: ta("rc-notify-accepted", { procedure: procedure(applicant.locale), due: formatDay(c.dueAt, applicant.locale) }) }];
        // art. 48: the respondent gets the application and replies in writing within 10 working days.
        const resp = await respondents();
        const external = resp.length === 0 ? toStaff(await office(["SUPERVISOR"]), withCard("rc-staff-respondent-external", (l) => ({ respondent: d.respondent?.name ?? "-", due: replyDue(l) }))) : [];
        return [
          ...toApplicant,
          ...toStaff(resp, withCard("rc-staff-respondent-asked", (l) => ({ due: replyDue(l) })), (s) => respondentKeyboard(i18n, s.locale, c.id, false)),
          ...toStaff(await office(["SUPERVISOR"]), withCard("rc-staff-assign-handlers", () => ({ required: d.major ? 3 : 2 })), officeCard),
          ...external,
        ];
      }
      case "rc_deemed_accepted":
        return [
          { ...applicant, text: ta("rc-notify-deemed-accepted", { due: formatDay(c.dueAt, applicant.locale) }) },
          ...toStaff(await office(["SUPERVISOR"]), withCard("rc-staff-deemed-accepted"), officeCard),
        ];
      case "rc_not_accepted":
        return [{ ...applicant, text: ta("rc-notify-not-accepted", { reason: d.notAccepted?.reason ?? "", body }) }];
      case "rc_correction_requested":
        return [{ ...applicant, text: ta("rc-notify-correction", { text: d.correction?.text ?? "", due: d.correction ? formatDay(new Date(d.correction.dueAt), applicant.locale) : "-" }) }];
      case "rc_correction_received":
        return [
          { ...applicant, text: ta("rc-notify-correction-received", { due: formatDay(c.dueAt, applicant.locale) }) },
          ...toStaff(await office(["HANDLER", "SUPERVISOR"]), withCard("rc-staff-corrected"), officeCard),
        ];
      case "rc_correction_expired":
        return [
          { ...applicant, text: ta("rc-notify-correction-expired") },
          ...toStaff(await office(["SUPERVISOR"]), (s) => i18n.t(s.locale, "rc-staff-correction-expired", { number: c.number })),
        ];
      case "rc_handler_assigned": {
        // Each assigned handler sees the case; the newest one gets its card.
        const newest = (d.handlers ?? []).at(-1);
        const lead = (d.handlers ?? [])[0];
        return toStaff(await active({ id: { in: newest === undefined ? [] : [newest] } }), withCard(newest === lead ? "rc-staff-assigned-lead" : "rc-staff-assigned"), officeCard);
      }
      case "rc_hearing_scheduled": {
        const h = d.hearing!;
        const v = { at: h.at, place: h.place };
        return [
          { ...applicant, text: ta("rc-notify-hearing", v), keyboard: applicantHearingKeyboard(i18n, applicant.locale, c.id) },
          ...toStaff(await respondents(), withCard("rc-staff-respondent-hearing", () => v), (s) => respondentKeyboard(i18n, s.locale, c.id, true)),
          ...toStaff(await assigned(), withCard("rc-staff-hearing-panel", () => v)),
        ];
      }
      case "rc_hearing_confirmed":
        return toStaff(await assigned(), (s) =>
          i18n.t(s.locale, "rc-staff-hearing-confirmed", {
            number: c.number,
            applicant: i18n.t(s.locale, d.hearing?.applicantConfirmed ? "rc-yes" : "rc-no"),
            respondent: i18n.t(s.locale, d.hearing?.respondentConfirmed ? "rc-yes" : "rc-no"),
          }),
        );
      case "rc_reply_received":
        return [{ ...applicant, text: ta("rc-notify-reply-received") }, ...toStaff(await workers(), withCard("rc-staff-reply-received"))];
      case "rc_reply_due_soon":
        return toStaff(await respondents(), withCard("rc-staff-reply-due-soon", (l) => ({ due: replyDue(l) })), (s) => respondentKeyboard(i18n, s.locale, c.id, Boolean(d.hearing)));
      case "rc_extended": {
        const v = (l: string) => ({ days: d.extension?.days ?? 0, due: formatDay(c.dueAt, l), reason: d.extension?.reason ?? "" });
        return [
          { ...applicant, text: ta("rc-notify-extended", v(applicant.locale)) },
          ...toStaff(await respondents(), (s) => i18n.t(s.locale, "rc-staff-extended", { number: c.number, ...v(s.locale) })),
          ...toStaff(await assigned(), (s) => i18n.t(s.locale, "rc-staff-extended", { number: c.number, ...v(s.locale) })),
        ];
      }
      case "rc_decision_proposed":
        return toStaff(await office(["SUPERVISOR"]), withCard("rc-staff-decision-proposed"), (s) => decisionApprovalKeyboard(i18n, s.locale, c.id));
      case "rc_decision_rejected": {
        const reason = (await prisma.caseEvent.findFirst({ where: { caseId: c.id, action: "rc_reject_decision" }, orderBy: { id: "desc" } }))?.note ?? "-";
        return toStaff(await active({ id: { in: (d.handlers ?? []).slice(0, 1) } }), withCard("rc-staff-decision-rejected", () => ({ reason })), officeCard);
      }
      case "rc_decided": {
        const dec = d.decision!;
        const newAct = DECISION_TYPES[dec.type].newAct;
        const v = (l: string) => ({ type: i18n.t(l, `rc-decision-${dec.type}`), article: DECISION_TYPES[dec.type].article, text: dec.text });
        return [
          // The lawsuit remedy: 15 days from receiving the decision (行政诉讼法 art. 45).
          { ...applicant, text: ta("rc-notify-decided", v(applicant.locale)) },
          ...toStaff(await respondents(), (s) => i18n.t(s.locale, newAct ? "rc-staff-decided-respondent-new-act" : "rc-staff-decided-respondent", { number: c.number, ...v(s.locale) })),
          ...toStaff(await assigned(), (s) => i18n.t(s.locale, "rc-staff-decided", { number: c.number, ...v(s.locale) })),
        ];
      }
      case "rc_ended": {
        const v = (l: string) => ({ ending: i18n.t(l, `rc-ending-${d.ending?.kind ?? "withdrawn"}`), text: d.ending?.text ?? "" });
        return [
          { ...applicant, text: ta("rc-notify-ended", v(applicant.locale)) },
          ...toStaff([...(await respondents()), ...(await assigned())], (s) => i18n.t(s.locale, "rc-staff-ended", { number: c.number, ...v(s.locale) })),
        ];
      }
      default:
        return null;
    }
  }

  return { build };
}
