import type { Logger } from "./logger.js";

/**
 * Runs `stop` once on SIGTERM/SIGINT, then exits; a second signal exits at once, and so does a
 * `stop` still running after `deadlineMs` (a hung connection must not keep the process alive).
 */
export function onShutdown(logger: Logger, stop: () => Promise<void>, opts: { deadlineMs?: number } = {}): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, "shutting down");
    if (opts.deadlineMs) {
      setTimeout(() => {
        logger.error({ deadlineMs: opts.deadlineMs }, "shutdown took too long; exiting");
        process.exit(1);
      }, opts.deadlineMs).unref();
    }
    stop()
      .then(() => process.exit(0))
      .catch((err) => {
        logger.error({ err }, "unclean shutdown");
        process.exit(1);
      });
  };
  process.once("SIGTERM", () => handler("SIGTERM"));
  process.once("SIGINT", () => handler("SIGINT"));
}
