import type { Prisma, Tx } from "../db/prisma.js";
import type { Logger } from "../logger.js";
import type { Outbox } from "./outbox.js";
import type { NotifyType } from "../queues/definitions.js";

export type Refusal = { bot: "citizen" | "staff"; chatId: bigint; reason: string };

/**
 * Notices that carry what a person wrote, by the side that wrote it: when the other side can never
 * receive one, its writer is told (a message that could not be delivered is never left as sent).
 */
const WRITTEN_BY: Record<string, "citizen" | "staff"> = {
  question: "staff",
  case_answered: "staff",
  correction_requested: "staff",
  mediation_concluded: "staff",
  citizen_reply: "citizen",
  correction_received: "citizen",
};

/**
 * Records work that failed for good, where people will see it: on the outbox row (so neither the
 * sweep nor a Redis rebuild ever puts it in again), on the case's audit trail, and as an alert to
 * administrators through the normal notify path.
 *
 * The case event is written here, in this module's own transaction, rather than through the case
 * service: it records what the system failed to do, changes no state and needs no permission.
 */
export function createFailureRecorder(deps: { prisma: Prisma; outbox: Outbox; logger: Logger }) {
  const { prisma, outbox, logger } = deps;

  async function caseEvent(tx: Tx, caseId: number, action: string, note: string): Promise<boolean> {
    const c = await tx.case.findUnique({ where: { id: caseId }, select: { status: true } });
    if (!c) return false;
    await tx.caseEvent.create({ data: { caseId, actor: "system", action, fromStatus: c.status, toStatus: c.status, note: note.slice(0, 300) } });
    return true;
  }

  /** True the first time `key` is claimed (alerts are sent once per key). */
  async function claim(tx: Tx, key: string): Promise<boolean> {
    return (await tx.systemNotice.createMany({ data: [{ key }], skipDuplicates: true })).count === 1;
  }

  /**
   * A job failed for good. Once per outbox row (or per queue job without one): later calls change
   * nothing and return false.
   */
  async function failJob(f: { queue: string; jobId?: string; outboxId?: number; caseId?: number; reason: string; alert?: boolean }): Promise<boolean> {
    const reason = f.reason.slice(0, 300);
    const ids = await prisma.$transaction(async (tx) => {
      if (f.outboxId) {
        const marked = await tx.outboxMessage.updateMany({
          where: { id: f.outboxId, failedAt: null, completedAt: null },
          data: { failedAt: new Date(), failReason: reason },
        });
        // Already recorded (or done); a job naming a row that does not exist is recorded by its job id.
        if (marked.count === 0 && (await tx.outboxMessage.count({ where: { id: f.outboxId } })) > 0) return null;
        if (marked.count === 0 && !(await claim(tx, `job-failed:${f.queue}:${f.jobId ?? "?"}`))) return null;
      } else if (!(await claim(tx, `job-failed:${f.queue}:${f.jobId ?? "?"}`))) {
        return null;
      }
      const onCase = f.caseId ? await caseEvent(tx, f.caseId, "job_failed", `${f.queue}: ${reason}`) : false;
      if (f.alert === false) return [];
      return outbox.write(tx, [
        {
          queue: "notify",
          payload: { type: "admin_alert", ...(onCase ? { caseId: f.caseId } : {}), failedOutboxId: f.outboxId, reason: `${f.queue}: ${reason}`.slice(0, 300) },
        },
      ]);
    });
    if (ids === null) return false;
    logger.error({ queue: f.queue, jobId: f.jobId, outboxId: f.outboxId, caseId: f.caseId, reason }, "job failed for good");
    await outbox.flushQuietly(ids);
    return true;
  }

  /**
   * Some recipients of a notification can never be reached (blocked the bot, chat gone, message
   * refused). Each is recorded on the case; administrators hear once per chat, and never about
   * their own alerts (which would loop).
   */
  async function deliveryRefused(r: { outboxId?: number; caseId?: number; type: string; refusals: Refusal[] }): Promise<void> {
    const ids = await prisma.$transaction(async (tx) => {
      const alerts: { caseId?: number; reason: string }[] = [];
      const writers: { caseId: number; reason: string }[] = [];
      for (const x of r.refusals) {
        const writer = WRITTEN_BY[r.type];
        if (r.caseId && writer && writer !== x.bot && (await claim(tx, `send-failed:${r.outboxId ?? r.type}:${r.caseId}:${x.bot}`))) {
          writers.push({ caseId: r.caseId, reason: x.reason.slice(0, 300) });
        }
        // Staff never see a citizen's Telegram identity: the note names the side, not the chat.
        const onCase = r.caseId ? await caseEvent(tx, r.caseId, "delivery_failed", `${r.type} → ${x.bot}: ${x.reason}`) : false;
        if (r.type === "admin_alert") continue;
        if (await claim(tx, `unreachable:${x.bot}:${x.chatId}:${x.reason.slice(0, 60)}`)) {
          alerts.push({ ...(onCase ? { caseId: r.caseId } : {}), reason: `${r.type} → ${x.bot}: ${x.reason}`.slice(0, 300) });
        }
      }
      return outbox.write(tx, [
        ...alerts.map((a) => ({ queue: "notify" as const, payload: { type: "admin_alert" as const, ...a, failedOutboxId: r.outboxId } })),
        ...writers.map((w) => ({
          queue: "notify" as const,
          payload: { type: "send_failed" as const, ...w, failedType: r.type as NotifyType, failedOutboxId: r.outboxId },
        })),
      ]);
    });
    await outbox.flushQuietly(ids);
  }

  return { failJob, deliveryRefused };
}

export type FailureRecorder = ReturnType<typeof createFailureRecorder>;
