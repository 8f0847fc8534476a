import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { join } from "node:path";

/**
 * The product as separate processes (the bundle in dist/, as `npm run start:*` runs it), each
 * with its own log file. Only processes started here are ever signalled, by their own pid.
 */
export type ProcessName = "bots" | "workers" | "http";
export type Proc = {
  name: ProcessName;
  label: string;
  child: ChildProcess;
  pid: number;
  startedAt: number;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  exited: boolean;
  log: string;
};

const ROOT = process.cwd();
const live = new Set<Proc>();

/** Environment a product process must not inherit from the shell running the suite. */
const STRIPPED = ["CITIZEN_BOT_TOKEN", "STAFF_BOT_TOKEN", "WEBHOOK_URL", "WEBHOOK_SECRET", "DATABASE_URL", "REDIS_URL", "QUEUE_PREFIX", "TELEGRAM_API_ROOT", "HTTP_PORT", "EMULATOR_PORT"];

export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of STRIPPED) delete env[k];
  // One process per `dist/workers.mjs` the suite starts (WORKER_PROCESSES defaults to the cores):
  // a kill row kills what it started, and its counts stay comparable across machines.
  return { ...env, WORKER_PROCESSES: "1", ...extra };
}

export function buildBundle(): void {
  const r = spawnSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
}

/** `npm run setup` against the suite's own database: create, migrate, seed departments and demo staff. */
export function runSetup(env: Record<string, string>): void {
  const r = spawnSync(join(ROOT, "node_modules/.bin/tsx"), ["scripts/setup.ts"], { cwd: ROOT, env: cleanEnv(env), stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) throw new Error(`setup failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

export function startProcess(name: ProcessName, env: Record<string, string>, logDir: string, label: string = name): Proc {
  const log = join(logDir, `${label}.log`);
  const out = createWriteStream(log, { flags: "a" });
  const child = spawn(process.execPath, ["--enable-source-maps", "--max-semi-space-size=2", `dist/${name}.mjs`], {
    cwd: ROOT,
    env: cleanEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(out, { end: false });
  child.stderr!.pipe(out, { end: false });
  const proc: Proc = {
    name,
    label,
    child,
    pid: child.pid!,
    startedAt: Date.now(),
    log,
    exited: false,
    exit: new Promise((resolve) =>
      child.once("exit", (code, signal) => {
        proc.exited = true;
        live.delete(proc);
        out.write(`\n[fault suite] ${label} exited code=${code} signal=${signal}\n`);
        resolve({ code, signal, at: Date.now() });
      }),
    ),
  };
  live.add(proc);
  return proc;
}

/** Sends `signal` and waits up to `capMs` for the exit; returns the time it took, or undefined if it did not exit (then SIGKILLs it). */
export async function stopProcess(p: Proc, signal: NodeJS.Signals = "SIGTERM", capMs = 10_000): Promise<number | undefined> {
  if (p.exited) return 0;
  const t0 = Date.now();
  p.child.kill(signal);
  const done = await Promise.race([p.exit.then((e) => e.at - t0), new Promise<undefined>((r) => setTimeout(() => r(undefined), capMs))]);
  if (done === undefined && !p.exited) {
    p.child.kill("SIGKILL");
    await p.exit;
  }
  return done;
}

export async function killProcess(p: Proc): Promise<void> {
  if (p.exited) return;
  p.child.kill("SIGKILL");
  await p.exit;
}

/** Stops every product process still running: SIGTERM, then SIGKILL after `capMs`. Returns labels that overran. */
export async function stopAll(capMs = 10_000): Promise<string[]> {
  const slow: string[] = [];
  await Promise.all([...live].map(async (p) => {
    if ((await stopProcess(p, "SIGTERM", capMs)) === undefined) slow.push(p.label);
  }));
  return slow;
}

/** For the exit handler: SIGKILL whatever is left, synchronously. */
export function killAllSync(): void {
  for (const p of live) {
    try {
      p.child.kill("SIGKILL");
    } catch {
      /* already gone */
    }
  }
}
