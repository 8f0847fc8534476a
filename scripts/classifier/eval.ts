import { parseArgs } from "node:util";
import { loadModel, trainModel, type Example } from "../../src/classifier/model.js";
import { evaluate, evaluateModel, formatReport, stratifiedFolds, type Metrics } from "../../src/classifier/evaluation.js";
import { trainNaturalBayes } from "../../src/classifier/natural-baseline.js";
import { readExamplesOrExit, readModelOrExit } from "./shared.js";

/**
 * `npm run classifier:eval -- --data <csv> [--model <file>] [--baseline] [--folds 5] [--baseline-limit 1500]`
 * With --model: measures that model on the data. Without: stratified k-fold cross-validation of
 * training on the data itself. --baseline also trains natural's BayesClassifier and reports it beside.
 */
const usage = "usage: npm run classifier:eval -- --data <csv> [--model model.json] [--baseline]";
const { values } = parseArgs({
  options: {
    data: { type: "string" },
    model: { type: "string" },
    baseline: { type: "boolean" },
    folds: { type: "string", default: "5" },
    "baseline-limit": { type: "string", default: "1500" },
  },
});
const examples = readExamplesOrExit(values.data, usage);
const labels = [...new Set(examples.map((e) => e.label))].sort();
const summary = (m: Metrics) => ({
  macroF1: +m.macroF1.toFixed(4),
  accuracy: +m.accuracy.toFixed(4),
  p50Ms: +m.p50Ms.toFixed(4),
  p99Ms: +m.p99Ms.toFixed(4),
});

/** Cross-validated predictions: each message is classified by a model that never saw it. */
function crossValidate(data: Example[], k: number, train: (d: Example[]) => (e: Example) => string): Metrics {
  const folds = stratifiedFolds(data, k);
  const predictions = new Map<Example, string>();
  const times: number[] = [];
  folds.forEach((fold, f) => {
    process.stdout.write(`\r  fold ${f + 1}/${k}   `);
    const held = new Set(fold);
    const predict = train(data.filter((_, i) => !held.has(i)));
    for (const i of fold) {
      const t0 = performance.now();
      predictions.set(data[i], predict(data[i]));
      times.push(performance.now() - t0);
    }
  });
  process.stdout.write("\n");
  const m = evaluate((e) => predictions.get(e)!, data, [...new Set(data.map((e) => e.label))].sort());
  times.sort((a, b) => a - b);
  return { ...m, p50Ms: times[Math.floor(times.length * 0.5)], p99Ms: times[Math.floor(times.length * 0.99)] };
}

const k = Number(values.folds);
let ours: Metrics;
if (values.model) {
  ours = evaluateModel(loadModel(readModelOrExit(values.model)), examples);
  console.log(formatReport(ours, `model ${values.model} on ${examples.length} messages`));
} else {
  ours = crossValidate(examples, k, (train) => {
    const m = loadModel(trainModel(train));
    return (e) => m.classify(e.title, e.body).label;
  });
  console.log(formatReport(ours, `Minsheng TF-IDF + softmax, ${k}-fold cross-validation on ${examples.length} messages`));
}

let baseline: Metrics | undefined;
if (values.baseline) {
  // natural's BayesClassifier trains super-linearly (minutes on thousands of messages): a stratified subset.
  const limit = Math.min(Number(values["baseline-limit"]), examples.length);
  const subset = stratifiedFolds(examples, Math.max(1, Math.round(examples.length / limit)))[0].map((i) => examples[i]);
  console.log(`\nbaseline: natural BayesClassifier, ${k}-fold on a stratified subset of ${subset.length} messages (the full file takes minutes)`);
  baseline = crossValidate(subset, k, (train) => trainNaturalBayes(train));
  console.log(formatReport(baseline, "natural BayesClassifier (subset)"));
  const oursOnSubset = crossValidate(subset, k, (train) => {
    const m = loadModel(trainModel(train));
    return (e) => m.classify(e.title, e.body).label;
  });
  console.log(formatReport(oursOnSubset, "Minsheng on the same subset"));
}
console.log(JSON.stringify({ ...summary(ours), labels: labels.length, messages: examples.length, ...(baseline ? { baseline: summary(baseline) } : {}) }));
