import type { Example, LoadedModel } from "./model.js";
import { expectedCalibrationError, routingAt, thresholdForPrecision, type Outcome } from "./calibration.js";

export type Metrics = {
  accuracy: number;
  macroF1: number;
  perClass: Record<string, { precision: number; recall: number; f1: number; support: number }>;
  labels: string[];
  /** confusion[actual][predicted] */
  confusion: number[][];
  p50Ms: number;
  p99Ms: number;
};

/** Stratified k-fold: each fold keeps every label's share. Deterministic order within labels. */
export function stratifiedFolds(examples: Example[], k: number): number[][] {
  const byLabel = new Map<string, number[]>();
  examples.forEach((e, i) => byLabel.set(e.label, [...(byLabel.get(e.label) ?? []), i]));
  const folds: number[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const label of [...byLabel.keys()].sort()) {
    for (const i of byLabel.get(label)!) {
      folds[next % k].push(i);
      next++;
    }
  }
  return folds;
}

export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Accuracy, macro-F1, per-class precision/recall, confusion, and per-message time (segmentation included). */
export function evaluate(predict: (e: Example) => string, examples: Example[], labels: string[]): Metrics {
  const idx = new Map(labels.map((l, i) => [l, i]));
  const confusion = labels.map(() => labels.map(() => 0));
  const times: number[] = [];
  let correct = 0;
  for (const e of examples) {
    const t0 = performance.now();
    const predicted = predict(e);
    times.push(performance.now() - t0);
    if (predicted === e.label) correct++;
    const a = idx.get(e.label);
    const p = idx.get(predicted);
    if (a !== undefined && p !== undefined) confusion[a][p]++;
  }
  const perClass: Metrics["perClass"] = {};
  let f1Sum = 0;
  labels.forEach((l, i) => {
    const tp = confusion[i][i];
    const predicted = confusion.reduce((s, row) => s + row[i], 0);
    const support = confusion[i].reduce((s, v) => s + v, 0);
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[l] = { precision, recall, f1, support };
    f1Sum += f1;
  });
  times.sort((a, b) => a - b);
  return {
    accuracy: correct / examples.length,
    macroF1: f1Sum / labels.length,
    perClass,
    labels,
    confusion,
    p50Ms: percentile(times, 0.5),
    p99Ms: percentile(times, 0.99),
  };
}

/** Merges per-fold metrics: sums the confusion matrices and recomputes; times are pooled medians of folds. */
export function evaluateModel(model: LoadedModel, examples: Example[]): Metrics {
  return evaluate((e) => model.classify(e.title, e.body).label, examples, model.labels);
}

export function formatReport(m: Metrics, title: string): string {
  const pct = (v: number) => (100 * v).toFixed(1).padStart(5);
  const lines = [
    `${title}`,
    `  accuracy ${pct(m.accuracy)}%   macro-F1 ${m.macroF1.toFixed(4)}   p50 ${m.p50Ms.toFixed(3)} ms   p99 ${m.p99Ms.toFixed(3)} ms`,
    `  ${"label".padEnd(10, "　")} precision recall  F1    support`,
  ];
  for (const l of m.labels) {
    const c = m.perClass[l];
    lines.push(`  ${l.padEnd(10, "　")} ${pct(c.precision)}%   ${pct(c.recall)}% ${c.f1.toFixed(3)} ${String(c.support).padStart(6)}`);
  }
  lines.push("  confusion (rows: actual, columns: predicted in the order above)");
  m.labels.forEach((l, i) => lines.push(`  ${l.padEnd(10, "　")} ${m.confusion[i].map((v) => String(v).padStart(5)).join("")}`));
  return lines.join("\n");
}

/** What routing with a calibrated model gives on labelled messages it did not learn from. */
export type RoutingFigures = {
  accuracy: number;
  macroF1: number;
  ece: number;
  /** Share of cases routed automatically at the lowest threshold that keeps this precision (oracle). */
  coverageAt95: number;
  coverageAt98: number;
  /** The model's own threshold (from its held-out folds) for the target precision, and what it gives here. */
  derived: { target: number; threshold: number; precision: number; coverage: number } | null;
};

export function routingFigures(metrics: Metrics, outcomes: Outcome[], derived: { target: number; threshold: number } | null): RoutingFigures {
  return {
    accuracy: metrics.accuracy,
    macroF1: metrics.macroF1,
    ece: expectedCalibrationError(outcomes),
    coverageAt95: thresholdForPrecision(outcomes, 0.95)?.coverage ?? 0,
    coverageAt98: thresholdForPrecision(outcomes, 0.98)?.coverage ?? 0,
    derived: derived ? { ...derived, ...routingAt(outcomes, derived.threshold) } : null,
  };
}

export function formatRouting(f: RoutingFigures): string {
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  const lines = [
    `  top-1 ${pct(f.accuracy)}   macro-F1 ${f.macroF1.toFixed(4)}   ECE ${f.ece.toFixed(4)}`,
    `  auto-routed at 95% precision: ${pct(f.coverageAt95)}   at 98%: ${pct(f.coverageAt98)}   (best threshold in hindsight)`,
  ];
  if (f.derived) {
    lines.push(
      `  the model's own threshold for ${pct(f.derived.target)} precision, ${f.derived.threshold.toFixed(3)}: routes ${pct(f.derived.coverage)} at ${pct(f.derived.precision)} precision here`,
    );
  } else lines.push("  the model's own folds give no threshold for the target precision: every case goes to a dispatcher");
  return lines.join("\n");
}
