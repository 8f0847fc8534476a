import type { SqlCounts } from "./pg-proxy.js";

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summary(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, p50: round(percentile(s, 50)), p95: round(percentile(s, 95)), p99: round(percentile(s, 99)), max: round(s.at(-1) ?? NaN) };
}

export const round = (v: number, digits = 1): number => (Number.isFinite(v) ? Math.round(v * 10 ** digits) / 10 ** digits : v);

/** Milliseconds for people: 850 ms, 12.3 s. */
export const ms = (v: number): string => (!Number.isFinite(v) ? "–" : v >= 10_000 ? `${round(v / 1000)} s` : `${Math.round(v)} ms`);

/** The most frequent statements of a phase, per case (for whoever optimises next). */
export function topStatements(c: SqlCounts, per: number, n = 8): { sql: string; perCase: number }[] {
  return [...c.statements.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([sql, count]) => ({ sql, perCase: round(count / per, 2) }));
}

export type Row = [figure: string, measured: string, target: string, ceiling?: string];

export function printTable(title: string, rows: (string | undefined)[][], head = ["figure", "measured", "target", "ceiling"]): void {
  const all = [head, ...rows].map((r) => head.map((_, i) => r[i] ?? ""));
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  console.log(`\n${title}\n`);
  console.log(line(all[0]));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of all.slice(1)) console.log(line(r));
}
