import { loadModel, routingThreshold, THRESHOLD_BOUND_CONFIDENCE, trainModel, type Example, type LoadedModel, type ModelFile } from "../../src/classifier/model.js";
import { evaluate, formatReport, formatRouting, routingFigures, stratifiedFolds, type Metrics, type RoutingFigures } from "../../src/classifier/evaluation.js";
import { formatReliability, type Outcome } from "../../src/classifier/calibration.js";
import { SEED_CORPUS } from "../../src/classifier/seed-corpus.js";
import { KIND_CASES, URGENCY_CASES } from "../../src/classifier/rule-cases.js";
import { detectPriority } from "../../src/classifier/rules.js";
import { detectKind } from "../../src/classifier/kind.js";
import { DEPARTMENTS } from "../../prisma/seed-data.js";

/** Shared by classifier:eval and bench:classifier: the figures issue 11 asks for, measured the same way. */

export const TARGET_PRECISION = 0.95;

/** Historic data labelled by subject field (城乡建设) measured against a model speaking department codes. */
export function asDepartmentCodes(examples: Example[]): Example[] {
  const code = new Map<string, string>(DEPARTMENTS.flatMap((d) => [[d.field, d.code], [d.code, d.code]]));
  return examples.map((e) => ({ ...e, label: code.get(e.label) ?? e.label }));
}

type Scored = { metrics: Metrics; outcomes: Outcome[]; p50Ms: number; p99Ms: number };

function score(predict: (e: Example) => { label: string; confidence: number }, examples: Example[]): Scored {
  const predictions = new Map<Example, { label: string; confidence: number }>();
  const times: number[] = [];
  for (const e of examples) {
    const t0 = performance.now();
    const p = predict(e);
    times.push(performance.now() - t0);
    predictions.set(e, { label: p.label, confidence: p.confidence });
  }
  times.sort((a, b) => a - b);
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const metrics = evaluate((e) => predictions.get(e)!.label, examples, labels);
  const outcomes = examples.map((e) => ({ confidence: predictions.get(e)!.confidence, correct: predictions.get(e)!.label === e.label }));
  return { metrics, outcomes, p50Ms: times[Math.floor(times.length / 2)], p99Ms: times[Math.floor(times.length * 0.99)] };
}

/** A trained model measured on messages it never saw; its own threshold for the target precision is tried too. */
export function measureModel(file: ModelFile, examples: Example[], title: string): RoutingFigures {
  const model: LoadedModel = loadModel(file);
  for (const e of examples.slice(0, 50)) model.classify(e.title, e.body); // warm up the JIT
  const s = score((e) => model.classify(e.title, e.body), examples);
  const own = routingThreshold(file, TARGET_PRECISION);
  const figures = routingFigures(s.metrics, s.outcomes, own ? { target: TARGET_PRECISION, threshold: own.threshold } : null);
  console.log(formatReport({ ...s.metrics, p50Ms: s.p50Ms, p99Ms: s.p99Ms }, title));
  console.log(formatReliability(s.outcomes));
  console.log(formatRouting(figures));
  return figures;
}

/** The seed model (what a new installation routes with), measured on a district's real messages. */
export function measureSeed(examples: Example[]): RoutingFigures & { trainSeconds: number; heldOutEce: number } {
  const t0 = performance.now();
  const file = trainModel(SEED_CORPUS);
  const trainSeconds = (performance.now() - t0) / 1000;
  console.log(`seed model ${file.version}: ${SEED_CORPUS.length} written examples, trained and calibrated in ${trainSeconds.toFixed(1)} s, temperature ${file.temperature.toFixed(2)}`);
  const heldOutEce = histogramEce(file);
  console.log(`  on its own held-out folds: ECE ${heldOutEce.toFixed(4)}`);
  const plain = routingThreshold(file, TARGET_PRECISION, null);
  const bounded = routingThreshold(file, TARGET_PRECISION);
  const held = file.heldOut!.counts.reduce((a, b) => a + b, 0);
  console.log(
    `  its ${(100 * TARGET_PRECISION).toFixed(0)}% threshold from ${held} held-out messages: ${plain?.threshold.toFixed(3) ?? "none"} by their precision, ` +
      `${bounded?.threshold.toFixed(3) ?? "none"} by its ${(100 * THRESHOLD_BOUND_CONFIDENCE).toFixed(0)}% lower bound (the one recorded with the version)`,
  );
  const f = measureModel(file, asDepartmentCodes(examples), `seed model on ${examples.length} real messages it never saw`);
  return { ...f, trainSeconds, heldOutEce };
}

