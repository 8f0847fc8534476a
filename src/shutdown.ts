import type { Logger } from "./logger.js";

/**
 * Runs `stop` once on SIGTERM/SIGINT, then exits; a second signal exits at once, and so does a
 * `stop` still running after `deadlineMs` (a hung connection must not keep the process alive).
 * Orchestrators usually SIGKILL at 10 s; leaving on our own terms first lets the log say why.
 */
export const SHUTDOWN_DEADLINE_MS = 9_000;

export function onShutdown(logger: Logger, stop: () => Promise<void>, opts: { deadlineMs?: number } = {}): void {
  const deadlineMs = opts.deadlineMs ?? SHUTDOWN_DEADLINE_MS;
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
  // A child of a supervising process (workers/processes.ts) is told to stop over IPC, and stops as
  // well when its parent is gone; a Ctrl-C that reached it too is not a second signal.
  if (process.send) {
    process.on("message", (m) => m === "minsheng:stop" && !stopping && handler("parent"));
    process.once("disconnect", () => !stopping && handler("parent gone"));
  }
}
