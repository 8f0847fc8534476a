import type { I18n } from "@grammyjs/i18n";
import type { InlineKeyboard } from "grammy";
import type { Prisma } from "../db/prisma.js";
import type { Logger } from "../logger.js";
import type { Payload } from "../queues/definitions.js";
import type { TelegramApis } from "../telegram/api.js";
import type { Pace } from "../telegram/pace.js";
import type { StaffRole } from "../generated/prisma/enums.js";
import type { Case, Citizen, Department, StaffMember } from "../generated/prisma/client.js";
import { sql, type Queryable } from "../db/sql.js";
import type { Reference } from "../db/reference.js";
import type { StaffCards } from "./staff-cards.js";
import type { FailureRecorder } from "../outbox/failures.js";
import { PermanentJobError } from "../queues/job-errors.js";
import { createDelivery, type Tally } from "./delivery.js";
import { readNotice, type NoticeRead, type OutboxState } from "./notice-read.js";
import type { MediaService } from "../media/media-service.js";
import { createMediaNotices } from "../media/media-notices.js";
import { createStaffNotices, isStaffNotice } from "./staff-notices.js";
import { createReconsiderationNotices } from "./reconsideration-notices.js";
import { createMediationNotices } from "./mediation-notices.js";
import { createPublicationNotices } from "./publication-notices.js";
import { startReconsiderationKeyboard } from "./reconsideration-card.js";
import { formatDay, formatDue } from "../i18n/i18n.js";
import { isReplyType, remedyOf } from "../disclosure/reply-types.js";
import { emergencyOf } from "../emergency/flag.js";
import { numbersText } from "../emergency/alert.js";
import {
  reasonsOf,
  assignKeyboard,
  departmentName,
  extensionKeyboard,
  correctionLapseKeyboard,
  dueForCitizen,
  followupKeyboard,
  ratingKeyboard,
  renderStaffCard,
  staffCardKeyboard,
  withFullText,
} from "./cards.js";

import { citizenRecipient, type Recipient } from "./recipients.js";
import { createCallBacks } from "../channels/call-backs.js";
/**
 * A message to send; or, with `card`, the staff member's live card of the case, sent if their chat
 * has none and edited in place otherwise (staff-cards.ts). Then `text`, if any, is an alert sent
 * after it: `always`, or only when the card was already there (a new card alerts by itself).
 * `media`: kept photos or documents (MediaFile ids, one album) sent with `text` as their caption.
 */
export type Outgoing = Recipient & {
  text: string;
  keyboard?: InlineKeyboard;
  card?: { caseId: number; staff: StaffMember; alert?: "always" | "if_existing" };
  media?: number[];
  /** An image drawn for this message (the digest's week chart), sent with sendPhoto and `text` as its caption. */
  photo?: { bytes: Buffer; fileName: string };
};

/**
 * Notices that bring staff cards up to date (every `cardsTo` below): their job takes the case's
 * card lock before its read. Another notice that had cards would still work: delivery takes the
 * lock then and reads the case again under it. `case_cards` (a redraw of every card after a change)
 * is one of them; from the outbox it takes the lock through `cards.redraw`, which lets one redraw
 * stand for those queued behind it. (It used to read first: a case just routed often had no card yet, and its lock made
 * `case_routed` wait; since a change writes `case_cards` only for a case that may have a card
 * (src/cases/guarded-sql.ts), that no longer happens on the routing path.)
 */
const CARD_NOTICES = new Set<string>([
  "case_routed",
  "case_assigned",
  "case_transferred",
  "case_escalated",
  "case_returned",
  "extension_requested",
  "complaint_urgent",
  "case_reopened",
  "case_overdue",
  "case_cards",
]);

/** Who the law's notices name: the reconsideration body and the disclosure oversight body (configured per district). */
export type LegalBodies = { reconsiderationBody: string; oversightBody: string };

/**
 * Turns a notify job (ids only) into Telegram messages: it reads the case, decides who hears what
 * and renders each message in the recipient's language.
 */