/** ECE of a model's held-out histogram (of any number of bins), in 10 bins (older files without confidence sums: bin centres). */
export function histogramEce(file: ModelFile): number {
  if (!file.heldOut) return NaN;
  const { counts, correct } = file.heldOut;
  const per = counts.length / 10;
  const total = counts.reduce((s, n) => s + n, 0);
  let ece = 0;
  for (let b = 0; b < 10; b++) {
    let n = 0;
    let right = 0;
    let conf = 0;
    for (let i = b * per; i < b * per + per; i++) {
      n += counts[i];
      right += correct[i];
      conf += file.heldOut.confidence ? file.heldOut.confidence[i] : (counts[i] * (i + 0.5)) / counts.length;
    }
    if (n) ece += (n / total) * Math.abs(right / n - conf / n);
  }
  return ece;
}

/**
 * k-fold cross-validation of training on the data itself: each fold's model is trained (and
 * calibrated on its own inner folds) without the fold it is scored on.
 */
export function crossValidate(examples: Example[], k: number): RoutingFigures & { p50Ms: number; p99Ms: number } {
  const folds = stratifiedFolds(examples, k);
  const predictions = new Map<Example, { label: string; confidence: number }>();
  const thresholds: number[] = [];
  const times: number[] = [];
  folds.forEach((fold, f) => {
    process.stdout.write(`\r  fold ${f + 1}/${k}   `);
    const held = new Set(fold);
    const file = trainModel(examples.filter((_, i) => !held.has(i)));
    thresholds.push(routingThreshold(file, TARGET_PRECISION)?.threshold ?? 1);
    const model = loadModel(file);
    for (const e of examples.slice(0, 50)) model.classify(e.title, e.body);
    for (const i of fold) {
      const t0 = performance.now();
      const p = model.classify(examples[i].title, examples[i].body);
      times.push(performance.now() - t0);
      predictions.set(examples[i], { label: p.label, confidence: p.confidence });
    }
  });
  process.stdout.write("\n");
  const s = score((e) => predictions.get(e)!, examples);
  times.sort((a, b) => a - b);
  const p50Ms = times[Math.floor(times.length / 2)];
  const p99Ms = times[Math.floor(times.length * 0.99)];
  // Each fold routes with its own threshold; reported as if the mean threshold were used.
  const threshold = thresholds.reduce((a, b) => a + b, 0) / thresholds.length;
  const figures = routingFigures(s.metrics, s.outcomes, { target: TARGET_PRECISION, threshold });
  console.log(formatReport({ ...s.metrics, p50Ms, p99Ms }, `trained on the data, ${k}-fold cross-validation on ${examples.length} messages`));
  console.log(formatReliability(s.outcomes));
  console.log(formatRouting(figures));
  return { ...figures, p50Ms, p99Ms };
}

export type RuleFigures = Record<string, { precision: number; recall: number; support: number }>;

/** Precision and recall of the urgency and kind rules on their tables. */
export function measureRules(): { urgency: RuleFigures; kind: RuleFigures } {
  const pr = (pairs: [expected: string, got: string][], classes: string[]): RuleFigures =>
    Object.fromEntries(
      classes.map((c) => {
        const tp = pairs.filter(([e, g]) => e === c && g === c).length;
        const predicted = pairs.filter(([, g]) => g === c).length;
        const support = pairs.filter(([e]) => e === c).length;
        return [c, { precision: predicted ? tp / predicted : 1, recall: support ? tp / support : 1, support }];
      }),
    );
  const urgency = pr(URGENCY_CASES.map(([t, u]) => [u ? "URGENT" : "NORMAL", detectPriority(t)]), ["URGENT", "NORMAL"]);
  const kind = pr(KIND_CASES.map(([t, k]) => [k, detectKind(t)]), ["COMPLAINT", "DISCLOSURE", "MEDIATION", "OTHER"]);
  const show = (name: string, f: RuleFigures) =>
    console.log(
      `${name}: ` + Object.entries(f).map(([c, v]) => `${c} precision ${(100 * v.precision).toFixed(0)}% recall ${(100 * v.recall).toFixed(0)}% (${v.support})`).join("; "),
    );
  show(`urgency rules on ${URGENCY_CASES.length} written messages`, urgency);
  show(`kind rules on ${KIND_CASES.length} written messages`, kind);
  return { urgency, kind };
}
