import type pg from "pg";
import type { Logger } from "../logger.js";
import type { Outbox, OutboxRow } from "../outbox/outbox.js";
import type { Case } from "../generated/prisma/client.js";
import type { DueFields } from "../clock/due-recipe.js";
import { shanghaiDay } from "../clock/calendar.js";
import { intArray, jsonArray, statementName, utc, utcTypes } from "../db/sql.js";
import type { SubmitInput } from "./case-service.js";
import { duplicateKeys } from "./duplicate-keys.js";
import { alarmsOf } from "../deadlines/alarms.js";
import type { JobRequest } from "../queues/definitions.js";

const UNDEFINED_TABLE = "42P01";
/** Two sessions creating the same year's sequence at once: the second sees one of these. */
const CREATED_MEANWHILE = new Set(["23505", "42P07"]);

const sequenceOf = (year: number) => `case_number_${year}`;

/**
 * Filing a case in ONE statement on the shared pool: the case, its "submit" audit event, the form's
 * files and its outbox rows (classify, its two deadline alarms) are written by one INSERT with data-modifying CTEs,
 * which Postgres runs as one transaction — all or nothing, one round trip, no interactive transaction
 * (so no Prisma "Unable to start a transaction in the given time": a submit waits in the pool's queue
 * for a connection however long the backlog, see README "Backpressure").
 *
 * The number (formatCaseNumber's MS-<year>-<6 digits>, more digits past 999,999) comes from the year's sequence (migration 20261128130649_case_number_sequences):
 * nextval() takes no lock that another submit waits on, and is never rolled back, so a failed
 * submit or a repeated key leaves a gap. Repeating a submission key finds the existing case: ON
 * CONFLICT DO NOTHING waits for a concurrent insert of the same key to commit, then writes nothing.
 */
