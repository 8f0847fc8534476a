import { pino, type Logger } from "pino";

export type { Logger };

/** One JSON logger per process; personal data (text, phone, names) is never logged. */
export function createLogger(level: string, name = "minsheng"): Logger {
  return pino({ name, level, base: { pid: process.pid } });
}
