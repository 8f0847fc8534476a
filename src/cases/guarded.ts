import type { Prisma, Tx } from "../db/prisma.js";
import type { Logger } from "../logger.js";
import type { Outbox } from "../outbox/outbox.js";
import type { JobRequest, NotifyType } from "../queues/definitions.js";
import type { Case, CaseStatus, Prisma as PrismaTypes } from "../generated/prisma/client.js";
import { actorLabel, type Actor } from "./permissions.js";
import { allowed, type ActionInput, type CaseAction, type Relations, type Verdict } from "./rules.js";
import { attachMedia } from "../media/media-service.js";

export type Refusal = { ok: false; reason: "not_found" | "forbidden" | "not_allowed"; status?: CaseStatus };
export type ActionResult = { ok: true; case: Case; messageId?: number } | Refusal;

/** One action on one case, and everything that must be written with it. */
export type Step = {
  action: CaseAction;
  caseId: number;
  actor: Actor;
  input?: ActionInput;
  /** Facts the rule needs beyond the row (an invitation, the lead case), read in the transaction. */
  relations?: (tx: Tx, c: Case) => Promise<Relations>;
  patch?: (c: Case, at: Date) => PrismaTypes.CaseUncheckedUpdateManyInput;
  note?: string | null | ((c: Case) => string | null);
  /** A human verdict on the right department, kept for retraining the classifier. */
  label?: { departmentId: number; source: "dispatcher" | "transfer" };
  /** `files`: kept photos and documents (MediaFile ids) that came with the message, filed with it. */
  message?: { direction: "TO_CITIZEN" | "FROM_CITIZEN"; text: string; staffId?: number; files?: number[] };
  notify?: NotifyType[];
  /** Other work that must follow the change (e.g. re-planning deadline alarms). */
  jobs?: JobRequest[] | ((c: Case) => JobRequest[]);
  /** More writes belonging to this change (an invitation made or used); `refuse()` there undoes everything. */
  also?: (tx: Tx, c: Case, at: Date) => Promise<void>;
  /** Further steps that stand or fall with this one, in the same transaction (linked cases closed with their lead). */
  then?: (tx: Tx, updated: Case) => Promise<Step[]>;
};

/**
 * A retrain job when this label makes `every` new ones since the model in use was trained, so a
 * dispatcher's assignments count within minutes rather than at night (0 turns it off).
 */
async function retrainIfDue(tx: Tx, every: number): Promise<JobRequest[]> {
  if (every <= 0) return [];
  const total = await tx.caseLabel.count();
  const newest = await tx.classifierModel.findFirst({ orderBy: { id: "desc" }, select: { labels: true } });
  const fresh = total - (newest?.labels ?? 0);
  return fresh >= every && fresh % every === 0 ? [{ queue: "maintenance", payload: { task: "retrain" } }] : [];
}

class Refused extends Error {
  constructor(readonly result: Refusal) {
    super(result.reason);
  }
}

/** The case changed between our read and our write (another action, a reminder): read it again. */
export class LostRace extends Error {}

/** How often an action is tried again from a fresh read when another change wins the race. */
const RACE_RETRIES = 8;

/**
 * Runs one attempt of a guarded change after another (`attempt` gets its number, from 1) while it
 * loses the race to another change, at most RACE_RETRIES times; logs the outcome. A refusal is
 * returned as the step's answer; any other error is thrown. Both guards (`perform` here, the plain
 * SQL one in guarded-sql.ts) decide through it.
 */
export async function judged<T extends { case: Case }>(step: Pick<Step, "caseId" | "action" | "actor">, logger: Logger, attempt: (n: number) => Promise<T>): Promise<T | Refusal> {
  for (let n = 1; ; n++) {
    try {
      const out = await attempt(n);
      // At debug: every action is in the case's audit trail (CaseEvent) already, and a line each was a
      // synchronous write per action in every process (issue 8). Refusals stay at info.
      logger.debug({ caseId: step.caseId, action: step.action, to: out.case.status, actor: actorLabel(step.actor) }, "case action");
      return out;
    } catch (err) {
      if (err instanceof LostRace && n < RACE_RETRIES) continue;
      if (!(err instanceof Refused)) throw err;
      logger.info({ caseId: step.caseId, action: step.action, reason: err.result.reason, status: err.result.status }, "case action refused");
      return err.result;
    }
  }
}

/**
 * What a change allowed by `verdict` writes besides its patch, decided from the row as read: its
 * updatedAt (the guard of the next change), the audit event, and the follow-up work. Shared by the
 * Prisma transaction below and the plain-SQL statement (guarded-sql.ts), so both write the same.
 */
