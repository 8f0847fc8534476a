import type { Prisma } from "../db/prisma.js";
import type { Logger } from "../logger.js";
import type { CaseService } from "../cases/case-service.js";
import { OPEN_STATUSES } from "../cases/state-machine.js";
import { anonymiseCase, ARCHIVE_TELEGRAM_ID } from "./anonymise.js";

export const DAY_MS = 86_400_000;
const BATCH = 200;

/** The BotState key of a chat's conversation state in one bot (bots/shared/conversation-storage.ts). */
export const conversationKey = (namespace: string, chatId: number | bigint | string) => `${namespace}:conv:${chatId}`;

export type RetentionResult = { anonymised: number; citizensDeleted: number; formsExpired: number; deliveriesDeleted: number; mediaExpired: number };

/**
 * Personal data kept only as long as needed (PIPL art. 19), and consent that can be withdrawn
 * (art. 15) with the deletion it entails (art. 47).
 */
export function createPrivacyService(deps: {
  prisma: Prisma;
  cases: CaseService;
  logger: Logger;
  now: () => Date;
  retentionDays: number;
  formStateTtlDays: number;
}) {
  const { prisma, cases, logger, now } = deps;

  /** The one Citizen row anonymised cases move to (created on first use; marked so that it is never sent anything). */
  async function archiveCitizenId(): Promise<number> {
    const row = await prisma.citizen.upsert({
      where: { telegramId: ARCHIVE_TELEGRAM_ID },
      update: {},
      create: { telegramId: ARCHIVE_TELEGRAM_ID, consentWithdrawnAt: new Date(0) },
    });
    return row.id;
  }

  async function anonymise(caseId: number, reason: string, archive?: number): Promise<boolean> {
    const archiveCitizen = archive ?? (await archiveCitizenId());
    return prisma.$transaction((tx) => anonymiseCase(tx, caseId, { archiveCitizenId: archiveCitizen, reason, at: now() }));
  }

  /** Abandoned forms: state untouched for FORM_STATE_TTL_DAYS (wall clock, as BotState.updatedAt is written). */
  async function purgeFormState(): Promise<number> {
    const r = await prisma.botState.deleteMany({ where: { updatedAt: { lt: new Date(Date.now() - deps.formStateTtlDays * DAY_MS) } } });
    return r.count;
  }

  /**
   * The daily retention run; idempotent, so a rerun (or two workers at once) changes nothing more.
   * - cases closed more than RETENTION_DAYS ago are anonymised (each with its audit event);
   * - citizens with no case and no activity for RETENTION_DAYS are deleted;
   * - abandoned form state goes (with the photos and documents it kept), and so do delivery records
   *   (Telegram chat ids) past the period. A case's own files go when it is anonymised.
   */
  async function runRetention(): Promise<RetentionResult> {
    const cutoff = new Date(now().getTime() - deps.retentionDays * DAY_MS);
    const reason = `retention: closed more than ${deps.retentionDays} days ago`;
    const archive = await archiveCitizenId();
    let anonymised = 0;
    for (let after = 0; ; ) {
      const batch = await prisma.case.findMany({
        where: { id: { gt: after }, status: "CLOSED", closedAt: { lt: cutoff }, anonymisedAt: null },
        select: { id: true },
        orderBy: { id: "asc" },
        take: BATCH,
      });
      for (const { id } of batch) if (await anonymise(id, reason, archive)) anonymised++;
      if (batch.length < BATCH) break;
      after = batch[batch.length - 1].id;
    }
    // A citizen who is still the other party of a case stays until that case is anonymised. One with
    // no chat (web form, Open311: telegramId null) goes like any other once their cases are anonymised.
    const citizensDeleted = await prisma.$executeRaw`
      DELETE FROM "Citizen" c
      WHERE c."lastSeenAt" < ${cutoff} AND c."telegramId" IS DISTINCT FROM ${ARCHIVE_TELEGRAM_ID}
        AND NOT EXISTS (SELECT 1 FROM "Case" k WHERE k."citizenId" = c."id" OR k."otherPartyCitizenId" = c."id")`;
    const formsExpired = await purgeFormState();
    // Photos and documents a form kept but that were never filed with a case go with the form's state.
    const mediaExpired = (
      await prisma.mediaFile.deleteMany({ where: { caseId: null, createdAt: { lt: new Date(Date.now() - deps.formStateTtlDays * DAY_MS) } } })
    ).count;
    const deliveriesDeleted = (await prisma.notificationDelivery.deleteMany({ where: { createdAt: { lt: cutoff } } })).count;
    const result = { anonymised, citizensDeleted, formsExpired, deliveriesDeleted, mediaExpired };
    logger.info(result, "retention run");
    return result;
  }

  /**
   * /forget: the citizen withdraws consent (PIPL art. 15). Processing for them stops at once (no
   * message is sent to a citizen marked so), their open cases are withdrawn (each department is
   * told), their form state is deleted, and every case of theirs is anonymised now rather than after
   * the retention period (art. 47(1)(4)): what the archive rules require to be kept, the bare case
   * record, stays, and nothing but storage is done with it (art. 47, last paragraph).
   */
  async function forget(citizenId: number): Promise<{ withdrawn: number; anonymised: number; stillOpen: number }> {
    const citizen = await prisma.citizen.update({ where: { id: citizenId }, data: { consentAt: null, consentWithdrawnAt: now() } });
    const actor = { kind: "citizen" as const, id: citizenId };
    let withdrawn = 0;
    // A handler may move a case between our read and our write: go round again for what is still open.
    for (let round = 0; round < 3; round++) {
      const open = await prisma.case.findMany({ where: { citizenId, status: { in: [...OPEN_STATUSES] } }, select: { id: true } });
      if (open.length === 0) break;
      for (const { id } of open) if ((await cases.withdraw(id, actor, "consent withdrawn")).ok) withdrawn++;
    }
    if (citizen.telegramId !== null) {
      await prisma.botState.deleteMany({ where: { key: conversationKey("citizen", citizen.telegramId) } });
      await prisma.notificationDelivery.deleteMany({ where: { bot: "citizen", chatId: citizen.telegramId } });
    }
    const archive = await archiveCitizenId();
    let anonymised = 0;
    const closed = await prisma.case.findMany({ where: { citizenId, status: "CLOSED", anonymisedAt: null }, select: { id: true } });
    for (const { id } of closed) if (await anonymise(id, "consent withdrawn (PIPL art. 47)", archive)) anonymised++;
    // As the other party of someone else's mediation they are no longer told anything about it.
    const asParty = await prisma.case.findMany({ where: { otherPartyCitizenId: citizenId }, select: { id: true } });
    for (const { id } of asParty) {
      await prisma.$transaction(async (tx) => {
        const c = await tx.case.update({ where: { id }, data: { otherPartyCitizenId: null } });
        await tx.caseEvent.create({ data: { caseId: id, actor: "system", action: "party_consent_withdrawn", fromStatus: c.status, toStatus: c.status } });
      });
    }
    const stillOpen = await prisma.case.count({ where: { citizenId, status: { in: [...OPEN_STATUSES] } } });
    logger.info({ citizenId, withdrawn, anonymised, stillOpen }, "consent withdrawn");
    return { withdrawn, anonymised, stillOpen };
  }

  return { runRetention, purgeFormState, forget, anonymise };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;
