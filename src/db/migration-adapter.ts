import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

/** Postgres catalog types the pg adapter cannot deserialize (prisma/orm#27403): "char" and name. */
const CATALOG_TEXT_OIDS = new Set([18, 19]);
const TEXT_OID = 25;

type Field = { dataTypeID: number };
type Result = { fields?: Field[] } | undefined;

function retype(result: Result | Result[]): void {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const f of r?.fields ?? []) if (CATALOG_TEXT_OIDS.has(f.dataTypeID)) f.dataTypeID = TEXT_OID;
  }
}

/**
 * A pg Client that reports catalog "char"/name columns as text, so Prisma's JS schema engine can
 * introspect the database. pg.Pool calls query() with a callback, so both forms are covered.
 */
class CatalogSafeClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (err: Error | null, res: Result) => {
        if (!err) retype(res);
        last(err, res);
      };
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
    const out = (super.query as (...a: unknown[]) => unknown)(...args);
    if (out && typeof (out as Promise<Result>).then === "function") {
      return (out as Promise<Result>).then((res) => {
        retype(res);
        return res;
      });
    }
    return out;
  }
}

/** The driver adapter used by `prisma migrate deploy` (see prisma.config.ts). */
export function createMigrationAdapter(databaseUrl: string): PrismaPg {
  const url = new URL(databaseUrl);
  const pool = new pg.Pool({
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username || "postgres"),
    password: decodeURIComponent(url.password) || undefined,
    database: url.pathname.slice(1),
    Client: CatalogSafeClient,
    // The CLI never ends the pool; without this it waits out the 10 s idle timeout before exiting.
    allowExitOnIdle: true,
    idleTimeoutMillis: 200,
  });
  return new PrismaPg(pool);
}
