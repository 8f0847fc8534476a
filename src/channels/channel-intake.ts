import { createHash, randomBytes } from "node:crypto";
import type { I18n } from "@grammyjs/i18n";
import type { Prisma } from "../db/prisma.js";
import type { CaseService } from "../cases/case-service.js";
import type { Case, Department } from "../generated/prisma/client.js";
import { OPEN_STATUSES } from "../cases/state-machine.js";
import { emergencyAlert } from "../emergency/alert.js";
import { detectEmergency } from "../emergency/detect.js";
import { withEmergencyFlag } from "../emergency/flag.js";
import { sameSecret } from "../web/auth-service.js";
import { checkRequest, type FieldError, type RequestFields } from "./request-fields.js";
import { serviceCatalogue, type ServiceDef } from "./services.js";
import { LONG_TEXT_MAX } from "../cases/intake-limits.js";
import { visibleLength } from "../text/sanitize.js";

/** The channel a case came in by, kept in its details: which Open311 service, and a complaint's chosen department. */
export type ChannelName = "web" | "open311" | "phone";
/**
 * How a case came in: the channel, its Open311 service and a complaint's chosen department; for a
 * call taken by a hotline operator ("phone"), the operator and the caller's name and number, which
 * call-backs need even when the complaint is anonymous to the departments (never shown on cards).
 */
export type ChannelDetails = {
  channel: { name: ChannelName; serviceCode: string; departmentCode?: string; operatorId?: number; caller?: { name: string; phone: string } };
};

/** The channel details of a case, if it came in without Telegram. */
export function channelOf(details: unknown): ChannelDetails["channel"] | null {
  const ch = (details as Partial<ChannelDetails> | null)?.channel;
  return ch && typeof ch.name === "string" ? ch : null;
}

/** The department a caller chose for a complaint (a department's complaint service), or null. */
export function requestedDepartmentOf(details: unknown): string | null {
  return channelOf(details)?.departmentCode ?? null;
}

const hashOf = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** A case as anyone may see it (Open311 GET): no name, contact, text, place or answer text. */
export type PublicCase = Case & { department: Department | null; events: { action: string }[] };

export type Filed =
  | { ok: false; errors: FieldError[] }
  | { ok: false; unknownService: string }
  | { ok: true; case: Case; created: boolean; secret: string | null; emergencyAdvice: string | null; service: ServiceDef };

/**
 * Intake for citizens without Telegram: the web form and the Open311 API file through here, into the
 * same case service as the bot (same number, clock, classification, routing and audit trail). Each
 * filing makes a citizen with no chat (`telegramId` null, `channel` web/open311), whose notices are
 * kept for the status page; the citizen gets the case number and a secret (shown once, only its
 * SHA-256 stored) that open that page.
 */