export function createNotifier(deps: {
  prisma: Prisma;
  /** Plain SQL on the shared pool and the department cache, for the reads every notice makes. */
  pool: Queryable;
  reference: Reference;
  i18n: I18n;
  telegram: TelegramApis;
  pace?: Pace;
  logger: Logger;
  failures: FailureRecorder;
  now: () => Date;
  legal: LegalBodies;
  media: MediaService;
  cards: StaffCards;
  /** The outbox row's state, for a notice whose own read does not carry it (no case; staff notices). */
  outboxState: (outboxId: number | undefined) => Promise<OutboxState>;
  /** The public channel approved results are posted to (RESULTS_CHANNEL_ID), if any. */
  resultsChannelId?: bigint;
}) {
  const { prisma, i18n, telegram, logger, legal } = deps;
  const reconsideration = createReconsiderationNotices({ prisma, i18n, legal });
  const mediationNotices = createMediationNotices({ prisma, i18n });
  const publication = createPublicationNotices({ prisma, i18n, channelId: deps.resultsChannelId });

  /**
   * Active staff of a department in these roles. A case with no department yet (a reminder or
   * alarm that fires before routing) is the dispatchers' to chase: never every department's.
   * `pre`: the notice's own read (notice-read.ts), which holds every active staff member these
   * rules pick from for its case; without it, or for another department, one plain read.
   */
  async function staffOf(departmentId: number | null, roles: StaffRole[], pre?: NoticeRead) {
    // A case no department holds is the dispatchers' (and administrators' where asked), never every
    // department's handlers.
    const unbound = roles.filter((r) => r === "DISPATCHER" || r === "ADMIN");
    const wanted: StaffRole[] = departmentId === null ? (unbound.length > 0 ? unbound : ["DISPATCHER"]) : roles;
    if (pre && (departmentId === null || departmentId === pre.case.departmentId)) {
      return pre.staff.filter((s) => wanted.includes(s.role) && (departmentId === null || s.departmentId === departmentId));
    }
    if (departmentId === null) {
      return sql<StaffMember>(deps.pool, `SELECT * FROM "StaffMember" WHERE "active" AND "role"::text = ANY($1::text[]) ORDER BY "id"`, [wanted]);
    }
    // Plain SQL: every notice to a department reads its staff.
    return sql<StaffMember>(deps.pool, `SELECT * FROM "StaffMember" WHERE "active" AND "role"::text = ANY($1::text[]) AND "departmentId" = $2 ORDER BY "id"`, [
      wanted,
      departmentId,
    ]);
  }

  /** The case's handler if active (as a list: none or one), from the notice's read when there is one. */
  async function activeHandler(handlerId: number | null, pre?: NoticeRead): Promise<StaffMember[]> {
    if (handlerId === null) return [];
    if (pre && pre.case.handlerId === handlerId) return pre.staff.filter((s) => s.id === handlerId);
    return sql<StaffMember>(deps.pool, `SELECT * FROM "StaffMember" WHERE "id" = $1 AND "active"`, [handlerId]);
  }

  /** The notice's case with its department (cached), from its one read (notice-read.ts). */
  async function readCase(id: number, pre?: NoticeRead | null): Promise<(Case & { citizen: Citizen; department: Department | null }) | null> {
    const read = pre ?? (await readNotice(deps.pool, id, undefined));
    if (!read) return null;
    return { ...read.case, department: await deps.reference.department(read.case.departmentId) };
  }

  async function build(p: Payload<"notify">, pre?: NoticeRead | null): Promise<Outgoing[]> {
    if (!p.caseId) throw new PermanentJobError(`${p.type} notice names no case`);
    const c = await readCase(p.caseId, pre);
    const read = pre ?? undefined;
    // Cases are never deleted: a notice about a missing one is a bug in our data, not a passing fault.
    if (!c) throw new PermanentJobError(`case ${p.caseId} missing`);
    // A reconsideration's own recipients and texts; what it leaves (overdue, urge…) is built below as for any case.
    if (c.kind === "RECONSIDERATION") {
      const own = await reconsideration.build(p.type, c);
      if (own) return own;
    }
    const published = await publication.build(p.type, c);
    if (published) return published;
    const citizen: Recipient = citizenRecipient(c.citizen);
    const tc = (k: string, v: Record<string, string | number> = {}) => i18n.t(citizen.locale, k, { number: c.number, ...v });
    const dept = (locale: string) => departmentName(c.department, locale, i18n.t(locale, "department-pending"));
    const message = p.messageId ? await prisma.caseMessage.findUnique({ where: { id: p.messageId } }) : null;

    /** Each one's live card of this case; `alert(locale)` the text that goes with it (see Outgoing). */
    const cardsTo = (who: StaffMember[], alert?: { when: "always" | "if_existing"; text: (locale: string) => string }): Outgoing[] =>
      [...new Map(who.map((s) => [s.id, s])).values()].map((s) => ({
        bot: "staff" as const,
        chatId: s.telegramId,
        locale: s.locale,
        text: alert ? alert.text(s.locale) : "",
        card: { caseId: c.id, staff: s, ...(alert ? { alert: alert.when } : {}) },
      }));
    const cardsFor = async (roles: StaffRole[]): Promise<Outgoing[]> => cardsTo(await staffOf(c.departmentId, roles, read));
    type Vars = Record<string, string | number>;
    /** The case's handler if active, else its department's handlers. */
    const handlerOrDepartment = () => (c.handlerId ? activeHandler(c.handlerId, read) : staffOf(c.departmentId, ["HANDLER"], read));
    const toHandlerOrDepartment = async (key: string, vars: Vars | ((locale: string) => Vars)): Promise<Outgoing[]> => {
      const who = await handlerOrDepartment();
      return who.map((s) => ({
        bot: "staff" as const,
        chatId: s.telegramId,
        locale: s.locale,
        text: i18n.t(s.locale, key, typeof vars === "function" ? vars(s.locale) : vars),
      }));
    };
    // The dispatchers' cards carry the reason and the department buttons while the case waits for them.
    const toDispatchers = async (alert?: (locale: string) => string): Promise<Outgoing[]> =>
      cardsTo(await staffOf(null, ["DISPATCHER"], read), alert ? { when: "if_existing", text: alert } : undefined);
    const lastEventNote = async () =>
      (await prisma.caseEvent.findFirst({ where: { caseId: c.id }, orderBy: { id: "desc" } }))?.note ?? "-";

    switch (p.type) {
      case "case_routed":
      case "case_assigned":
      case "case_transferred":
        return [
          {
            ...citizen,
            text: tc(p.type === "case_routed" ? "notify-routed" : p.type === "case_assigned" ? "notify-assigned" : "notify-transferred", {
              department: dept(citizen.locale),
              due: dueForCitizen(i18n, citizen.locale, c),
            }),
          },
          ...(await cardsFor(["HANDLER", "SUPERVISOR"])),
        ];
      case "case_escalated":
        return toDispatchers();
      case "case_returned": {
        const reason = await lastEventNote();
        return toDispatchers((l) => i18n.t(l, "staff-returned-alert", { number: c.number, reason }));
      }
      case "case_cards":
        return cardsTo(read?.holders ?? (await deps.cards.holders(c.id)));
      case "case_accepted":
        return [{ ...citizen, text: tc("notify-accepted", { department: dept(citizen.locale) }) }];
      case "question":
        return [{ ...citizen, text: tc("notify-question", { question: message?.text ?? "" }) }];
      case "citizen_reply":
        return toHandlerOrDepartment("staff-citizen-reply", { number: c.number, text: message?.text ?? "" });
      case "case_answered": {
        const answer = c.answer ?? message?.text ?? "";
        if (c.replyType && isReplyType(c.replyType)) {
          // A disclosure answer states its statutory type, the remedy that type allows, naming the
          // reconsideration body (复议法 arts. 20 ¶3, 23 ¶2), and the complaint route of 条例 art. 51.
          // It is not rated like a complaint: the law gives the applicant those routes instead.
          const l = citizen.locale;
          const text = tc("notify-disclosure-answered", {
            type: i18n.t(l, `reply-type-${c.replyType}`),
            answer,
            remedy: i18n.t(l, `remedy-${remedyOf(c.replyType)}`, { body: legal.reconsiderationBody }),
            routes: i18n.t(l, "disclosure-routes", { oversight: legal.oversightBody }),
          });
          // Where the remedy is reconsideration, a button starts the application with this answer filled in.
          return [{ ...citizen, text, keyboard: startReconsiderationKeyboard(i18n, l, c.id) }];
        }
        return [{ ...citizen, text: tc("notify-answered", { answer }), keyboard: ratingKeyboard(i18n, citizen.locale, c.id) }];
      }
      case "correction_requested": {
        // 条例 art. 30: what to correct, the period as a date, and what happens if it passes.
        const period = c.correctionDueAt ? `\n\n${tc("notify-correction-period", { due: formatDay(c.correctionDueAt, citizen.locale) })}` : "";
        return [{ ...citizen, text: tc("notify-correction", { question: message?.text ?? "" }) + period }];
      }
      case "correction_lapse_due":
        return (await toHandlerOrDepartment("staff-correction-lapse-due", (l) => ({ number: c.number, due: c.correctionDueAt ? formatDay(c.correctionDueAt, l) : "-" }))).map(
          (o) => ({ ...o, text: `${o.text}\n\n${renderStaffCard(i18n, o.locale, c)}`, keyboard: correctionLapseKeyboard(i18n, o.locale, c.id) }),
        );
      case "correction_more_time":
        return [{ ...citizen, text: tc("notify-correction-more-time", { due: c.correctionDueAt ? formatDay(c.correctionDueAt, citizen.locale) : "-" }) }];
      case "consultation_started":
        return [
          {
            ...citizen,
            text: tc(`notify-consultation-${c.consultationKind === "third_party" ? "third-party" : "agency"}`, {
              until: c.consultationEndsAt ? formatDay(c.consultationEndsAt, citizen.locale) : "-",
              due: dueForCitizen(i18n, citizen.locale, c),
            }),
          },
        ];
      case "consultation_resumed":
        return [
          { ...citizen, text: tc("notify-consultation-resumed", { due: dueForCitizen(i18n, citizen.locale, c) }) },
          ...(await toHandlerOrDepartment("staff-consultation-resumed", (l) => ({ number: c.number, due: formatDue(c.dueAt, l) }))),
        ];
      case "due_recounted":
        return [
          { ...citizen, text: tc("notify-due-recounted", { due: dueForCitizen(i18n, citizen.locale, c) }) },
          ...(await toHandlerOrDepartment("staff-due-recounted", (l) => ({ number: c.number, due: formatDue(c.dueAt, l) }))),
        ];
      case "correction_received":
        return [
          { ...citizen, text: tc("notify-correction-received", { due: dueForCitizen(i18n, citizen.locale, c) }) },
          ...(await toHandlerOrDepartment("staff-correction-received", (l) => ({
            number: c.number,
            text: message?.text ?? "",
            due: formatDue(c.dueAt, l),
          }))),
        ];
      case "extension_requested": {
        const reason = (await lastEventNote()) ?? "-";
        // The supervisor's card gets the approve/reject buttons; the alert says why.
        const key = c.kind === "COMPLAINT" ? "staff-extension-requested-complaint" : "staff-extension-requested";
        return cardsTo(await staffOf(c.departmentId, ["SUPERVISOR"], read), {
          when: "always",
          text: (l) => i18n.t(l, key, { number: c.number, days: c.extensionDays ?? 0, reason }),
        });
      }
      case "complaint_urgent":
        // 信访工作条例 art. 23: the supervisors hear of an urgent (safety) complaint at once, with its due hour.
        return cardsTo(await staffOf(c.departmentId, ["SUPERVISOR"], read), {
          when: "always",
          text: (l) => i18n.t(l, "staff-complaint-urgent", { number: c.number, due: formatDue(c.dueAt, l) }),
        });
      case "review_decided":
        return [
          {
            ...citizen,
            text: tc("notify-review-decided", {
              result: i18n.t(citizen.locale, `review-result-${c.reviewResult === "changed" ? "changed" : "upheld"}`),
              opinion: c.reviewOpinion ?? message?.text ?? "",
            }),
          },
          ...(await toHandlerOrDepartment("staff-review-decided", (l) => ({
            number: c.number,
            result: i18n.t(l, `review-result-${c.reviewResult === "changed" ? "changed" : "upheld"}`),
          }))),
        ];
      case "agreement_drafted":
      case "agreement_confirmed":
      case "judicial_reminder":
        return mediationNotices.build(p.type, c, citizen);
      case "case_linked": {
        const master = c.linkedToId ? await prisma.case.findUnique({ where: { id: c.linkedToId } }) : null;
        const vars = { number: c.number, master: master?.number ?? "-" };
        return [
          { ...citizen, text: tc("notify-linked", vars) },
          ...(await toHandlerOrDepartment("staff-linked", vars)),
        ];
      }
      case "party_accepted":
        return [
          { ...citizen, text: tc("notify-party-accepted") },
          ...(await toHandlerOrDepartment("staff-party-accepted", { number: c.number })),
        ];
      case "party_declined":
        return [
          { ...citizen, text: tc("notify-party-declined") },
          ...(await toHandlerOrDepartment("staff-party-declined", { number: c.number })),
        ];
      case "mediation_concluded": {
        if (c.outcome === "agreement") return mediationNotices.build("agreement_effective", c, citizen);
        const key = `notify-mediation-${c.outcome ?? "no_agreement"}`;
        const other = c.otherPartyCitizenId ? await prisma.citizen.findUnique({ where: { id: c.otherPartyCitizenId } }) : null;
        const parties: Recipient[] = [citizen, ...(other ? [citizenRecipient(other)] : [])];
        return parties.map((r) => ({ ...r, text: i18n.t(r.locale, key, { number: c.number, agreement: c.answer ?? "" }) }));
      }
      case "mediation_followup":
        // The follow-up asks both parties (人民调解法 art. 31 ¶2: 人民调解委员会应当对调解协议的履行情况进行监督).
        return (await mediationNotices.parties(c, citizen)).map((r) => ({
          ...r,
          text: i18n.t(r.locale, "notify-followup", { number: c.number }),
          keyboard: followupKeyboard(i18n, r.locale, c.id),
        }));
      case "followup_answered": {
        const party = await lastEventNote();
        const d = c.details as { carriedOut?: boolean; otherCarriedOut?: boolean } | null;
        const carried = party === "other" ? d?.otherCarriedOut : d?.carriedOut;
        return toHandlerOrDepartment(carried ? "staff-followup-carried-out" : "staff-followup-not-carried-out", (l) => ({
          number: c.number,
          party: i18n.t(l, `mediation-party-${party === "other" ? "other" : "applicant"}`),
        }));
      }
      case "correction_expired":
        return [
          { ...citizen, text: tc("notify-correction-expired") },
          ...(await toHandlerOrDepartment("staff-correction-expired", { number: c.number })),
        ];
      case "extension_approved": {
        // A complaint's citizen is told the reason (信访工作条例 art. 34: 并告知信访人延期理由).
        const asked = await prisma.caseEvent.findFirst({ where: { caseId: c.id, action: "request_extension" }, orderBy: { id: "desc" } });
        const key = c.kind === "COMPLAINT" ? "notify-extended-complaint" : "notify-extended";
        return [
          { ...citizen, text: tc(key, { due: dueForCitizen(i18n, citizen.locale, c), days: c.extensionDays ?? 0, reason: asked?.note ?? "-" }) },
          ...(await toHandlerOrDepartment("staff-extension-approved", (l) => ({ number: c.number, due: formatDue(c.dueAt, l) }))),
        ];
      }
      case "extension_rejected":
        return toHandlerOrDepartment("staff-extension-rejected", (l) => ({ number: c.number, due: formatDue(c.dueAt, l) }));
      case "case_reopened": {
        // 复查 (信访工作条例 art. 35): the reviewing supervisors get the card (with the review buttons) and
        // the review's due date; the handler who answered hears of it, without the case coming back to them.
        const supervisors = await staffOf(c.departmentId, ["SUPERVISOR"], read);
        const handler = await activeHandler(c.handlerId, read);
        return [
          ...cardsTo(supervisors, { when: "always", text: (l) => i18n.t(l, "staff-reopened", { number: c.number, due: formatDue(c.dueAt, l) }) }),
          ...handler
            .filter((h) => !supervisors.some((s) => s.id === h.id))
            .map((h) => ({ bot: "staff" as const, chatId: h.telegramId, locale: h.locale, text: i18n.t(h.locale, "staff-reopened-handler", { number: c.number }) })),
        ];
      }
      case "case_rated":
        return toHandlerOrDepartment("staff-rated", { number: c.number });
      case "case_withdrawn": {
        const vars = { number: c.number, reason: await lastEventNote() };
        // Whoever works it, and its supervisors; an unrouted case is the dispatchers' (never every handler).
        const who =
          c.departmentId === null
            ? await staffOf(null, ["DISPATCHER"], read)
            : [
                ...(await handlerOrDepartment()),
                ...(await staffOf(c.departmentId, ["SUPERVISOR"], read)),
              ];
        const unique = [...new Map(who.map((s) => [s.id, s])).values()];
        return unique.map((s) => ({ bot: "staff" as const, chatId: s.telegramId, locale: s.locale, text: i18n.t(s.locale, "staff-withdrawn", vars) }));
      }
      case "send_failed": {
        // Whoever wrote what Telegram refused hears it did not arrive (the refusal is already on the
        // case's audit trail, and administrators were alerted).
        const why = (l: string) => i18n.t(l, `send-failed-reason-${p.reason === "blocked" || p.reason === "chat_not_found" ? p.reason : "refused"}`);
        if (p.failedType === "citizen_reply" || p.failedType === "correction_received") {
          return [{ ...citizen, text: tc("notify-send-failed", { reason: why(citizen.locale) }) }];
        }
        return toHandlerOrDepartment("staff-send-failed", (l) => ({
          number: c.number,
          what: i18n.t(l, `sent-what-${p.failedType ?? "question"}`),
          reason: why(l),
        }));
      }
      case "case_due_soon":
        return toHandlerOrDepartment("staff-due-soon", (l) => ({ number: c.number, due: formatDue(c.dueAt, l) }));
      case "case_urged":
        return toHandlerOrDepartment("staff-urged", (l) => ({ number: c.number, due: formatDue(c.dueAt, l) }));
      case "emergency_reported": {
        // Whoever holds the case now: the department's supervisors and handlers, before routing the dispatchers and administrators.
        const flag = emergencyOf(c.details);
        if (!flag) return [];
        const who = await staffOf(c.departmentId, c.departmentId === null ? ["DISPATCHER", "ADMIN"] : ["SUPERVISOR", "HANDLER"], read);
        return who.map((s) => ({
          bot: "staff" as const,
          chatId: s.telegramId,
          locale: s.locale,
          text: i18n.t(s.locale, "staff-emergency-reported", {
            number: c.number,
            numbers: numbersText((k, v) => i18n.t(s.locale, k, v), flag.numbers),
            text: c.text,
            location: c.location ?? "-",
          }),
        }));
      }
      case "case_overdue": {
        // The department's supervisors; a case with no department yet is the dispatchers' to chase.
        // A new card shows the case overdue by itself; one already there is edited and the alert follows it.
        const who = await staffOf(c.departmentId, c.departmentId === null ? ["DISPATCHER"] : ["SUPERVISOR"], read);
        return cardsTo(who, { when: "if_existing", text: (l) => i18n.t(l, "staff-overdue", { number: c.number, due: formatDue(c.dueAt, l) }) });
      }
      default:
        throw new PermanentJobError(`${p.type} is not a case notice`);
    }
  }

  const staffNotices = createStaffNotices({ prisma, i18n, now: deps.now });

  const withMedia = createMediaNotices({ prisma, i18n, media: deps.media });
  const withCallBacks = createCallBacks({ prisma, i18n });
  async function buildAny(p: Payload<"notify">, pre?: NoticeRead | null): Promise<Outgoing[]> {
    if (isStaffNotice(p.type)) return staffNotices.build(p);
    const form = pre ? { files: pre.formMedia, number: pre.case.number } : undefined;
    return withCallBacks(p, await withMedia(p, await build(p, pre), form));
  }

  const delivery = createDelivery({ prisma, pool: deps.pool, telegram, pace: deps.pace, logger, failures: deps.failures, sendMedia: deps.media.send, cards: deps.cards });

  /**
   * Builds and sends a notice (delivery.ts). With `ifOpen` (the notify job), nothing is sent when
   * its outbox row is already done or failed for good; the row's state comes in the same statement
   * as the case, its citizen, the staff its recipients are picked from and the form's files.
   */
  async function deliver(p: Payload<"notify">, opts: { ifOpen?: boolean } = {}): Promise<Tally> {
    // A notice that brings cards up to date takes the case's card lock first, so its one read also
    // serves the cards (the case as they show it, the cards already sent, who holds one).
    if (p.caseId && p.type === "case_cards" && p.outboxId) {
      const r = await deps.cards.redraw(p.caseId, String(p.outboxId), async () => {
        const value = await deliverRead(p, opts, true);
        return { value, drew: value !== NOTHING };
      });
      if (!r.covered) return r.value;
      logger.debug({ caseId: p.caseId, outboxId: p.outboxId }, "cards already redrawn since this change");
      return { ...NOTHING };
    }
    if (p.caseId && CARD_NOTICES.has(p.type)) return deps.cards.withLock(p.caseId, () => deliverRead(p, opts, true));
    return deliverRead(p, opts, false);
  }

  /** What a job that had nothing to do answers (its row done or failed already). */
  const NOTHING: Tally = Object.freeze({ sent: 0, skipped: 0, unreachable: 0, noChat: 0 });

  async function deliverRead(p: Payload<"notify">, opts: { ifOpen?: boolean }, locked: boolean): Promise<Tally> {
    const pre = p.caseId && !isStaffNotice(p.type) ? await readNotice(deps.pool, p.caseId, p.outboxId, { cards: locked, holders: p.type === "case_cards" }) : null;
    if (opts.ifOpen && (pre ? pre.state : await deps.outboxState(p.outboxId)) !== "open") return NOTHING;
    const items = await buildAny(p, pre);
    // Whether the case's citizen withdrew consent is known from the read; other citizens are asked.
    const citizen = pre?.case.citizen;
    const consent = citizen?.telegramId != null ? new Map([[citizen.telegramId, citizen.consentWithdrawnAt !== null]]) : undefined;
    const cardRead = pre?.cards ? await deps.cards.cardRead(pre.case, pre.cards.handler, pre.cards.rows, pre.cards.dispatch) : undefined;
    return delivery.deliver(p, items, { consent, cardRead });
  }
  return { build: (p: Payload<"notify">) => buildAny(p), deliver };
}

export type Notifier = ReturnType<typeof createNotifier>;
