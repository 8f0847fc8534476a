import { Prisma as Sql } from "../generated/prisma/client.js";
import type { Prisma } from "../db/prisma.js";
import { CLOCK_RUNNING_STATUSES } from "../cases/state-machine.js";
import type { WebScope } from "./scope.js";

/** A period of whole calendar days in Asia/Shanghai, both ends included (YYYY-MM-DD). */
export type Period = { from: string; to: string };

/** One row of the figures: a department × kind cell, a department, a kind, or the district (null = all). */
export type FiguresRow = {
  departmentId: number | null;
  kind: string | null;
  /** True for a department row's "not yet routed" cell rather than a roll-up over departments. */
  level: "cell" | "department" | "kind" | "district";
  received: number;
  closed: number;
  closedOnTime: number;
  overdueNow: number;
  rated: number;
  satisfied: number;
  reopened: number;
  /** Median hours from receipt to the first staff action, over cases received in the period. */
  medianFirstActionHours: number | null;
  /** Median hours from receipt to the answer (closing), over cases closed in the period. */
  medianAnswerHours: number | null;
};

/** Rates as shown: 按时办结率 = closed on time / closed; 满意率 = satisfied / rated; reopen rate = reopened / closed. */
export function rates(r: FiguresRow) {
  const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
  return { onTime: ratio(r.closedOnTime, r.closed), satisfaction: ratio(r.satisfied, r.rated), reopen: ratio(r.reopened, r.closed) };
}

/** The instant a Shanghai calendar day starts (UTC+8 all year; China has no daylight saving time). */
export const shanghaiStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

type Raw = {
  departmentId: number | null;
  kind: string | null;
  gd: number;
  gk: number;
  received: bigint;
  closed: bigint;
  on_time: bigint;
  overdue_now: bigint;
  rated: bigint;
  satisfied: bigint;
  reopened: bigint;
  first_action_s: number | null;
  answer_s: number | null;
};

/**
 * The desk's figures (三率 and more) for a period, in one query: per department × kind with the
 * roll-ups per department, per kind and for the district (GROUPING SETS). A case counts as received
 * when it was created in the period and as closed when it was closed in it; "on time" means closed
 * no later than the due date in force (extensions included); "overdue now" counts cases whose clock
 * runs (a request waiting for correction has its clock stopped) and whose due date has passed, at
 * `now`, whatever the period. A reopened case is one with a `reopen` event (the citizen said the
 * answer did not settle it).
 */
export function createFiguresService(deps: { prisma: Prisma; now: () => Date }) {
  return {
    async figures(scope: WebScope, period: Period): Promise<FiguresRow[]> {
      const from = shanghaiStart(period.from);
      const to = new Date(shanghaiStart(period.to).getTime() + 86_400_000);
      const now = deps.now();
      const running = Sql.join(CLOCK_RUNNING_STATUSES.map((s) => Sql.sql`${s}::"CaseStatus"`));
      const only = scope.all ? Sql.empty : Sql.sql`AND c."departmentId" = ${scope.departmentId}`;
      const rows = await deps.prisma.$queryRaw<Raw[]>`
        WITH c AS (
          SELECT c.id, c."departmentId", c.kind::text AS kind, c."createdAt", c."closedAt", c."dueAt", c.status, c.satisfied,
            (c."createdAt" >= ${from} AND c."createdAt" < ${to}) AS received,
            (c.status = 'CLOSED' AND c."closedAt" >= ${from} AND c."closedAt" < ${to}) AS closed,
            (c.status IN (${running}) AND c."dueAt" < ${now}) AS overdue,
            (SELECT min(e."createdAt") FROM "CaseEvent" e WHERE e."caseId" = c.id AND e.actor LIKE 'staff:%') AS first_action,
            EXISTS (SELECT 1 FROM "CaseEvent" e WHERE e."caseId" = c.id AND e.action = 'reopen') AS reopened
          FROM "Case" c
          WHERE ((c."createdAt" >= ${from} AND c."createdAt" < ${to})
              OR (c."closedAt" >= ${from} AND c."closedAt" < ${to})
              OR (c.status IN (${running}) AND c."dueAt" < ${now})) ${only}
        )
        SELECT "departmentId", kind, GROUPING("departmentId")::int AS gd, GROUPING(kind)::int AS gk,
          count(*) FILTER (WHERE received) AS received,
          count(*) FILTER (WHERE closed) AS closed,
          count(*) FILTER (WHERE closed AND "closedAt" <= "dueAt") AS on_time,
          count(*) FILTER (WHERE overdue) AS overdue_now,
          count(*) FILTER (WHERE closed AND satisfied IS NOT NULL) AS rated,
          count(*) FILTER (WHERE closed AND satisfied) AS satisfied,
          count(*) FILTER (WHERE closed AND reopened) AS reopened,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_action - "createdAt"))
            FILTER (WHERE received AND first_action IS NOT NULL) AS first_action_s,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "closedAt" - "createdAt")) FILTER (WHERE closed) AS answer_s
        FROM c
        GROUP BY GROUPING SETS (("departmentId", kind), ("departmentId"), (kind), ())`;
      const hours = (s: number | null) => (s === null ? null : Math.round((Number(s) / 3600) * 10) / 10);
      return rows.map((r) => ({
        departmentId: r.gd ? null : r.departmentId,
        kind: r.gk ? null : r.kind,
        level: r.gd && r.gk ? "district" : r.gd ? "kind" : r.gk ? "department" : "cell",
        received: Number(r.received),
        closed: Number(r.closed),
        closedOnTime: Number(r.on_time),
        overdueNow: Number(r.overdue_now),
        rated: Number(r.rated),
        satisfied: Number(r.satisfied),
        reopened: Number(r.reopened),
        medianFirstActionHours: hours(r.first_action_s),
        medianAnswerHours: hours(r.answer_s),
      }));
    },
  };
}

export type FiguresService = ReturnType<typeof createFiguresService>;
