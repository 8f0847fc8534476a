import type { I18n } from "@grammyjs/i18n";
import { InlineKeyboard } from "grammy";
import type { Prisma } from "../db/prisma.js";
import type { Case, Department, StaffMember } from "../generated/prisma/client.js";
import type { NotifyType } from "../queues/definitions.js";
import { cb } from "../telegram/callback-data.js";
import { formatDay } from "../i18n/i18n.js";
import { publicCopyOf } from "../publication/public-copy.js";
import { departmentName } from "./cards.js";
import type { Outgoing } from "./notifier.js";

type Built = (c: Case & { department: Department | null }) => Promise<Outgoing[]>;

/** The supervisor's buttons under a proposed result. */
export function publicationKeyboard(i18n: I18n, locale: string, caseId: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(i18n.t(locale, "btn-publication-approve"), cb.publication(caseId, "a"))
    .text(i18n.t(locale, "btn-publication-decline"), cb.publication(caseId, "d"));
}

/** The handler's button under their answer's confirmation: propose the result for the public page. */
export function proposeKeyboard(i18n: I18n, locale: string, caseId: number): InlineKeyboard {
  return new InlineKeyboard().text(i18n.t(locale, "btn-publication-propose"), cb.publication(caseId, "p"));
}

/**
 * Published results (item 31) and case-file reviews (item 19), one small template per notice:
 * who hears it and what it says. A public channel, when configured, gets the approved copy as the
 * citizen bot's post; that copy is the PublishedResult row, never the case.
 */
export function createPublicationNotices(deps: { prisma: Prisma; i18n: I18n; channelId?: bigint }) {
  const { prisma, i18n } = deps;
  const staff = (c: Case, roles: StaffMember["role"][]) =>
    prisma.staffMember.findMany({ where: { active: true, role: { in: roles }, ...(c.departmentId === null ? {} : { departmentId: c.departmentId }) } });
  const handlerOf = async (c: Case) =>
    c.handlerId ? prisma.staffMember.findMany({ where: { id: c.handlerId, active: true } }) : staff(c, ["HANDLER"]);
  const to = (who: StaffMember[], text: (s: StaffMember) => string, keyboard?: (s: StaffMember) => InlineKeyboard): Outgoing[] =>
    who.map((s) => ({ bot: "staff" as const, chatId: s.telegramId, locale: s.locale, text: text(s), ...(keyboard ? { keyboard: keyboard(s) } : {}) }));

  const templates: Partial<Record<NotifyType, Built>> = {
    async publication_proposed(c) {
      const copy = await publicCopyOf(prisma, c);
      return to(
        await staff(c, ["SUPERVISOR"]),
        (s) => i18n.t(s.locale, "staff-publication-proposed", { number: c.number, text: copy.text, answer: copy.answer, place: copy.place ?? "—" }),
        (s) => publicationKeyboard(i18n, s.locale, c.id),
      );
    },
    async publication_approved(c) {
      const out = to(await handlerOf(c), (s) => i18n.t(s.locale, "staff-publication-approved", { number: c.number }));
      const copy = await prisma.publishedResult.findUnique({ where: { caseId: c.id } });
      if (deps.channelId !== undefined && copy) {
        const l = "zh-CN";
        out.push({
          bot: "citizen",
          chatId: deps.channelId,
          locale: l,
          text: i18n.t(l, "public-result-post", {
            number: copy.number,
            department: departmentName(c.department, l, i18n.t(l, "department-pending")),
            closed: formatDay(copy.closedAt, l),
            place: copy.place ?? "—",
            text: copy.text,
            answer: copy.answer,
          }),
        });
      }
      return out;
    },
    async publication_declined(c) {
      return to(await handlerOf(c), (s) => i18n.t(s.locale, "staff-publication-declined", { number: c.number }));
    },
    async case_reviewed(c) {
      const r = await prisma.caseReview.findFirst({ where: { caseId: c.id }, orderBy: { id: "desc" } });
      if (!r) return [];
      const reviewer = await prisma.staffMember.findUnique({ where: { id: r.reviewerId } });
      const who = c.departmentId === null ? await staff(c, ["ADMIN"]) : await staff(c, ["SUPERVISOR"]);
      return to(who, (s) =>
        i18n.t(s.locale, "staff-case-reviewed", {
          number: c.number,
          reviewer: reviewer?.displayName ?? "-",
          procedure: i18n.t(s.locale, r.procedureProper ? "review-yes" : "review-no"),
          evidence: i18n.t(s.locale, r.evidenceSufficient ? "review-yes" : "review-no"),
          findings: r.findings,
        }),
      );
    },
  };

  return {
    /** The messages of `type` about `c`, or null when the type is not one of these. */
    build: (type: NotifyType, c: Case & { department: Department | null }) => templates[type]?.(c) ?? null,
  };
}
