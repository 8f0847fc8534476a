import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { trainModel } from "../../src/classifier/model.js";
import { fileSizeMb, readExamplesOrExit } from "./shared.js";
import { crossValidate, measureRules, measureSeed } from "./measure.js";

/**
 * `npm run bench:classifier [-- --data <csv>]`: the classifier's targets, measured and printed
 * beside them (never asserted in tests). On the shared citizen messages (2020 Teddy Cup problem C
 * data): the seed model alone; stratified 5-fold cross-validation of training on the file; full-file
 * training time (calibration included), model size, and the RSS of a worker-like process with the
 * model loaded; the rules on their tables. Ends with one JSON line.
 */
const { values } = parseArgs({ options: { data: { type: "string", default: "../shared/data/gov-messages-train.csv" } } });
const examples = readExamplesOrExit(values.data, "usage: npm run bench:classifier [-- --data <csv>]");
const K = 5;
const cpu0 = process.cpuUsage();
console.log(`Classifier benchmark on ${examples.length} messages (${values.data}); data: 2020 Teddy Cup problem C.`);

console.log("\n== The seed model alone ==");
const seed = measureSeed(examples);
console.log(`\n== Trained on the file, ${K}-fold cross-validation ==`);
const cv = crossValidate(examples, K);

const t0 = performance.now();
const c0 = process.cpuUsage();
const full = trainModel(examples);
const trainSeconds = (performance.now() - t0) / 1000;
const trainCpuSeconds = (process.cpuUsage(c0).user + process.cpuUsage(c0).system) / 1e6;
const file = join(mkdtempSync(join(tmpdir(), "minsheng-bench-")), "model.json");
writeFileSync(file, JSON.stringify(full));
const modelMb = fileSizeMb(file);

// A separate process launched as `npm run start:workers` launches a worker (the bundle, same flags):
// the core (Prisma, Redis, queues) plus the model, after classifying.
execFileSync("npm", ["run", "--silent", "build"], { stdio: "ignore" });
const workerFlags = /node (.*) dist\/workers\.mjs/.exec(JSON.parse(readFileSync("package.json", "utf8")).scripts["start:workers"])![1].split(" ");
const probe = JSON.parse(execFileSync(process.execPath, [...workerFlags, "dist/rss-probe.mjs", file], { encoding: "utf8" })) as { rssMb: number; heapMb: number };
console.log("\n== Rules ==");
const rules = measureRules();

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
const rows: [string, string, string][] = [
  ["seed: top-1 on the real messages", "≥ 80%", pct(seed.accuracy)],
  ["seed: auto-routed at ≥ 95% precision", "≥ 50%", pct(seed.coverageAt95)],
  ["seed: auto-routed at ≥ 98% precision", "—", pct(seed.coverageAt98)],
  ["seed: macro-F1 on the real messages", "—", seed.macroF1.toFixed(4)],
  ["seed: ECE on its own held-out folds", "≤ 0.05", seed.heldOutEce.toFixed(4)],
  ["seed: ECE on the real messages", "—", seed.ece.toFixed(4)],
  ["seed: its own 95% threshold on the real messages", "≥ 95% precision, ≥ 50% routed", seed.derived ? `${seed.derived.threshold.toFixed(3)} → ${pct(seed.derived.coverage)} routed at ${pct(seed.derived.precision)}` : "none"],
  [`trained: macro-F1, ${K}-fold CV`, "≥ 0.93", `${cv.macroF1.toFixed(4)} (top-1 ${pct(cv.accuracy)})`],
  ["trained: ECE on held-out folds", "≤ 0.05", cv.ece.toFixed(4)],
  ["trained: auto-routed at ≥ 95% / ≥ 98% precision", "—", `${pct(cv.coverageAt95)} / ${pct(cv.coverageAt98)}`],
  ["trained: its own 95% threshold on held-out folds", "≥ 95% precision", cv.derived ? `${cv.derived.threshold.toFixed(3)} → ${pct(cv.derived.coverage)} routed at ${pct(cv.derived.precision)}` : "none"],
  ["time per message incl. segmentation", "p99 ≤ 1 ms", `p50 ${cv.p50Ms.toFixed(3)} ms, p99 ${cv.p99Ms.toFixed(3)} ms`],
  ["training + calibration on the full file", "≤ 15 s", `${trainSeconds.toFixed(1)} s wall, ${trainCpuSeconds.toFixed(1)} s CPU`],
  ["model file", "≤ 10 MB", `${modelMb.toFixed(2)} MB`],
  ["worker RSS with the model loaded", "≤ 200 MB", `${probe.rssMb.toFixed(0)} MB`],
  ["urgency rules: urgent precision / recall", "—", `${pct(rules.urgency.URGENT.precision)} / ${pct(rules.urgency.URGENT.recall)}`],
];
console.log("\n| figure | target | measured |\n|---|---|---|");
for (const [a, b, c] of rows) console.log(`| ${a} | ${b} | ${c} |`);
console.log(`(benchmark CPU time ${((process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1e6).toFixed(0)} s; on a shared machine wall times are noisy)`);
const r4 = (v: number) => +v.toFixed(4);
console.log(
  JSON.stringify({
    seed: {
      accuracy: r4(seed.accuracy),
      macroF1: r4(seed.macroF1),
      ece: r4(seed.ece),
      heldOutEce: r4(seed.heldOutEce),
      coverageAt95: r4(seed.coverageAt95),
      coverageAt98: r4(seed.coverageAt98),
      ownThreshold: seed.derived && { threshold: r4(seed.derived.threshold), precision: r4(seed.derived.precision), coverage: r4(seed.derived.coverage) },
    },
    trained: { macroF1: r4(cv.macroF1), accuracy: r4(cv.accuracy), ece: r4(cv.ece), coverageAt95: r4(cv.coverageAt95), coverageAt98: r4(cv.coverageAt98), p50Ms: r4(cv.p50Ms), p99Ms: r4(cv.p99Ms) },
    trainSeconds: +trainSeconds.toFixed(2),
    trainCpuSeconds: +trainCpuSeconds.toFixed(2),
    modelMb: +modelMb.toFixed(2),
    workerRssMb: Math.round(probe.rssMb),
    messages: examples.length,
    folds: K,
  }),
);
