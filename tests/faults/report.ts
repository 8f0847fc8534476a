import type { RowResult } from "./harness.js";

/** Prints a row as it finishes (so a long run shows progress), then the table, a summary line and one JSON line. */
export function printRow(r: RowResult): void {
  const c = r.counts;
  const figures = c
    ? `cases ${c.cases}/${c.citizens} · lost ${c.lost} · dup cases ${c.duplicateCases} · receipts ${c.receipts} · routed ${c.routedNotices} · cards ${c.cards} · undelivered ${c.undelivered} · dup sends ${c.duplicateSends} · errors seen ${c.errorsSeen} · waits in vain ${c.unanswered}`
    : "";
  const timing = [
    r.deliverSeconds !== undefined ? `delivered ${r.deliverSeconds.toFixed(1)} s after` : "",
    r.exitSeconds !== undefined ? `exit ${r.exitSeconds.toFixed(1)} s` : "",
  ].filter(Boolean).join(" · ");
  const ok = r.targets.every((t) => t.pass);
  console.log(`\n${ok ? "PASS" : "FAIL"} ${r.row} — ${r.fault} (${r.seconds.toFixed(0)} s)`);
  if (figures) console.log(`  ${figures}`);
  if (timing) console.log(`  ${timing}`);
  for (const n of r.notes) console.log(`  · ${n}`);
  for (const t of r.targets) console.log(`  ${t.pass ? "✓" : "✗"} ${t.name}: ${t.detail}`);
}

export function printSummary(results: RowResult[], seconds: number, logDir?: string): boolean {
  console.log("\n| row | cases | lost | dup cases | dup sends | undelivered | delivered after | exit | targets |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const r of results) {
    const c = r.counts;
    const missed = r.targets.filter((t) => !t.pass).map((t) => t.name);
    console.log(
      `| ${r.row} | ${c ? `${c.cases}/${c.citizens}` : "-"} | ${c?.lost ?? "-"} | ${c?.duplicateCases ?? "-"} | ${c?.duplicateSends ?? "-"} | ${c?.undelivered ?? "-"} | ${r.deliverSeconds !== undefined ? `${r.deliverSeconds.toFixed(1)} s` : "-"} | ${r.exitSeconds !== undefined ? `${r.exitSeconds.toFixed(1)} s` : "-"} | ${missed.length ? `missed: ${missed.join("; ")}` : "all met"} |`,
    );
  }
  const failedRows = results.filter((r) => r.targets.some((t) => !t.pass));
  console.log(`\nfault suite: ${results.length - failedRows.length} of ${results.length} rows met every target in ${(seconds / 60).toFixed(1)} min${failedRows.length ? `; missed: ${failedRows.map((r) => r.row).join(", ")}` : ""}`);
  if (logDir) console.log(`process logs kept in ${logDir}`);
  // The JSON line leaves out each chat's arrival times (thousands of numbers).
  const rows = results.map((r) => (r.counts ? { ...r, counts: { ...r.counts, chatTimes: undefined } } : r));
  console.log(JSON.stringify({ faultSuite: { ok: failedRows.length === 0, seconds: Math.round(seconds), rows } }));
  return failedRows.length > 0;
}
