import type { Logger } from "./logger.js";

/**
 * Every process is gone this long after SIGTERM whatever its clients or jobs are doing; orchestrators
 * usually SIGKILL at 10 s, and leaving on our own terms lets the log say why.
 */
export const SHUTDOWN_DEADLINE_MS = 9_000;

/** Runs `stop` once on SIGTERM/SIGINT, then exits; a second signal, or the deadline, exits at once. */
export function onShutdown(logger: Logger, stop: () => Promise<void>, deadlineMs = SHUTDOWN_DEADLINE_MS): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, "shutting down");
    setTimeout(() => {
      logger.error({ deadlineMs }, "shutdown took too long; exiting anyway");
      process.exit(1);
    }, deadlineMs).unref();
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
