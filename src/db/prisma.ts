import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client.js";

export type Prisma = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** A Prisma client on the pg driver adapter (no native query engine). */
export function createPrisma(databaseUrl: string, max = 10): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max }) });
}

/**
 * Backpressure, not errors: an interactive transaction waits for a pooled connection up to a
 * minute (Prisma's default, 2 s, failed 23–41% of submits at 50/s with "Unable to start a
 * transaction in the given time") and may take 30 s on a starved CPU (default 5 s). Plain queries
 * on the pool (the submit's one statement) wait in pg.Pool's queue with no time limit.
 */
export const TRANSACTION_OPTIONS = { maxWait: 60_000, timeout: 30_000 };

/**
 * Prisma and plain SQL on one pg pool. Prisma owns the schema and is the default data access;
 * a hot path that needs fewer round trips or less CPU than Prisma's query compiler gives uses
 * `pool` with the same connections. Closing the Prisma client leaves the
 * pool open (`disposeExternalPool: false`): `close` ends both.
 */
export function createDatabase(databaseUrl: string, opts: { max?: number; onError?: (err: Error) => void } = {}) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: opts.max ?? 10 });
  // An idle connection that Postgres drops (a restart) emits "error" on the pool: unhandled, it
  // would end the process. The next query opens a new connection.
  pool.on("error", (err) => opts.onError?.(err));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: false }), transactionOptions: TRANSACTION_OPTIONS });
  return {
    prisma,
    pool,
    async close(): Promise<void> {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
