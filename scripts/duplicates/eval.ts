/**
 * How well the 并单 keys (src/cases/duplicate-keys.ts) find repeats, on real messages:
 * `npm run eval:duplicates [-- --data ../shared/data/gov-messages-train.csv]`.
 *
 * Each department's messages stand for its open complaints. For each shape of keys (bands × rows) it
 * prints: recall — of the pairs the product would link (Dice ≥ threshold, counted exhaustively), the
 * share that share a key; the same for re-tellings (a message with a clause dropped, another opening
 * and other numbers, as a citizen repeats a complaint); and the candidates a complaint's keys fetch
 * (mean, p99, max), beside the department's size, which is what the scan without keys reads.
 */
import { parseArgs } from "node:util";
import { BANDS, ROWS, bandKeys, comparable, dice, pairs } from "../../src/cases/duplicate-keys.js";
import { mulberry32 } from "../../src/util/prng.js";
import { readExamplesOrExit } from "../classifier/shared.js";

const { values } = parseArgs({
  options: {
    data: { type: "string", default: "../shared/data/gov-messages-train.csv" },
    threshold: { type: "string", default: "0.6" },
  },
});
const threshold = Number(values.threshold);
const examples = readExamplesOrExit(values.data, "usage: npm run eval:duplicates -- [--data file.csv] [--threshold 0.6]");

const OPENINGS = ["", "再次反映：", "您好，", "多次反映无果，", "领导您好，"];
/** A citizen telling the same thing again: one clause fewer, another opening, other numbers. */
function retell(text: string, r: () => number): string {
  const clauses = text.split(/(?<=[，。；！？,.;!?])/).filter((s) => s.trim());
  if (clauses.length > 2) clauses.splice(Math.floor(r() * clauses.length), 1);
  return `${OPENINGS[Math.floor(r() * OPENINGS.length)]}${clauses.join("")}`.replace(/\d+/g, () => String(Math.floor(r() * 100)));
}

type Item = { dept: string; set: Uint32Array; retold: Uint32Array };
const r = mulberry32(8);
const items: Item[] = examples.map((e) => ({
  dept: e.label,
  set: pairs(comparable({ text: e.body, location: null })),
  retold: pairs(comparable({ text: retell(e.body, r), location: null })),
}));
const byDept = new Map<string, number[]>();
items.forEach((it, i) => byDept.set(it.dept, [...(byDept.get(it.dept) ?? []), i]));

// The pairs the product links, by exhaustive Dice within each department.
const truePairs: [number, number][] = [];
for (const ids of byDept.values())
  for (let a = 0; a < ids.length; a++)
    for (let b = a + 1; b < ids.length; b++) if (dice(items[ids[a]].set, items[ids[b]].set) >= threshold) truePairs.push([ids[a], ids[b]]);
/** The pairs just over the line: where keys can miss. */
const nearPairs = truePairs.filter(([a, b]) => dice(items[a].set, items[b].set) < threshold + 0.1);
const retellings = items.map((it, i) => i).filter((i) => dice(items[i].set, items[i].retold) >= threshold);

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)} %` : "–");
const rows: string[][] = [];
for (const [bands, rowsPerBand] of [[16, 2], [24, 2], [32, 3], [BANDS, ROWS], [48, 3], [32, 4]].filter(
  (s, i, all) => all.findIndex((t) => t[0] === s[0] && t[1] === s[1]) === i,
)) {
  const t0 = performance.now();
  const keys = items.map((it) => bandKeys(it.set, bands, rowsPerBand));
  const keyMs = (performance.now() - t0) / items.length;
  const retoldKeys = items.map((it) => bandKeys(it.retold, bands, rowsPerBand));
  const shares = (a: number[], b: number[]) => a.some((k) => b.includes(k));
  const found = truePairs.filter(([a, b]) => shares(keys[a], keys[b])).length;
  const foundNear = nearPairs.filter(([a, b]) => shares(keys[a], keys[b])).length;
  const foundRetold = retellings.filter((i) => shares(retoldKeys[i], keys[i])).length;
  // Candidates: the department's other messages that share a key with the query's keys.
  const counts: number[] = [];
  for (const ids of byDept.values()) {
    const index = new Map<number, number[]>();
    for (const i of ids) for (const k of keys[i]) index.set(k, [...(index.get(k) ?? []), i]);
    for (const i of ids) {
      const seen = new Set<number>();
      for (const k of keys[i]) for (const j of index.get(k) ?? []) if (j !== i) seen.add(j);
      counts.push(seen.size);
    }
  }
  counts.sort((a, b) => a - b);
  const mean = counts.reduce((s, n) => s + n, 0) / counts.length;
  const j = threshold / (2 - threshold);
  rows.push([
    `${bands} × ${rowsPerBand}${bands === BANDS && rowsPerBand === ROWS ? " (shipped)" : ""}`,
    (1 - (1 - j ** rowsPerBand) ** bands).toFixed(3),
    `${found}/${truePairs.length} = ${pct(found, truePairs.length)}`,
    `${foundNear}/${nearPairs.length} = ${pct(foundNear, nearPairs.length)}`,
    `${foundRetold}/${retellings.length} = ${pct(foundRetold, retellings.length)}`,
    `${mean.toFixed(1)} · ${counts[Math.floor(counts.length * 0.99)]} · ${counts[counts.length - 1]}`,
    keyMs.toFixed(3),
  ]);
}
const sizes = [...byDept.values()].map((ids) => ids.length);
console.log(`${items.length} messages in ${byDept.size} departments (${Math.min(...sizes)}–${Math.max(...sizes)} each); repeats at Dice ≥ ${threshold} (Jaccard ≥ ${(threshold / (2 - threshold)).toFixed(3)})`);
const head = ["bands × rows", "P(key) at threshold", "real pairs found", `of them at Dice < ${threshold + 0.1}`, "re-tellings found", "candidates mean · p99 · max", "ms to key a text"];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log([line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n"));