export function createCaseSubmission(deps: {
  pool: pg.Pool;
  outbox: Outbox;
  logger: Logger;
  now: () => Date;
  dueFields: (input: SubmitInput, receivedAt: Date) => DueFields;
  /** REMINDER_WORKING_DAYS, for the new case's reminder alarm. */
  reminderDays: number;
}) {
  const { pool, outbox, logger, now } = deps;

  async function insert(input: SubmitInput, receivedAt: Date, year: number): Promise<{ c: Case | null; outbox: OutboxRow[] }> {
    const due = deps.dueFields(input, receivedAt);
    const wall = utc(new Date());
    // The new case's reminder and overdue alarms are outbox rows of their own, which the flush adds
    // as the delayed jobs themselves (src/deadlines/alarms.ts): no deadlines job runs to plan them.
    // Every kind's clock runs from filing (SUBMITTED); a due date the classifier changes (an urgent
    // complaint) is armed again by the classify step's schedule job.
    const alarms = alarmsOf({ id: 0, dueAt: due.dueAt, createdAt: receivedAt, remindedAt: null, overdueAt: null }, deps.reminderDays);
    const jobs = outbox.columns([
      { queue: "classify", payload: { caseId: 0 } },
      ...alarms.map((a): JobRequest => ({ queue: "deadlines", payload: { task: a.task, caseId: 0, dueAt: a.dueAt, at: a.at } })),
    ]);
    const text = `
        WITH c AS (
          INSERT INTO "Case" ("number", "submissionKey", "kind", "citizenId", "text", "location", "attachments", "anonymous",
            "contactName", "contactPhone", "details", "accessSecretHash", "dueAt", "dueFrom", "dueWorkingDays", "dueProvisional",
            "createdAt", "updatedAt", "dupKeys")
          VALUES ((SELECT 'MS-' || $1::int || '-' || CASE WHEN length(n) >= 6 THEN n ELSE lpad(n, 6, '0') END
                   FROM (SELECT nextval($2::text::regclass)::text AS n) AS seq), $3, $4::"CaseKind", $5, $6, $7, $8::text[], $9,
            $10, $11, $12::jsonb, $13, $14::timestamp(3), $15::timestamp(3), $16::int, $17, $18::timestamp(3), $19::timestamp(3), $25::int[])
          ON CONFLICT ("submissionKey") DO NOTHING
          RETURNING *
        ), event AS (
          INSERT INTO "CaseEvent" ("caseId", "actor", "action", "fromStatus", "toStatus", "createdAt")
          SELECT "id", $20, 'submit', NULL, 'SUBMITTED', $19::timestamp(3) FROM c
        ), media AS (
          UPDATE "MediaFile" m SET "caseId" = c."id", "caseMessageId" = NULL FROM c
          WHERE m."id" = ANY($21::int[]) AND m."caseId" IS NULL
        ), jobs AS (
          INSERT INTO "OutboxMessage" ("queue", "name", "payload", "createdAt")
          SELECT j.queue, j.name, j.payload || jsonb_build_object('caseId', c."id"), $19::timestamp(3)
          FROM c, ROWS FROM (unnest($22::text[]), unnest($23::text[]), jsonb_array_elements($24::jsonb)) WITH ORDINALITY AS j(queue, name, payload, ord)
          ORDER BY j.ord
          RETURNING "id", "queue", "name", "payload"
        )
        SELECT c.*, (SELECT json_agg(jobs ORDER BY jobs."id") FROM jobs) AS outbox FROM c`;
    // Prepared once per connection (src/db/sql.ts).
    const { rows } = await pool.query<Case & { outbox: OutboxRow[] | null }>({
      name: statementName(text),
      text,
      values: [
        year,
        sequenceOf(year),
        input.submissionKey,
        input.kind,
        input.citizenId,
        input.text,
        input.location ?? null,
        input.attachments ?? [],
        input.anonymous,
        input.anonymous ? null : (input.contactName ?? null),
        input.anonymous ? null : (input.contactPhone ?? null),
        input.details === undefined ? null : JSON.stringify(input.details),
        input.accessSecretHash ?? null,
        utc(due.dueAt),
        due.dueFrom ? utc(due.dueFrom) : null,
        due.dueWorkingDays,
        due.dueProvisional,
        utc(receivedAt),
        wall,
        input.actor ?? "citizen",
        input.mediaIds ?? [],
        jobs.queues,
        jobs.names,
        jsonArray(jobs.payloads),
        // 并单 keys: complaints only (src/cases/duplicate-keys.ts).
        input.kind === "COMPLAINT" ? intArray(duplicateKeys({ text: input.text, location: input.location ?? null })) : null,
      ],
      types: utcTypes,
    });
    const row = rows[0];
    if (!row) return { c: null, outbox: [] };
    const { outbox: written, ...c } = row;
    return { c: c as Case, outbox: written ?? [] };
  }

  /**
   * Creates the year's sequence, OWNED BY "Case"."number" (dropped with the table; TRUNCATE "Case"
   * RESTART IDENTITY starts it at 1 again, as tests do), and sets it past the highest number of that
   * year already filed. Two processes doing this at once: the second finds it made (IF NOT EXISTS, or
   * a duplicate error when both create in the same instant, then it looks again).
   */
  async function createSequence(year: number): Promise<void> {
    const name = sequenceOf(year); // from an integer: safe as an identifier
    for (let attempt = 0; ; attempt++) {
      try {
        await pool.query(`CREATE SEQUENCE IF NOT EXISTS "${name}" OWNED BY "Case"."number"`);
        break;
      } catch (err) {
        if (attempt >= 3 || !CREATED_MEANWHILE.has((err as { code?: string }).code ?? "")) throw err;
      }
    }
    // Never moves a sequence back: setval only when the filed numbers are past it.
    await pool.query(
      `SELECT setval($1::text::regclass, filed) FROM (
         SELECT max(substring("number" FROM 9)::bigint) AS filed FROM "Case" WHERE "number" LIKE $2
       ) AS f, LATERAL (SELECT last_value, is_called FROM ${name.replace(/[^a-z0-9_]/g, "")}) AS s
       WHERE filed IS NOT NULL AND (NOT s.is_called OR filed > s.last_value)`,
      [name, `MS-${year}-%`],
    );
  }

  async function existing(submissionKey: string): Promise<Case | null> {
    const { rows } = await pool.query<Case>({ text: `SELECT * FROM "Case" WHERE "submissionKey" = $1`, values: [submissionKey], types: utcTypes });
    return rows[0] ?? null;
  }

  /** Files a case. Repeating a submission key returns the case it made the first time. */
  return async function submit(input: SubmitInput): Promise<{ case: Case; created: boolean }> {
    const receivedAt = now();
    const year = Number(shanghaiDay(receivedAt).slice(0, 4));
    let written: Awaited<ReturnType<typeof insert>>;
    try {
      written = await insert(input, receivedAt, year);
    } catch (err) {
      // The first case of a year (or of a new database): its sequence is made, then the insert runs again.
      if ((err as { code?: string }).code !== UNDEFINED_TABLE) throw err;
      await createSequence(year);
      written = await insert(input, receivedAt, year);
    }
    if (!written.c) {
      const c = await existing(input.submissionKey);
      if (!c) throw new Error(`submission ${input.submissionKey} conflicted but its case is not there`);
      return { case: c, created: false };
    }
    const c = written.c;
    logger.info({ caseId: c.id, number: c.number, kind: c.kind }, "case submitted");
    await outbox.flushQuietly(written.outbox);
    return { case: c, created: true };
  }
}