export function createChannelIntake(deps: { prisma: Prisma; cases: CaseService; i18n: I18n; now: () => Date; mediationManyPeople: number; gasHotline?: string }) {
  const { prisma, cases, i18n } = deps;

  async function services(locale = "zh-CN"): Promise<ServiceDef[]> {
    return serviceCatalogue(await prisma.department.findMany(), locale);
  }

  /** The citizen's own view (number + secret): the case, and the notices kept for them in order; null if either is wrong. */
  async function statusPage(number: string, secret: string) {
    const c = await prisma.case.findUnique({
      where: { number: number.trim().toUpperCase() },
      include: { department: true, events: { where: { toStatus: "CLOSED" }, orderBy: { id: "desc" }, take: 1, select: { action: true } } },
    });
    if (!c || !c.accessSecretHash || !sameSecret(hashOf(secret.trim()), c.accessSecretHash)) return null;
    const notices = await prisma.citizenNotice.findMany({ where: { caseId: c.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    return { case: c, notices };
  }

  return {
    services,

    async service(code: string, locale = "zh-CN"): Promise<ServiceDef | null> {
      return (await services(locale)).find((s) => s.code === code) ?? null;
    },

    /** What is wrong with a request, without filing it (the web form shows it all in one round). */
    async check(serviceCode: string, fields: RequestFields): Promise<FieldError[]> {
      const service = (await services()).find((s) => s.code === serviceCode);
      if (!service) return [{ field: "service_code", key: "open311-error-service-unknown", vars: { code: serviceCode } }];
      const checked = checkRequest(service, fields, { mediationManyPeople: deps.mediationManyPeople });
      return checked.ok ? [] : checked.errors;
    },

    /**
     * Files a request. `submissionKey` makes a repeat (a double click, a client's retry with the
     * same key) return the first case, without a secret: it was shown once already.
     */
    async file(args: {
      channel: ChannelName;
      client?: string;
      /** A call taken by a hotline operator (channel "phone"): who took it, and how to call the caller back. */
      operator?: { id: number; caller: { name: string; phone: string } };
      submissionKey: string;
      serviceCode: string;
      fields: RequestFields;
    }): Promise<Filed> {
      const service = (await services()).find((s) => s.code === args.serviceCode);
      if (!service) return { ok: false, unknownService: args.serviceCode };
      const checked = checkRequest(service, args.fields, { mediationManyPeople: deps.mediationManyPeople });
      if (!checked.ok) return checked;
      const existing = await prisma.case.findUnique({ where: { submissionKey: args.submissionKey } });
      if (existing) return { ok: true, case: existing, created: false, secret: null, emergencyAdvice: null, service };

      const input = checked.input;
      const channel: ChannelDetails = {
        channel: {
          name: args.channel,
          serviceCode: service.code,
          ...(service.departmentCode ? { departmentCode: service.departmentCode } : {}),
          ...(args.operator ? { operatorId: args.operator.id, caller: args.operator.caller } : {}),
        },
      };
      const base = typeof input.details === "object" && input.details !== null ? (input.details as Record<string, unknown>) : {};
      // As in the bot: a text that reads as an emergency is flagged at filing (urgent, supervisor alerted on routing).
      const said = `${input.text}\n${input.location ?? ""}`;
      const details = withEmergencyFlag({ ...base, ...channel }, said);
      const verdict = detectEmergency(said);
      const secret = randomBytes(18).toString("base64url");
      // Consent: the web form's checkbox; an API client shows the same privacy notice before it posts (README "Channels").
      const citizen = await prisma.citizen.create({ data: { telegramId: null, channel: args.channel, consentAt: deps.now() } });
      const { case: c, created } = await cases.submit({
        ...input,
        details: details as never,
        submissionKey: args.submissionKey,
        citizenId: citizen.id,
        actor: args.channel === "web" ? "web" : args.channel === "phone" ? `operator:${args.operator?.id ?? "?"}` : `open311:${args.client ?? "?"}`,
        accessSecretHash: hashOf(secret),
      });
      if (!created) await prisma.citizen.delete({ where: { id: citizen.id } }).catch(() => undefined);
      const emergencyAdvice = verdict.emergency ? emergencyAlert((k, v) => i18n.t("zh-CN", k, v), verdict, deps.gasHotline) : null;
      return { ok: true, case: c, created, secret: created ? secret : null, emergencyAdvice, service };
    },

    /** One case as the public sees it, by number (Open311 service_request_id). */
    async publicCase(number: string): Promise<PublicCase | null> {
      const c = await prisma.case.findUnique({
        where: { number: number.toUpperCase() },
        include: { department: true, events: { where: { toStatus: "CLOSED" }, orderBy: { id: "desc" }, take: 1, select: { action: true } } },
      });
      return c && c.kind !== "RECONSIDERATION" ? c : null;
    },

    /** Cases for Open311's list: by numbers, or by service kind, status and period (newest first, at most `limit`). */
    async publicCases(q: { numbers?: string[]; kind?: Case["kind"]; departmentCode?: string; open?: boolean; from: Date; to: Date; limit: number }): Promise<PublicCase[]> {
      return prisma.case.findMany({
        where: {
          kind: q.kind ?? { in: ["COMPLAINT", "DISCLOSURE", "MEDIATION"] },
          ...(q.numbers ? { number: { in: q.numbers.map((n) => n.toUpperCase()) } } : { createdAt: { gte: q.from, lte: q.to } }),
          ...(q.departmentCode ? { department: { code: q.departmentCode } } : {}),
          ...(q.open === undefined ? {} : q.open ? { status: { in: [...OPEN_STATUSES] } } : { status: "CLOSED" }),
        },
        orderBy: { createdAt: "desc" },
        take: q.limit,
        include: { department: true, events: { where: { toStatus: "CLOSED" }, orderBy: { id: "desc" }, take: 1, select: { action: true } } },
      });
    },

    /**
     * The citizen answers a handler's question, or rates the answer, from the status page (number +
     * secret): the same case-service actions as the bot's, as the case's citizen. Null when the
     * number or secret is wrong; otherwise the case service's result (refused when the case moved on).
     */
    async reply(number: string, secret: string, text: string) {
      const c = await statusPage(number, secret);
      if (!c) return null;
      const said = text.trim();
      if (visibleLength(said) === 0 || said.length > LONG_TEXT_MAX) return { ok: false as const, reason: "text" };
      return cases.citizenReply(c.case.id, { kind: "citizen", id: c.case.citizenId }, said);
    },
    async rate(number: string, secret: string, satisfied: boolean) {
      const c = await statusPage(number, secret);
      if (!c) return null;
      return cases.rate(c.case.id, { kind: "citizen", id: c.case.citizenId }, satisfied);
    },

    statusPage,
  };
}

export type ChannelIntake = ReturnType<typeof createChannelIntake>;
