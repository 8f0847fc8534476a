import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadModel, trainModel, type Example } from "../../src/classifier/model.js";
import { evaluate, formatReport, percentile, stratifiedFolds } from "../../src/classifier/evaluation.js";
import { fileSizeMb, readExamplesOrExit } from "./shared.js";

/**
 * `npm run bench:classifier [-- --data <csv>]`: the classifier's targets, measured and printed
 * (never asserted in tests). Stratified 5-fold cross-validation on the shared citizen messages
 * (2020 Teddy Cup problem C data), full-file training time, model file size, and the RSS of a
 * worker-like process with the model loaded. Ends with one JSON line.
 */
const { values } = parseArgs({ options: { data: { type: "string", default: "../shared/data/gov-messages-train.csv" } } });
const examples = readExamplesOrExit(values.data, "usage: npm run bench:classifier [-- --data <csv>]");
const K = 5;

console.log(`Classifier benchmark on ${examples.length} messages (${values.data}); data: 2020 Teddy Cup problem C.`);
const folds = stratifiedFolds(examples, K);
const predictions = new Map<Example, string>();
const times: number[] = [];
folds.forEach((fold, f) => {
  process.stdout.write(`\r  cross-validation fold ${f + 1}/${K}`);
  const held = new Set(fold);
  const model = loadModel(trainModel(examples.filter((_, i) => !held.has(i))));
  for (const e of examples.slice(0, 50)) model.classify(e.title, e.body); // warm up the JIT
  for (const i of fold) {
    const t0 = performance.now();
    predictions.set(examples[i], model.classify(examples[i].title, examples[i].body).label);
    times.push(performance.now() - t0);
  }
});
process.stdout.write("\n");
const labels = [...new Set(examples.map((e) => e.label))].sort();
const cv = evaluate((e) => predictions.get(e)!, examples, labels);
times.sort((a, b) => a - b);
const p50Ms = percentile(times, 0.5);
const p99Ms = percentile(times, 0.99);
console.log(formatReport({ ...cv, p50Ms, p99Ms }, `${K}-fold cross-validation (time per message includes segmentation)`));

const t0 = performance.now();
const full = trainModel(examples);
const trainSeconds = (performance.now() - t0) / 1000;
const file = join(mkdtempSync(join(tmpdir(), "minsheng-bench-")), "model.json");
writeFileSync(file, JSON.stringify(full));
const modelMb = fileSizeMb(file);
console.log(`full training: ${trainSeconds.toFixed(2)} s; model ${full.version}: ${full.vocabulary.split("\n").length} features, ${modelMb.toFixed(2)} MB`);

// A separate process launched as `npm run start:workers` launches a worker (the bundle, same flags):
// the core (Prisma, Redis, queues) plus the model, after classifying.
execFileSync("npm", ["run", "--silent", "build"], { stdio: "ignore" });
const workerFlags = /node (.*) dist\/workers\.mjs/.exec(JSON.parse(readFileSync("package.json", "utf8")).scripts["start:workers"])![1].split(" ");
const probe = JSON.parse(
  execFileSync(process.execPath, [...workerFlags, "dist/rss-probe.mjs", file], { encoding: "utf8" }),
) as { rssMb: number; heapMb: number };
console.log(`worker process (${workerFlags.join(" ")} dist/…) with the model loaded: RSS ${probe.rssMb.toFixed(0)} MB (heap ${probe.heapMb.toFixed(0)} MB)`);

console.log(
  JSON.stringify({
    macroF1: +cv.macroF1.toFixed(4),
    accuracy: +cv.accuracy.toFixed(4),
    p50Ms: +p50Ms.toFixed(4),
    p99Ms: +p99Ms.toFixed(4),
    trainSeconds: +trainSeconds.toFixed(2),
    modelMb: +modelMb.toFixed(2),
    workerRssMb: Math.round(probe.rssMb),
    messages: examples.length,
    folds: K,
  }),
);
