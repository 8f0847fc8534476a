import { availableParallelism } from "node:os";
/** `npm run bench:pipeline -- [--quick] [--cases N] [--rate R] [--workers n] [--citizens K] [--open-cases M] [--no-build]` */
export type Options = {
  quick: boolean;
  /**
   * Complaints in the throughput phase: as many as go through the ceiling. With 1,000 the phase
   * lasted about 4 s, a quarter of it the workers warming up (JIT, batches filling): 214 cases/s and
   * 5.6 ms of CPU a case where 3,000 gave 238–262 and 4.3–4.7 ms (session 13, same code and machine).
   */
  cases: number;
  /** Cases through the raw ceiling. */
  ceilingCases: number;
  /** In-flight submits in the closed-loop phases (the bots' concurrent conversations). */
  concurrency: number;
  /** Arrival rate (cases/s) of the fixed-rate latency phase, and how long it lasts (s). */
  rate: number;
  seconds: number;
  /** Product worker processes (node dist/workers.mjs), and as many raw consumers for the ceiling. */
  workers: number;
  citizens: number;
  rounds: number;
  /** Open cases inserted for the sweep phase. */
  openCases: number;
  warmup: number;
  /** How long a phase may wait for its last card (ms). */
  drainTimeoutMs: number;
  build: boolean;
  /** Only these phases ("ceiling", "workers" — throughput, latency, sweep — and "bot"); all when empty. */
  only: Set<string>;
  /** Directory for `node --cpu-prof` profiles of the product processes (none when null). */
  cpuProf: string | null;
  databaseUrl: string;
  redisUrl: string;
};

const USAGE = `usage: npm run bench:pipeline -- [--quick] [--cases N] [--rate R] [--seconds S] [--workers n] [--citizens K] [--rounds r] [--open-cases M] [--concurrency C] [--no-build] [--only ceiling,workers,bot] [--cpu-prof DIR]
  env: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/minsheng_bench; recreated each run), BENCH_REDIS_URL (default redis://127.0.0.1:6379)`;

const PHASES = ["ceiling", "workers", "bot"];

/** Whether a phase runs (`--only`). */
export const runs = (o: Options, phase: "ceiling" | "workers" | "bot") => o.only.size === 0 || o.only.has(phase);

export function parseOptions(argv: string[]): Options {
  const quick = argv.includes("--quick");
  const o: Options = {
    quick,
    cases: quick ? 100 : 3000,
    ceilingCases: quick ? 500 : 3000,
    concurrency: 16,
    rate: quick ? 20 : 50,
    seconds: quick ? 3 : 10,
    // As `npm start` runs them: one workers process per core (WORKER_PROCESSES' default).
    workers: availableParallelism(),
    // Enough citizens in flight to keep the bots process busy (the phase lifts Telegram's pace,
    // see pipeline.ts; each citizen waits for the answer before its next update).
    citizens: quick ? 200 : 600,
    rounds: quick ? 1 : 2,
    openCases: quick ? 1000 : 10_000,
    warmup: quick ? 10 : 30,
    drainTimeoutMs: quick ? 45_000 : 180_000,
    build: true,
    only: new Set(),
    cpuProf: null,
    databaseUrl: process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/minsheng_bench",
    redisUrl: process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379",
  };
  const numeric: Record<string, keyof Options> = {
    "--cases": "cases",
    "--ceiling-cases": "ceilingCases",
    "--concurrency": "concurrency",
    "--rate": "rate",
    "--seconds": "seconds",
    "--workers": "workers",
    "--citizens": "citizens",
    "--rounds": "rounds",
    "--open-cases": "openCases",
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--quick") continue;
    if (a === "--no-build") o.build = false;
    else if (a === "--only") {
      const parts = (argv[++i] ?? "").split(",").filter(Boolean);
      if (!parts.length || parts.some((x) => !PHASES.includes(x))) throw new Error(`--only takes some of ${PHASES.join(",")}\n${USAGE}`);
      o.only = new Set(parts);
    } else if (a === "--cpu-prof") {
      const dir = argv[++i];
      if (!dir) throw new Error(`--cpu-prof needs a directory\n${USAGE}`);
      o.cpuProf = dir;
    } else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else if (numeric[a]) {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v <= 0) throw new Error(`${a} needs a positive number\n${USAGE}`);
      (o as Record<string, unknown>)[numeric[a]] = v;
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  // Never the demo database or anyone's test database: the bench drops and recreates its own.
  const name = new URL(o.databaseUrl).pathname.slice(1);
  if (!/bench/.test(name)) throw new Error(`BENCH_DATABASE_URL must name a database with "bench" in it (it is recreated), got "${name}"`);
  return o;
}
