import { fork, type ChildProcess } from "node:child_process";
import type { Logger } from "../src/logger.js";

/** The message a supervising process sends its worker children to stop (a signal of its own would double a Ctrl-C). */
export const STOP_MESSAGE = "minsheng:stop";
/** A child that died on its own is started again after this long. */
const RESTART_MS = 1000;

/**
 * Runs `count` more workers processes beside this one (node's child_process.fork of the workers
 * entry point, with the same node flags and WORKER_PROCESSES=1), and starts again any that dies.
 * Each child stops cleanly when told to (its own SIGTERM path) and also when this process goes
 * away without telling it (the IPC channel closes). `stop` tells them all and resolves once every
 * one has exited, or kills what is left after `graceMs`.
 */
export function superviseWorkerProcesses(opts: { count: number; entry: string; logger: Logger; env?: NodeJS.ProcessEnv }) {
  const { logger } = opts;
  const children = new Set<ChildProcess>();
  let stopping = false;

  function start(slot: number): void {
    const child = fork(opts.entry, [], {
      env: { ...process.env, ...opts.env, WORKER_PROCESSES: "1", WORKER_SLOT: String(slot) },
      execArgv: process.execArgv,
      stdio: "inherit",
    });
    children.add(child);
    child.once("exit", (code, signal) => {
      children.delete(child);
      if (stopping) return;
      logger.error({ slot, pid: child.pid, code, signal }, "workers process exited; starting another");
      setTimeout(() => !stopping && start(slot), RESTART_MS).unref();
    });
  }
  for (let i = 1; i <= opts.count; i++) start(i);
  logger.info({ processes: opts.count + 1 }, "workers processes started");

  return {
    /** The children's process ids (tests and logs). */
    pids: () => [...children].map((c) => c.pid),
    async stop(graceMs: number): Promise<void> {
      stopping = true;
      const exits = [...children].map((c) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once("exit", () => r()))));
      for (const c of children) if (c.connected) c.send(STOP_MESSAGE, () => undefined);
      let timer: NodeJS.Timeout | undefined;
      const late = await Promise.race([
        Promise.all(exits).then(() => false),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(true), graceMs))),
      ]);
      clearTimeout(timer);
      if (late) {
        logger.warn({ pids: [...children].map((c) => c.pid) }, "workers processes still running at shutdown; killing them");
        for (const c of children) c.kill("SIGKILL");
      }
    },
  };
}
