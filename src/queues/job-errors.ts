import { UnrecoverableError } from "bullmq";
import { GrammyError, HttpError } from "grammy";

/**
 * What a processor's error means for its job:
 * - `outage`: a dependency (Postgres, Redis, Telegram) did not answer. Nothing is wrong with the job;
 *   it waits, and no attempt is used up.
 * - `flood`: Telegram asked us to wait (429 with retry_after); the job is delayed that long.
 * - `permanent`: our data is wrong or Telegram refused for good; retrying changes nothing.
 * - `error`: anything else (a bug, a conflict): retried with backoff, and fails for good when its
 *   attempts are used up.
 */
export type Verdict =
  | { kind: "outage"; dependency: Dependency; message: string }
  | { kind: "flood"; retryAfterMs: number }
  | { kind: "permanent"; reason: string }
  | { kind: "error"; message: string };

export type Dependency = "postgres" | "redis" | "telegram" | "network";

/**
 * Thrown when the job's work is held by another job for a moment (a case's cards being written):
 * the job is delayed that long, like a 429, using no attempt and holding no worker slot.
 */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
    this.name = "RetryLaterError";
  }
}

/** Thrown by processors when the job can never succeed (case missing, payload invalid). */
export class PermanentJobError extends UnrecoverableError {
  constructor(reason: string) {
    super(reason);
    this.name = "PermanentJobError";
  }
}

/**
 * Thrown by a notify job whose next message has no slot in the bot's or the chat's budget soon
 * (src/telegram/pace.ts): nothing failed; the job waits that long without holding a worker slot.
 */
export class PaceError extends Error {
  constructor(
    readonly by: "bot" | "chat",
    readonly waitMs: number,
  ) {
    super(`paced by the ${by} limit for ${waitMs} ms`);
    this.name = "PaceError";
  }
}

// Prisma: can't reach server, timeouts, server closed the connection, pool timeout, cannot start a
// transaction in time (the pool is starved while the server is away), or a transaction that outlived
// its timeout on an overloaded machine (P2028; an error that passed through a conversation's replay
// log keeps only its message, hence "expired transaction" among the messages below).
const PRISMA_OUTAGE_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
// Driver adapter error kinds for the same situations.
const ADAPTER_OUTAGE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "DatabaseDoesNotExist"]);
// Postgres SQLSTATEs: connection exceptions (08…), shutting down / starting up (57P0x), too many connections.
const PG_OUTAGE_STATES = /^(08\d{3}|57P0[1-4]|53300)$/;
const NET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ECONNABORTED"]);
const PG_MESSAGES =
  /can't reach database|connection terminated|terminating connection|the database system is (starting up|shutting down|in recovery)|timed out fetching a new connection|unable to start a transaction in the given time|connection (refused|reset)|server closed the connection|connection error and is not queryable|transaction already closed|expired transaction/i;
const REDIS_MESSAGES = /connection is closed|max retries per request|stream isn't writeable|redis.*(loading|connection)/i;
// A socket error that lost its code on the way (a conversation's replay log keeps only the message:
// "connect ECONNREFUSED 127.0.0.1:5432" from the pg pool while Postgres is down).
const NET_MESSAGES = /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|ECONNABORTED|EAI_AGAIN)\b/;

function chain(err: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e: unknown = err; e && out.length < 6; e = (e as { cause?: unknown }).cause) out.push(e);
  return out;
}

function outageOf(err: unknown): Dependency | null {
  for (const e of chain(err)) {
    if (e instanceof HttpError) return "telegram";
    if (e instanceof GrammyError) return e.error_code >= 500 || e.error_code === 401 ? "telegram" : null;
    const x = e as { name?: string; code?: unknown; message?: string; meta?: { driverAdapterError?: { cause?: { kind?: string; originalCode?: string } } } };
    const name = String(x.name ?? "");
    const code = typeof x.code === "string" ? x.code : "";
    const message = String(x.message ?? "");
    if (name.startsWith("PrismaClient") || name === "DriverAdapterError") {
      const kind = x.meta?.driverAdapterError?.cause?.kind;
      const sqlState = x.meta?.driverAdapterError?.cause?.originalCode ?? "";
      if (PRISMA_OUTAGE_CODES.has(code) || (kind && ADAPTER_OUTAGE_KINDS.has(kind)) || PG_OUTAGE_STATES.test(sqlState)) return "postgres";
      if (name === "PrismaClientInitializationError" || PG_MESSAGES.test(message)) return "postgres";
    }
    if (name === "MaxRetriesPerRequestError" || (name.startsWith("Redis") && REDIS_MESSAGES.test(message))) return "redis";
    if (PG_OUTAGE_STATES.test(code) || PG_MESSAGES.test(message)) return "postgres";
    if (REDIS_MESSAGES.test(message)) return "redis";
    if (NET_CODES.has(code) || NET_MESSAGES.test(message)) return "network";
  }
  return null;
}

/** Reads what an error thrown by a processor means for its job (see Verdict). */
export function judge(err: unknown): Verdict {
  if (err instanceof UnrecoverableError) return { kind: "permanent", reason: err.message };
  if (err instanceof RetryLaterError) return { kind: "flood", retryAfterMs: err.retryAfterMs };
  const dependency = outageOf(err);
  const message = err instanceof Error ? err.message : String(err);
  if (dependency) return { kind: "outage", dependency, message: message.slice(0, 200) };
  if (err instanceof GrammyError) {
    if (err.error_code === 429) return { kind: "flood", retryAfterMs: Math.max(1, err.parameters.retry_after ?? 5) * 1000 };
    if (err.error_code === 400 || err.error_code === 403) return { kind: "permanent", reason: `telegram ${err.error_code}: ${err.description}` };
  }
  return { kind: "error", message: message.slice(0, 200) };
}

/** Telegram's answers to one message that no retry will change; null for anything else. */
export function refusalReason(err: unknown): string | null {
  if (!(err instanceof GrammyError)) return null;
  if (err.error_code === 403) return "blocked";
  if (err.error_code === 400 && /chat not found|user not found/i.test(err.description)) return "chat_not_found";
  if (err.error_code === 400) return `refused: ${err.description.slice(0, 120)}`;
  return null;
}
