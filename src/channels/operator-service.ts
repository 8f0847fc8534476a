import type { Prisma } from "../db/prisma.js";
import type { ActionResult, CaseService } from "../cases/case-service.js";
import type { CitizenActor } from "../cases/permissions.js";
import { channelOf } from "./channel-intake.js";

/** Done; refused by the case service (its rules); or not for this operator ("forbidden") or not a call ("not_a_call"). */
export type CallBackResult = { ok: true } | { ok: false; refusal: Extract<ActionResult, { ok: false }> } | { ok: false; reason: "forbidden" | "not_a_call" };

/**
 * What a hotline operator does for a caller without Telegram, after a call-back: records the
 * caller's answer to a question, whether they are satisfied with an answer, or that they were told.
 * Each goes through the case service as the caller (so the same rules apply: only when the case
 * waits for that answer, only the first rating counts), with the operator named in the audit trail
 * (`operator:<id>`). Only an active operator may, and only for a case taken by phone.
 */
export function createOperatorService(deps: { prisma: Prisma; cases: CaseService; now: () => Date }) {
  const { prisma, cases } = deps;

  async function callerOf(staffId: number, caseId: number): Promise<{ actor: CitizenActor; status: string } | { ok: false; reason: "forbidden" | "not_a_call" }> {
    const staff = await prisma.staffMember.findUnique({ where: { id: staffId } });
    if (!staff || !staff.active || staff.role !== "OPERATOR") return { ok: false, reason: "forbidden" };
    const c = await prisma.case.findUnique({ where: { id: caseId }, select: { citizenId: true, details: true, status: true } });
    if (!c || channelOf(c.details)?.name !== "phone") return { ok: false, reason: "not_a_call" };
    return { actor: { kind: "citizen", id: c.citizenId, via: { operatorId: staffId } }, status: c.status };
  }

  /** The notice of that notify job (every part of it) was passed on to the caller. */
  async function markTold(staffId: number, caseId: number, outboxId: number): Promise<void> {
    if (outboxId > 0) {
      await prisma.citizenNotice.updateMany({ where: { caseId, outboxId, calledBackAt: null }, data: { calledBackAt: deps.now(), calledBackById: staffId } });
    }
  }

  /** Does `act` as the caller, with the operator named; the notice answered counts as passed on once it is done. */
  async function asCaller(staffId: number, caseId: number, outboxId: number, act: (actor: CitizenActor) => Promise<ActionResult>): Promise<CallBackResult> {
    const who = await callerOf(staffId, caseId);
    if ("reason" in who) return who;
    const r = await act(who.actor);
    if (!r.ok) return { ok: false, refusal: r };
    await markTold(staffId, caseId, outboxId);
    return { ok: true };
  }

  return {
    recordReply: (staffId: number, caseId: number, outboxId: number, text: string) =>
      asCaller(staffId, caseId, outboxId, (actor) => cases.citizenReply(caseId, actor, text)),

    recordRating: (staffId: number, caseId: number, outboxId: number, satisfied: boolean) =>
      asCaller(staffId, caseId, outboxId, (actor) => cases.rate(caseId, actor, satisfied)),

    /** The caller was told: recorded on the notices and as a `called_back` event (the case itself does not change). */
    async told(staffId: number, caseId: number, outboxId: number): Promise<CallBackResult> {
      const who = await callerOf(staffId, caseId);
      if ("reason" in who) return who;
      await prisma.$transaction(async (tx) => {
        const c = await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { status: true } });
        await tx.caseEvent.create({
          data: { caseId, actor: `operator:${staffId}`, action: "called_back", fromStatus: c.status, toStatus: c.status, note: outboxId > 0 ? `outbox ${outboxId}` : null },
        });
      });
      await markTold(staffId, caseId, outboxId);
      return { ok: true };
    },

    /** Call-backs still owed on the calls this operator took (oldest first), for `/callbacks`. */
    async pending(staffId: number): Promise<{ number: string; type: string; createdAt: Date; caller: string }[]> {
      const rows = await prisma.citizenNotice.findMany({
        where: { calledBackAt: null, part: 0 },
        orderBy: { id: "asc" },
        take: 500,
      });
      if (rows.length === 0) return [];
      const byCase = new Map(
        (await prisma.case.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.caseId))] } }, select: { id: true, number: true, details: true } })).map((c) => [c.id, c]),
      );
      return rows.flatMap((r) => {
        const c = byCase.get(r.caseId);
        const ch = channelOf(c?.details);
        if (!c || ch?.name !== "phone" || ch.operatorId !== staffId) return [];
        return [{ number: c.number, type: r.type, createdAt: r.createdAt, caller: `${ch.caller?.name ?? "-"} ${ch.caller?.phone ?? ""}`.trim() }];
      });
    },
  };
}

export type OperatorService = ReturnType<typeof createOperatorService>;
