import type { Prisma } from "../db/prisma.js";
import type { CaseKind, CaseStatus } from "../generated/prisma/client.js";
import { scopeCovers, scopeWhere, type WebScope } from "./scope.js";

export const SEARCH_LIMIT = 100;
const NUMBER = /^MS-\d{4}-\d{6}$/i;

export type CaseSearch = { q?: string; department?: number; status?: CaseStatus; kind?: CaseKind; from?: Date; to?: Date };

/** "110101199003074514" -> "1101**********4514": enough to tell two applicants apart, not to reuse. */
export function maskIdNumber(id: string): string {
  return id.length <= 8 ? "*".repeat(id.length) : `${id.slice(0, 4)}${"*".repeat(id.length - 8)}${id.slice(-4)}`;
}

/** Keys in a case's `details` that identify a person (disclosure applicant, mediation parties). */
const ID_NUMBER_KEYS = new Set(["idNumber"]);

/**
 * The identity the web desk may show for a case: none for an anonymous complaint, whoever looks
 * (issue 13: "anonymous complaints never show identity, even here"), and never the citizen's
 * Telegram identity; identity numbers masked. Details that are not identity (form, delivery,
 * dispute type) stay.
 */
export function visibleIdentity(c: { anonymous: boolean; contactName: string | null; contactPhone: string | null; details: unknown }) {
  if (c.anonymous) return { anonymous: true as const, contactName: null, contactPhone: null, details: null };
  const details =
    c.details && typeof c.details === "object" && !Array.isArray(c.details)
      ? Object.fromEntries(
          Object.entries(c.details as Record<string, unknown>).map(([k, v]) => [k, ID_NUMBER_KEYS.has(k) && typeof v === "string" ? maskIdNumber(v) : v]),
        )
      : null;
  return { anonymous: false as const, contactName: c.contactName, contactPhone: c.contactPhone, details };
}

/** Case search and the case file (案卷) for the web desk, always inside the viewer's scope. */
export function createCaseFileService(deps: { prisma: Prisma }) {
  const { prisma } = deps;

  return {
    async search(scope: WebScope, s: CaseSearch) {
      const q = s.q?.trim();
      const text = q && !NUMBER.test(q) ? q : undefined;
      const where = {
        ...scopeWhere(scope),
        ...(s.department !== undefined && scope.all ? { departmentId: s.department } : {}),
        ...(s.status ? { status: s.status } : {}),
        ...(s.kind ? { kind: s.kind } : {}),
        ...(s.from || s.to ? { createdAt: { ...(s.from ? { gte: s.from } : {}), ...(s.to ? { lt: s.to } : {}) } } : {}),
        ...(q && NUMBER.test(q) ? { number: q.toUpperCase() } : {}),
        ...(text ? { OR: [{ text: { contains: text } }, { location: { contains: text } }, { number: { contains: text.toUpperCase() } }] } : {}),
      };
      const [count, cases] = await Promise.all([
        prisma.case.count({ where }),
        prisma.case.findMany({
          where,
          orderBy: { createdAt: "desc" },
          take: SEARCH_LIMIT,
          select: { id: true, number: true, kind: true, status: true, departmentId: true, text: true, createdAt: true, dueAt: true, closedAt: true },
        }),
      ]);
      return { count, cases };
    },

    /** The whole case file, or why not: unknown number, or a department outside the scope. */
    async caseFile(scope: WebScope, number: string) {
      const c = await prisma.case.findUnique({
        where: { number: number.toUpperCase() },
        include: { department: true, handler: true, events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] }, messages: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
      });
      if (!c) return { ok: false as const, reason: "not_found" as const };
      if (!scopeCovers(scope, c.departmentId)) return { ok: false as const, reason: "forbidden" as const };
      const staffIds = new Set<number>();
      for (const e of c.events) if (e.actor.startsWith("staff:")) staffIds.add(Number(e.actor.slice(6)));
      for (const m of c.messages) if (m.staffId) staffIds.add(m.staffId);
      const staff = await prisma.staffMember.findMany({ where: { id: { in: [...staffIds] } }, select: { id: true, displayName: true, role: true } });
      const who = (actor: string) => {
        if (!actor.startsWith("staff:")) return { actor, name: null, role: null };
        const s = staff.find((x) => x.id === Number(actor.slice(6)));
        return { actor: "staff", name: s?.displayName ?? actor, role: s?.role ?? null };
      };
      return {
        ok: true as const,
        file: {
          number: c.number,
          kind: c.kind,
          status: c.status,
          priority: c.priority,
          department: c.department ? { code: c.department.code, nameZh: c.department.nameZh, nameEn: c.department.nameEn } : null,
          handler: c.handler ? { name: c.handler.displayName } : null,
          text: c.text,
          location: c.location,
          identity: visibleIdentity(c),
          receivedAt: c.createdAt,
          dueAt: c.dueAt,
          closedAt: c.closedAt,
          answer: c.answer,
          replyType: c.replyType,
          satisfied: c.satisfied,
          extension: c.extensionState ? { state: c.extensionState, days: c.extensionDays } : null,
          outcome: c.outcome,
          linkedToId: c.linkedToId,
          anonymisedAt: c.anonymisedAt,
          events: c.events.map((e) => ({ at: e.createdAt, ...who(e.actor), action: e.action, from: e.fromStatus, to: e.toStatus, note: e.note })),
          messages: c.messages.map((m) => ({ at: m.createdAt, direction: m.direction, staff: m.staffId ? who(`staff:${m.staffId}`).name : null, text: m.text })),
        },
      };
    },
  };
}

export type CaseFile = Extract<Awaited<ReturnType<ReturnType<typeof createCaseFileService>["caseFile"]>>, { ok: true }>["file"];
