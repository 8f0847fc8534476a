import { parseArgs } from "node:util";
import { loadModel, trainModel, type Example } from "../../src/classifier/model.js";
import { evaluate, formatReport, stratifiedFolds, type Metrics } from "../../src/classifier/evaluation.js";
import { trainNaturalBayes } from "../../src/classifier/natural-baseline.js";
import { readExamplesOrExit, readModelOrExit } from "./shared.js";
import { asDepartmentCodes, crossValidate, measureModel, measureRules, measureSeed } from "./measure.js";

/**
 * `npm run classifier:eval [-- --data <csv>] [--model <file>] [--no-seed] [--no-cv] [--baseline] [--folds 5]`
 * Reports, on labelled messages (by default the shared real ones, 2020 Teddy Cup problem C): the
 * seed model measured on them; k-fold cross-validation of training on them; each with macro-F1,
 * top-1, the reliability diagram and ECE, and auto-routing coverage at 95% and 98% precision; and
 * the urgency and kind rules' precision and recall on their tables. --model measures a model file
 * instead of training; --baseline adds natural's BayesClassifier on a subset.
 */
const usage = "usage: npm run classifier:eval -- [--data cases.csv] [--model model.json] [--no-seed] [--no-cv] [--baseline]";
const { values } = parseArgs({
  options: {
    data: { type: "string", default: "../shared/data/gov-messages-train.csv" },
    model: { type: "string" },
    "no-seed": { type: "boolean" },
    "no-cv": { type: "boolean" },
    baseline: { type: "boolean" },
    folds: { type: "string", default: "5" },
    "baseline-limit": { type: "string", default: "1500" },
  },
});
const examples = readExamplesOrExit(values.data, usage);
const k = Number(values.folds);
const summary: Record<string, unknown> = { messages: examples.length };
const round = (o: object) => JSON.parse(JSON.stringify(o, (_, v) => (typeof v === "number" ? +v.toFixed(4) : v)));

if (values.model) {
  const file = readModelOrExit(values.model);
  summary.model = round(measureModel(file, file.labels.includes("housing") ? asDepartmentCodes(examples) : examples, `model ${values.model} on ${examples.length} messages`));
} else {
  if (!values["no-seed"]) {
    console.log("\n== The seed model alone (what a new installation routes with) ==");
    summary.seed = round(measureSeed(examples));
  }
  if (!values["no-cv"]) {
    console.log(`\n== Trained on ${values.data} ==`);
    summary.trained = round(crossValidate(examples, k));
  }
}
console.log("\n== Rules ==");
summary.rules = round(measureRules());

if (values.baseline) {
  // natural's BayesClassifier trains super-linearly (minutes on thousands of messages): a stratified subset.
  const limit = Math.min(Number(values["baseline-limit"]), examples.length);
  const subset = stratifiedFolds(examples, Math.max(1, Math.round(examples.length / limit)))[0].map((i) => examples[i]);
  const cv = (train: (d: Example[]) => (e: Example) => string): Metrics => {
    const predictions = new Map<Example, string>();
    for (const fold of stratifiedFolds(subset, k)) {
      const held = new Set(fold);
      const predict = train(subset.filter((_, i) => !held.has(i)));
      for (const i of fold) predictions.set(subset[i], predict(subset[i]));
    }
    return evaluate((e) => predictions.get(e)!, subset, [...new Set(subset.map((e) => e.label))].sort());
  };
  console.log(`\nbaseline: natural BayesClassifier, ${k}-fold on a stratified subset of ${subset.length} messages (the full file takes minutes)`);
  const bayes = cv((train) => trainNaturalBayes(train));
  console.log(formatReport(bayes, "natural BayesClassifier (subset)"));
  const ours = cv((train) => {
    const m = loadModel(trainModel(train, { calibrationFolds: 0 }));
    return (e) => m.classify(e.title, e.body).label;
  });
  console.log(formatReport(ours, "Minsheng on the same subset"));
  summary.baseline = { bayesMacroF1: +bayes.macroF1.toFixed(4), oursMacroF1: +ours.macroF1.toFixed(4) };
}
console.log(JSON.stringify(summary));
