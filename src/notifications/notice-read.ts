import type { Case, Citizen, StaffMember } from "../generated/prisma/client.js";
import { sql, type Queryable } from "../db/sql.js";
import { batchedOnPool } from "../db/batched.js";
import { groupBy } from "../util/group.js";
import { CARDS_JSON, DISPATCH_JSON, HANDLER_JSON, staffFromJson, type CardJson } from "./staff-cards.js";

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
  /**
   * Read with `cards` (holding the case's card lock, staff-cards.ts): the case's handler (active or
   * not), its cards already sent, and why it waits for a dispatcher.
   */
  cards?: { handler: StaffMember | null; rows: CardJson[]; dispatch: [string, string | null] | null };
  /** Read with `holders`: every staff member who holds a card of the case (by id, active or not). */
  holders?: StaffMember[];
};

/** A timestamp(3) read through JSON (UTC wall time, no zone) as the instant Prisma gives. */
const at = (v: unknown) => (typeof v === "string" ? new Date(`${v}Z`) : null);

const STAFF_JSON = `to_jsonb(s) || jsonb_build_object('telegramId', s."telegramId"::text)`;

type Row = Case & {
  _citizen: Record<string, unknown>;
  _state: OutboxState | null;
  _staff: Record<string, unknown>[];
  _media: [number, string][];
  _handler: Record<string, unknown> | null;
  _cards: CardJson[] | null;
  _holders: Record<string, unknown>[] | null;
  _dispatch: [string, string | null] | null;
};

type Want = { caseId: number; outboxId: number | undefined; cards: boolean; holders: boolean };

/** The notices of the items (one flag set), in one statement; a row per item whose case exists, by item index. */
async function readRows(pool: Queryable, items: Want[]): Promise<Map<number, Row>> {
  const rows = await sql<Row & { _n: string }>(
    pool,
    `SELECT c.*, q.n AS "_n",
       to_jsonb(ci) || jsonb_build_object('telegramId', ci."telegramId"::text) AS "_citizen",
       (SELECT CASE WHEN o."completedAt" IS NOT NULL THEN 'done' WHEN o."failedAt" IS NOT NULL THEN 'failed' ELSE 'open' END
          FROM "OutboxMessage" o WHERE o."id" = q.ob) AS "_state",
       (SELECT coalesce(jsonb_agg(${STAFF_JSON} ORDER BY s."id"), '[]') FROM "StaffMember" s
          WHERE s."active" AND (s."departmentId" = c."departmentId" OR s."role" IN ('DISPATCHER', 'ADMIN') OR s."id" = c."handlerId")) AS "_staff",
       (SELECT coalesce(jsonb_agg(jsonb_build_array(m."id", m."kind") ORDER BY m."id"), '[]') FROM "MediaFile" m
          WHERE m."caseId" = c."id" AND m."caseMessageId" IS NULL) AS "_media",
       CASE WHEN $3 THEN ${HANDLER_JSON} END AS "_handler",
       CASE WHEN $3 THEN ${CARDS_JSON} END AS "_cards",
       CASE WHEN $3 THEN ${DISPATCH_JSON} END AS "_dispatch",
       CASE WHEN $4 THEN (SELECT coalesce(jsonb_agg(${STAFF_JSON} ORDER BY s."id"), '[]') FROM "StaffMember" s
          WHERE s."telegramId" IN (SELECT k."chatId" FROM "StaffCard" k WHERE k."caseId" = c."id" AND k."bot" = 'staff')) END AS "_holders"
     FROM unnest($1::int[], $2::int[]) WITH ORDINALITY AS q(cid, ob, n)
     JOIN "Case" c ON c."id" = q.cid JOIN "Citizen" ci ON ci."id" = c."citizenId"`,
    [items.map((i) => i.caseId), items.map((i) => i.outboxId ?? null), items[0].cards, items[0].holders],
  );
  return new Map(rows.map(({ _n, ...row }) => [Number(_n) - 1, row as Row]));
}

/**
 * Notices of concurrent jobs on a pool are read together (src/db/batched.ts): while one read runs,
 * the others wait and go in the next, one statement per set of flags. Each caller gets its own row.
 */
async function readBatch(pool: Queryable, wants: Want[]): Promise<(Row | null)[]> {
  const out: (Row | null)[] = wants.map(() => null);
  const groups = groupBy(wants.keys(), (i) => `${wants[i].cards}:${wants[i].holders}`);
  await Promise.all(
    [...groups.values()].map(async (idx) => {
      const rows = await readRows(pool, idx.map((i) => wants[i]));
      rows.forEach((row, k) => (out[idx[k]] = row));
    }),
  );
  return out;
}

/** Null when the case does not exist (then the caller asks the outbox row alone). */
export async function readNotice(pool: Queryable, caseId: number, outboxId: number | undefined, opts: { cards?: boolean; holders?: boolean } = {}): Promise<NoticeRead | null> {
  const want: Want = { caseId, outboxId, cards: opts.cards === true, holders: opts.holders === true };
  const row = await batchedOnPool(pool, readBatch, want);
  if (!row) return null;
  const { _citizen: raw, _state, _staff, _media, _handler, _cards, _holders, _dispatch, ...c } = row;
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
    ...(opts.cards
      ? { cards: { handler: _handler ? staffFromJson(_handler) : null, rows: _cards ?? [], dispatch: _dispatch } }
      : {}),
    ...(opts.holders ? { holders: (_holders ?? []).map(staffFromJson) } : {}),
  };
}
