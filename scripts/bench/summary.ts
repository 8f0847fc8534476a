import { ms, printTable, round, type Row } from "./report.js";
import type { Results } from "./phases.js";

const pct = (v: number, of: number) => `${round((100 * v) / of, 1)}%`;
const lat = (s: { p50: number; p95: number; p99: number }) => `p50 ${ms(s.p50)} · p95 ${ms(s.p95)} · p99 ${ms(s.p99)}`;

/** The table of issue 8's figures (measured, target, ceiling), then the details, then one JSON line. */
export function printReport(r: Results): void {
  const { ceiling: c, throughput: t, latency: l, overload: o, sweep: s, bot: b, options: opts } = r;
  const failed = (x: Results) => `${x.failed} failed (${x.failedPercent}%)${x.undelivered ? `, ${x.undelivered} undelivered` : ""}`;
  // `--only` leaves some phases out: their rows go too.
  const rows: Row[] = [];
  // Without the ceiling phase (`--only workers`) its column and share are left blank.
  if (t && l && o && s) {
    rows.push(
      ["workers throughput", `${t.casesPerSecond} cases/s${c ? ` (${pct(t.casesPerSecond, c.casesPerSecond)} of ceiling)` : ""}`, "≥ 300 cases/s and ≥ 25%", c ? `${c.casesPerSecond} cases/s` : "–"],
      ["SQL round trips, submit → card", `${t.sql.roundTripsPerCase} (submit ${t.sql.submitRoundTripsPerCase} + workers ${t.sql.workersRoundTripsPerCase})`, "≤ 12", c ? `${c.sqlRoundTripsPerCase}` : "–"],
      ["committed transactions per case", `${round(t.sql.transactionsPerCase + t.sql.singleStatementTransactionsPerCase, 1)} (${t.sql.transactionsPerCase} BEGIN…COMMIT + ${t.sql.singleStatementTransactionsPerCase} single statements)`, "–"],
      ["CPU per case, all product processes", `${t.cpuMsPerCase} ms (submit ${t.submitCpuMsPerCase} + workers ${t.workersCpuMsPerCase})`, "≤ 5 ms", c ? `${c.cpuMsPerCase} ms` : "–"],
      [`latency at ${l.rate} cases/s, submit → card`, `${lat(l.cardMs)}; ${failed(l)}`, "p99 ≤ 250 ms, 0 failed"],
      [`  submit (receipt) at ${l.rate} cases/s`, lat(l.submitMs), "–"],
      [`at 2× sustainable (${o.rate} cases/s)`, `${failed(o)}; ${o.drained ? `drained ${ms(o.drainMs)} after the last arrival` : "did NOT drain"}; card ${lat(o.cardMs)}`, "0 failed, backlog drains"],
    );
  }
  if (b) {
    rows.push(
      ["citizen bot", `${b.updatesPerSecond} updates/s, ${b.conversationsPerSecond} intakes/s${b.failed ? `, ${b.failed} failed` : ""}`, "≥ 500 updates/s"],
      ["SQL round trips per bot update", `${b.sqlRoundTripsPerUpdate} (${b.transactionsPerUpdate} BEGIN…COMMIT + ${b.singleStatementTransactionsPerUpdate} single statements)`, "≤ 2"],
      ["bots CPU per update", `${b.cpuMsPerUpdate} ms (${b.botsCoreShare} of a core); bench's own ${b.benchCpuMsPerUpdate} ms (citizens, fake API, proxy)`, "–"],
    );
  }
  if (t && s) {
    rows.push(
      [`sweep with ${s.openCases} open cases`, `${ms(s.steadyMs)} when nothing changed (first, arming all: ${ms(s.firstMs)})`, "≤ 200 ms when nothing was lost"],
      ["workers RSS with the model loaded", `${t.workersPeakRssMb} MB peak per process (${s.workersPeakRssMb} MB in the sweep)`, "≤ 200 MB"],
      ["bench's own CPU per case (proxies, fake API)", `${t.benchCpuMsPerCase} ms (on the same cores as the product)`, "–"],
      ["Postgres and Redis CPU per case", `${t.postgresCpuMsPerCase} ms + ${t.redisCpuMsPerCase} ms (whole servers, on the same cores)`, "–"],
    );
  }
  printTable(`bench:pipeline — ${opts.quick ? "quick" : "default"} run, ${opts.workers} workers process(es), ${r.totalSeconds} s`, rows);

  const detail: Row[] = [];
  if (t) {
    detail.push(
      ["submits (closed loop)", `${t.submitsPerSecond}/s with ${opts.concurrency} in flight; ${lat(t.submitMs)}; ${t.failed} failed`, ""],
      ["cases filed so far: routed (linked 并单 among them) / to the dispatcher", `${t.outcomes.ASSIGNED ?? 0} (${t.outcomes.linked ?? 0}) / ${t.outcomes.PENDING_DISPATCH ?? 0}`, ""],
    );
  }
  if (b) {
    detail.push(
      ["bot reply latency per update", lat(b.replyMs), ""],
      ["bots CPU per update, peak RSS", `${b.cpuMsPerUpdate} ms, ${b.peakRssMb} MB`, ""],
    );
  }
  if (t) detail.push(...Object.entries({ ...t.processes }).map(([k, v]) => [`  ${k}: CPU per case, peak RSS`, `${(v as { cpuMsPer: number }).cpuMsPer} ms, ${(v as { peakRssMb: number }).peakRssMb} MB`, ""] as Row));
  printTable("details", detail.map(([a, m]) => [a, m]), ["figure", "measured"]);
  if (t) {
    console.log("\nworkers' most frequent statements per case:");
    for (const st of t.sql.topWorkers) console.log(`  ${String(st.perCase).padStart(5)} × ${st.sql}`);
    console.log("submit's statements per case:");
    for (const st of t.sql.topSubmit) console.log(`  ${String(st.perCase).padStart(5)} × ${st.sql}`);
  }
  if (b) {
    console.log("bots' most frequent statements per update:");
    for (const st of b.topStatements) console.log(`  ${String(st.perCase).padStart(5)} × ${st.sql}`);
  }
  for (const [name, x] of Object.entries({ throughput: t, latency: l, overload: o })) {
    if ((x as Results | undefined)?.reasons?.length) console.log(`failed submits (${name}): ${(x as Results).reasons.join(" | ")}`);
  }
  if (b?.errors?.length) console.log(`citizen bot errors: ${b.errors.join(" | ")}`);
  console.log("");
  // The headline figures first (issue 8's table), then everything measured (absent: a phase left out by --only).
  const figures = {
    workersCasesPerSecond: t?.casesPerSecond,
    ceilingCasesPerSecond: c?.casesPerSecond,
    percentOfCeiling: t && c ? round((100 * t.casesPerSecond) / c.casesPerSecond, 1) : undefined,
    sqlRoundTripsPerCase: t?.sql.roundTripsPerCase,
    committedTransactionsPerCase: t ? round(t.sql.transactionsPerCase + t.sql.singleStatementTransactionsPerCase, 1) : undefined,
    cpuMsPerCase: t?.cpuMsPerCase,
    latencyRate: l?.rate,
    latencyP50Ms: l?.cardMs.p50,
    latencyP99Ms: l?.cardMs.p99,
    latencyFailedSubmits: l?.failed,
    overloadRate: o?.rate,
    overloadFailedSubmits: o?.failed,
    overloadDrained: o?.drained,
    overloadDrainMs: o?.drainMs,
    botUpdatesPerSecond: b?.updatesPerSecond,
    botIntakesPerSecond: b?.conversationsPerSecond,
    botSqlRoundTripsPerUpdate: b?.sqlRoundTripsPerUpdate,
    botCpuMsPerUpdate: b?.cpuMsPerUpdate,
    sweepOpenCases: s?.openCases,
    sweepSteadyMs: s?.steadyMs,
    sweepFirstMs: s?.firstMs,
    workersPeakRssMb: t && s ? Math.max(t.workersPeakRssMb, s.workersPeakRssMb) : undefined,
  };
  console.log(JSON.stringify({ bench: "pipeline", at: new Date().toISOString(), figures, ...r }));
}
