import pg from "pg";

/**
 * Prisma keeps DateTime as `timestamp(3)` (no time zone) holding UTC. Plain SQL on the shared pool
 * must do the same whatever the process's TZ: values go in as ISO strings (Postgres ignores the
 * trailing Z for a timestamp without time zone) and come back read as UTC, not as local time.
 */
export function utc(d: Date): string {
  return d.toISOString();
}

const TIMESTAMP = 1114;
const readUtc = (s: string) => new Date(`${s.replace(" ", "T")}Z`);

/** Query `types` that read timestamps as UTC (arrays of timestamps are not covered); pass as `{ text, values, types: utcTypes }`. */
export const utcTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === TIMESTAMP) return readUtc;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;
