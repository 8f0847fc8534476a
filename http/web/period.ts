import { shanghaiDay } from "../../src/clock/calendar.js";
import type { Period } from "../../src/web/figures-service.js";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const valid = (s: string | undefined): s is string => !!s && DAY.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/** The period asked for in ?from=&to= (Shanghai days), defaulting to this month so far; swapped if reversed. */
export function periodFrom(query: { from?: string; to?: string }, now: Date): Period {
  const today = shanghaiDay(now);
  const from = valid(query.from) ? query.from : `${today.slice(0, 7)}-01`;
  const to = valid(query.to) ? query.to : today;
  return from <= to ? { from, to } : { from: to, to: from };
}