export function consequences(step: Pick<Step, "action" | "actor" | "note" | "notify" | "jobs">, c: Case, verdict: Extract<Verdict, { ok: true }>, at: Date, messageId?: number) {
  // Strictly later than the row's last change, so the guard on updatedAt tells every change apart
  // even with a clock that stands still (tests) or two changes in one millisecond.
  const updatedAt = new Date(Math.max(at.getTime(), c.updatedAt.getTime() + 1));
  // A mediation's other party is named as such in the audit trail, whether through the invitation or later (confirming the agreement, the follow-up).
  const byOtherParty =
    verdict.via.actor === "citizen" &&
    (verdict.via.relation === "other_party" || (verdict.via.relation === "party" && step.actor.kind === "citizen" && step.actor.id !== c.citizenId));
  const event = {
    caseId: c.id,
    actor: byOtherParty ? "party" : actorLabel(step.actor),
    action: step.action as string,
    fromStatus: c.status,
    toStatus: verdict.to,
    note: typeof step.note === "function" ? step.note(c) : (step.note ?? null),
  };
  // Every change but the classifier's (no staff card exists yet) redraws the case's staff cards. The
  // plain-SQL statement also leaves it out for a case leaving SUBMITTED that has no card (guarded-sql.ts).
  const types: NotifyType[] = [...(step.notify ?? []), ...(step.action === "classify" ? [] : (["case_cards"] as const))];
  const notify: JobRequest[] = types.map((type) => ({
    queue: "notify" as const,
    payload: { type, caseId: c.id, ...(messageId ? { messageId } : {}) },
  }));
  const jobs = typeof step.jobs === "function" ? step.jobs(c) : (step.jobs ?? []);
  return { updatedAt, event, requests: [...notify, ...jobs] };
}

/** Abandons the whole transaction of the step being applied, answering with `reason`. */
export function refuse(reason: Refusal["reason"], status?: CaseStatus): never {
  throw new Refused({ ok: false, reason, status });
}

/**
 * The one guarded way a case changes. Inside one transaction: read the row, ask the rules table
 * (actor, role, relation, kind, status, the action's own conditions), apply the change only if
 * the row is still as read (status and updatedAt), then write the audit event, the message, the
 * label and the follow-up work (outbox). A refusal anywhere rolls back everything, so it changes
 * nothing; the outbox is flushed only after commit.
 */
export function createGuard(deps: { prisma: Prisma; outbox: Outbox; logger: Logger; now: () => Date; retrainAfterLabels?: number }) {
  const { prisma, outbox, logger, now } = deps;

  async function apply(tx: Tx, step: Step): Promise<{ case: Case; messageId?: number; ids: number[] }> {
    const c = await tx.case.findUnique({ where: { id: step.caseId } });
    if (!c) refuse("not_found");
    const at = now();
    const relations = step.relations ? await step.relations(tx, c) : {};
    const verdict = allowed(step.action, step.actor, c, { relations, input: step.input ?? {}, now: at });
    if (!verdict.ok) refuse(verdict.reason, c.status);
    const { updatedAt, event } = consequences(step, c, verdict, at);
    // One UPDATE … RETURNING: the row as changed, with no second read (unless `also` writes to it).
    let updated: Case;
    try {
      updated = await tx.case.update({
        where: { id: c.id, status: c.status, updatedAt: c.updatedAt },
        data: { ...(step.patch?.(c, at) ?? {}), status: verdict.to, updatedAt } as PrismaTypes.CaseUncheckedUpdateInput,
      });
    } catch (err) {
      // Someone else changed the case between our read and write: nothing of ours is applied, and the
      // action is judged again against the case as it is now (perform). Answering "not allowed" here
      // would leave a routing job that met a reminder thinking the case was not its to route.
      if ((err as { code?: string }).code === "P2025") throw new LostRace(`case ${c.id} changed while ${step.action} was applied`);
      throw err;
    }
    await tx.caseEvent.create({ data: event });
    const retrain: JobRequest[] = [];
    if (step.label) {
      const dept = await tx.department.findUniqueOrThrow({ where: { id: step.label.departmentId } });
      await tx.caseLabel.create({
        data: { caseId: c.id, departmentCode: dept.code, source: step.label.source, actor: actorLabel(step.actor) },
      });
      retrain.push(...(await retrainIfDue(tx, deps.retrainAfterLabels ?? 0)));
    }
    let messageId: number | undefined;
    if (step.message) {
      const m = await tx.caseMessage.create({
        data: { caseId: c.id, direction: step.message.direction, text: step.message.text, staffId: step.message.staffId ?? null },
      });
      messageId = m.id;
      await attachMedia(tx, step.message.files, c.id, m.id);
    }
    await step.also?.(tx, c, at);
    const { requests } = consequences(step, c, verdict, at, messageId);
    const ids = await outbox.write(tx, [...requests, ...retrain]);
    if (step.also) updated = await tx.case.findUniqueOrThrow({ where: { id: c.id } });
    for (const next of (await step.then?.(tx, updated)) ?? []) ids.push(...(await apply(tx, next)).ids);
    return { case: updated, messageId, ids };
  }

  /** Applies `step` (and the steps it brings along) in one transaction; a refusal changes nothing. */
  return async function perform(step: Step): Promise<ActionResult> {
    const out = await judged(step, logger, () => prisma.$transaction((tx) => apply(tx, step)));
    if ("ok" in out) return out;
    await outbox.flushQuietly(out.ids);
    return { ok: true, case: out.case, ...(out.messageId ? { messageId: out.messageId } : {}) };
  };
}

export type Perform = ReturnType<typeof createGuard>;
