import type { Case, Citizen, StaffMember } from "../generated/prisma/client.js";
import { sql, type Queryable } from "../db/sql.js";

/** Whether an outbox row's work is still to do (as `outbox.state` says). */
export type OutboxState = "open" | "done" | "failed";

/**
 * What one notice about a case needs, read in one statement (it was four to six round trips, two
 * of them through Prisma's query compiler): the outbox row's state, the case with its citizen, the
 * staff any recipient rule picks from (the case's department, the dispatchers and administrators,
 * its handler; active only) and the form's photos and documents.
 */
export type NoticeRead = {
  state: OutboxState;
  case: Case & { citizen: Citizen };
  /** Active staff of the case's department, every active dispatcher and administrator, the handler if active; by id. */
  staff: StaffMember[];
  /** The form's files (not those of a later message), by id. */
  formMedia: { id: number; kind: string }[];
};

/** A timestamp(3) read through JSON (UTC wall time, no zone) as the instant Prisma gives. */
const at = (v: unknown) => (typeof v === "string" ? new Date(`${v}Z`) : null);

/** A StaffMember row read through JSON (its telegramId sent as text: a bigint does not survive JSON). */
export function staffFromJson(raw: Record<string, unknown>): StaffMember {
  return { ...raw, telegramId: BigInt(raw.telegramId as string), createdAt: at(raw.createdAt) } as StaffMember;
}

const STAFF_JSON = `to_jsonb(s) || jsonb_build_object('telegramId', s."telegramId"::text)`;

/** Null when the case does not exist (then the caller asks the outbox row alone). */
export async function readNotice(pool: Queryable, caseId: number, outboxId: number | undefined): Promise<NoticeRead | null> {
  const [row] = await sql<Case & { _citizen: Record<string, unknown>; _state: OutboxState | null; _staff: Record<string, unknown>[]; _media: [number, string][] }>(
    pool,
    `SELECT c.*,
       to_jsonb(ci) || jsonb_build_object('telegramId', ci."telegramId"::text) AS "_citizen",
       (SELECT CASE WHEN o."completedAt" IS NOT NULL THEN 'done' WHEN o."failedAt" IS NOT NULL THEN 'failed' ELSE 'open' END
          FROM "OutboxMessage" o WHERE o."id" = $2) AS "_state",
       (SELECT coalesce(jsonb_agg(${STAFF_JSON} ORDER BY s."id"), '[]') FROM "StaffMember" s
          WHERE s."active" AND (s."departmentId" = c."departmentId" OR s."role" IN ('DISPATCHER', 'ADMIN') OR s."id" = c."handlerId")) AS "_staff",
       (SELECT coalesce(jsonb_agg(jsonb_build_array(m."id", m."kind") ORDER BY m."id"), '[]') FROM "MediaFile" m
          WHERE m."caseId" = c."id" AND m."caseMessageId" IS NULL) AS "_media"
     FROM "Case" c JOIN "Citizen" ci ON ci."id" = c."citizenId" WHERE c."id" = $1`,
    [caseId, outboxId ?? null],
  );
  if (!row) return null;
  const { _citizen: raw, _state, _staff, _media, ...c } = row;
  const citizen = {
    ...raw,
    telegramId: raw.telegramId === null ? null : BigInt(raw.telegramId as string),
    consentAt: at(raw.consentAt),
    consentWithdrawnAt: at(raw.consentWithdrawnAt),
    lastSeenAt: at(raw.lastSeenAt),
    createdAt: at(raw.createdAt),
  } as Citizen;
  return {
    // A row that does not exist is "open", as outbox.state says (a direct call names none).
    state: _state ?? "open",
    case: { ...(c as Case), attachments: c.attachments ?? [], citizen },
    staff: _staff.map(staffFromJson),
    formMedia: _media.map(([id, kind]) => ({ id, kind })),
  };
}
