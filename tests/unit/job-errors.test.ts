import { describe, expect, it } from "vitest";
import { GrammyError, HttpError } from "grammy";
import { UnrecoverableError } from "bullmq";
import { judge, PermanentJobError, refusalReason } from "../../src/queues/job-errors.js";
import { createPrisma } from "../../src/db/prisma.js";

const telegram = (error_code: number, description: string, parameters: object = {}) =>
  new GrammyError(`Call to 'sendMessage' failed! (${error_code}: ${description})`, { ok: false, error_code, description, parameters }, "sendMessage", {});

describe("what a processor's error means for its job", () => {
  it("an unreachable Postgres (as Prisma reports it through the pg adapter) is an outage", async () => {
    const prisma = createPrisma("postgresql://postgres@127.0.0.1:1/nothing");
    const err = await prisma.case.findFirst().catch((e: unknown) => e);
    await prisma.$disconnect();
    expect(judge(err)).toMatchObject({ kind: "outage", dependency: "postgres" });
  });

  it("connection errors of Postgres, Redis and the network are outages", () => {
    expect(judge(new Error("Connection terminated unexpectedly"))).toMatchObject({ kind: "outage", dependency: "postgres" });
    // Seen by the fault suite while Postgres went away mid-flow (pg's client, and Prisma's transaction API after it).
    expect(judge(new Error("Client has encountered a connection error and is not queryable"))).toMatchObject({ kind: "outage", dependency: "postgres" });
    expect(judge(new Error("Transaction API error: Transaction already closed: A rollback cannot be executed on a committed transaction."))).toMatchObject({ kind: "outage" });
    expect(judge(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toMatchObject({ kind: "outage" });
    expect(judge(Object.assign(new Error("Reached the max retries per request limit"), { name: "MaxRetriesPerRequestError" }))).toMatchObject({ kind: "outage", dependency: "redis" });
    expect(judge(new Error("Connection is closed."))).toMatchObject({ kind: "outage", dependency: "redis" });
    expect(judge(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toMatchObject({ kind: "outage" });
    // The same after a conversation's replay log, which keeps only the message (the fault suite's
    // pg-down rows: a submit through the pg pool while Postgres was away).
    expect(judge(new Error("connect ECONNREFUSED 127.0.0.1:5432"))).toMatchObject({ kind: "outage", dependency: "network" });
    expect(judge(new Error("read ECONNRESET"))).toMatchObject({ kind: "outage" });
  });

  it("Telegram: network failures and 5xx are outages, 429 a delay, 400/403 permanent", () => {
    expect(judge(new HttpError("Network request for 'sendMessage' failed!", new Error("socket hang up")))).toMatchObject({ kind: "outage", dependency: "telegram" });
    expect(judge(telegram(502, "Bad Gateway"))).toMatchObject({ kind: "outage", dependency: "telegram" });
    expect(judge(telegram(429, "Too Many Requests: retry after 17", { retry_after: 17 }))).toEqual({ kind: "flood", retryAfterMs: 17_000 });
    expect(judge(telegram(403, "Forbidden: bot was blocked by the user"))).toMatchObject({ kind: "permanent" });
    expect(judge(telegram(400, "Bad Request: message is too long"))).toMatchObject({ kind: "permanent" });
  });

  it("our data is permanent; anything else is an ordinary error that uses attempts", () => {
    expect(judge(new PermanentJobError("case 9 missing"))).toEqual({ kind: "permanent", reason: "case 9 missing" });
    expect(judge(new UnrecoverableError("invalid notify payload"))).toMatchObject({ kind: "permanent" });
    expect(judge(new TypeError("Cannot read properties of undefined"))).toMatchObject({ kind: "error" });
  });

  it("names why one recipient can never be reached", () => {
    expect(refusalReason(telegram(403, "Forbidden: bot was blocked by the user"))).toBe("blocked");
    expect(refusalReason(telegram(400, "Bad Request: chat not found"))).toBe("chat_not_found");
    expect(refusalReason(telegram(400, "Bad Request: message is too long"))).toBe("refused: Bad Request: message is too long");
    expect(refusalReason(telegram(429, "Too Many Requests", { retry_after: 3 }))).toBeNull();
    expect(refusalReason(telegram(500, "Internal Server Error"))).toBeNull();
  });
});
