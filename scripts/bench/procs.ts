import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { openSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const CLK_TCK = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

export type Proc = {
  label: string;
  child: ChildProcess;
  pid: number;
  log: string;
  exited: Promise<number | null>;
};

/** Starts a child with its output going to a log file (so the bench process pays nothing for it). */
export function startProc(label: string, args: string[], opts: { env: NodeJS.ProcessEnv; logDir: string; cwd: string; ipc?: boolean }): Proc {
  const log = join(opts.logDir, `${label}.log`);
  const fd = openSync(log, "a");
  const child = spawn(process.execPath, args, {
    cwd: opts.cwd,
    env: opts.env,
    stdio: opts.ipc ? ["ignore", fd, fd, "ipc"] : ["ignore", fd, fd],
  });
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  return { label, child, pid: child.pid!, log, exited };
}

/** SIGTERM, then SIGKILL if it has not gone after `graceMs`. Only ever our own children, by pid. */
export async function stopProc(p: Proc, graceMs = 10_000): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill("SIGTERM");
  const timer = setTimeout(() => p.child.kill("SIGKILL"), graceMs);
  await p.exited;
  clearTimeout(timer);
}

export function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

/** utime + stime of one process in ms, or null once it is gone. */
function cpuOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces and parentheses: fields are counted after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return null;
  }
}

function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** The pid and every descendant (a product entry point may fork its own workers). */
function tree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(d));
      children.set(ppid, list);
    } catch {
      /* gone meanwhile */
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

export type Usage = { cpuMs: number; peakRssMb: number };

/** The database and queue servers the product runs on, by process name (every process of each). */
const SERVERS: Record<string, string> = { postgres: "postgres", "redis-server": "redis" };

/** CPU (ms) of every process of each server, by pid (they share the machine's cores with the product). */
function serverCpu(): Map<number, { label: string; ms: number }> {
  const out = new Map<number, { label: string; ms: number }>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const label = SERVERS[stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"))];
      if (!label) continue;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(Number(d), { label, ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK });
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

/**
 * CPU (utime+stime, children included) and peak RSS of labelled processes over a phase: RSS is
 * sampled every `everyMs`; CPU is read at start and stop. The bench process itself is included
 * as "bench" (process.cpuUsage), and the Postgres and Redis servers as "postgres" and "redis": all of
 * their processes, so on a shared machine also what others asked of them (a backend that exits
 * during the phase takes its CPU with it).
 */
export function startUsage(procs: Proc[], everyMs = 250) {
  // Scanning /proc for descendants costs the bench CPU on a shared machine: only every few samples.
  let trees = new Map<number, number[]>();
  let samples = 0;
  const pids = (p: Proc) => trees.get(p.pid) ?? [p.pid];
  const rescan = () => (trees = new Map(procs.map((p) => [p.pid, tree(p.pid)])));
  rescan();
  const cpu = (p: Proc) => pids(p).reduce((s, pid) => s + (cpuOf(pid) ?? 0), 0);
  const start = new Map(procs.map((p) => [p.label, cpu(p)]));
  const benchStart = process.cpuUsage();
  const serversStart = serverCpu();
  const peak = new Map<string, number>(procs.map((p) => [p.label, 0]));
  const sample = () => {
    if (++samples % 8 === 0) rescan();
    for (const p of procs) {
      const rss = pids(p).reduce((s, pid) => s + rssOf(pid), 0);
      peak.set(p.label, Math.max(peak.get(p.label) ?? 0, rss));
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop(): Record<string, Usage> {
      clearInterval(timer);
      rescan();
      sample();
      const out: Record<string, Usage> = {};
      for (const p of procs) out[p.label] = { cpuMs: cpu(p) - (start.get(p.label) ?? 0), peakRssMb: peak.get(p.label) ?? 0 };
      const b = process.cpuUsage(benchStart);
      out.bench = { cpuMs: (b.user + b.system) / 1000, peakRssMb: process.memoryUsage().rss / 1024 / 1024 };
      for (const label of Object.values(SERVERS)) out[label] = { cpuMs: 0, peakRssMb: 0 };
      for (const [pid, now] of serverCpu()) out[now.label].cpuMs += now.ms - (serversStart.get(pid)?.ms ?? 0);
      return out;
    },
  };
}
