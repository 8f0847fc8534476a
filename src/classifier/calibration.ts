/**
 * Confidence that means something: temperature scaling fitted on held-out predictions (Guo et al.
 * 2017, "On Calibration of Modern Neural Networks"), the expected calibration error, and the
 * routing threshold that a target precision implies.
 */

/** A held-out prediction: the calibrated top probability and whether the top label was right. */
export type Outcome = { confidence: number; correct: boolean };

function logSoftmaxAt(z: ArrayLike<number>, t: number, k: number): number {
  let max = -Infinity;
  for (let i = 0; i < z.length; i++) max = Math.max(max, z[i] / t);
  let sum = 0;
  for (let i = 0; i < z.length; i++) sum += Math.exp(z[i] / t - max);
  return z[k] / t - max - Math.log(sum);
}

/** Mean negative log-likelihood of the true labels at temperature t. */
export function negativeLogLikelihood(logits: ArrayLike<number>[], labels: number[], t: number): number {
  let nll = 0;
  for (let i = 0; i < logits.length; i++) nll -= logSoftmaxAt(logits[i], t, labels[i]);
  return nll / Math.max(1, logits.length);
}

/**
 * The temperature minimising the held-out NLL, by golden-section search on ln t in [ln 0.05, ln 20]
 * (the NLL is unimodal in t for a fixed set of logits).
 */
export function fitTemperature(logits: ArrayLike<number>[], labels: number[]): number {
  if (logits.length === 0) return 1;
  const f = (u: number) => negativeLogLikelihood(logits, labels, Math.exp(u));
  const g = (Math.sqrt(5) - 1) / 2;
  let a = Math.log(0.05);
  let b = Math.log(20);
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 60 && b - a > 1e-4; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return Math.exp((a + b) / 2);
}

export type ReliabilityBin = { from: number; to: number; count: number; meanConfidence: number; accuracy: number };

/** Equal-width confidence bins (the reliability diagram's bars). Empty bins are kept, with count 0. */
export function reliabilityBins(outcomes: Outcome[], bins = 10): ReliabilityBin[] {
  const out = Array.from({ length: bins }, (_, i) => ({ from: i / bins, to: (i + 1) / bins, count: 0, sumConf: 0, correct: 0 }));
  for (const o of outcomes) {
    const b = out[Math.min(bins - 1, Math.floor(o.confidence * bins))];
    b.count++;
    b.sumConf += o.confidence;
    if (o.correct) b.correct++;
  }
  return out.map((b) => ({
    from: b.from,
    to: b.to,
    count: b.count,
    meanConfidence: b.count ? b.sumConf / b.count : 0,
    accuracy: b.count ? b.correct / b.count : 0,
  }));
}

/** Expected calibration error: the count-weighted gap between confidence and accuracy per bin. */
export function expectedCalibrationError(outcomes: Outcome[], bins = 10): number {
  if (outcomes.length === 0) return 0;
  return reliabilityBins(outcomes, bins).reduce((s, b) => s + (b.count * Math.abs(b.accuracy - b.meanConfidence)) / outcomes.length, 0);
}

/**
 * The lowest confidence threshold at which the cases routed automatically (confidence ≥ threshold)
 * are right at least `precision` of the time, with the share of cases it routes. Scanning from the
 * most confident down, the threshold is the last point where the running precision still meets the
 * target; null when not even the most confident cases do (then everything goes to a dispatcher).
 */
export function thresholdForPrecision(outcomes: Outcome[], precision: number): { threshold: number; coverage: number } | null {
  const sorted = [...outcomes].sort((a, b) => b.confidence - a.confidence);
  let correct = 0;
  let best: { threshold: number; coverage: number } | null = null;
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i].correct) correct++;
    // Ties: a threshold admits every case at its confidence, so only judge at the end of a run.
    if (i + 1 < sorted.length && sorted[i + 1].confidence === sorted[i].confidence) continue;
    if (correct / (i + 1) >= precision) best = { threshold: sorted[i].confidence, coverage: (i + 1) / sorted.length };
  }
  return best;
}

/** Precision and coverage of routing automatically at a given threshold. */
export function routingAt(outcomes: Outcome[], threshold: number): { precision: number; coverage: number } {
  const routed = outcomes.filter((o) => o.confidence >= threshold);
  return {
    precision: routed.length ? routed.filter((o) => o.correct).length / routed.length : 1,
    coverage: outcomes.length ? routed.length / outcomes.length : 0,
  };
}

/** The reliability diagram as text: one bar per bin, accuracy (█) against the diagonal (|). */
export function formatReliability(outcomes: Outcome[], bins = 10, width = 40): string {
  const lines = ["  confidence    cases  mean conf  accuracy"];
  for (const b of reliabilityBins(outcomes, bins)) {
    const bar = b.count ? "█".repeat(Math.round(b.accuracy * width)) : "";
    const mark = Math.round(b.meanConfidence * width);
    const row = b.count ? (bar.padEnd(width, " ").slice(0, mark) + "|" + bar.padEnd(width, " ").slice(mark + 1)).trimEnd() : "";
    lines.push(
      `  ${b.from.toFixed(1)}–${b.to.toFixed(1)}  ${String(b.count).padStart(7)}  ${b.count ? b.meanConfidence.toFixed(3) : "    -"}      ${b.count ? b.accuracy.toFixed(3) : "    -"}  ${row}`,
    );
  }
  lines.push(`  ECE ${expectedCalibrationError(outcomes, bins).toFixed(4)} (${bins} bins; | marks the mean confidence, █ the accuracy)`);
  return lines.join("\n");
}

/**
 * The lowest precision that `right` correct out of `n` is consistent with at the given confidence:
 * the one-sided Clopper–Pearson bound (the p at which seeing `right` or more right out of `n` has
 * probability 1 − confidence), found by bisection on the binomial tail. Exact, so never too
 * optimistic for the few dozen cases at the top of a small held-out set.
 */
export function precisionLowerBound(right: number, n: number, confidence: number): number {
  if (n === 0) return 0;
  const errors = n - right;
  if (errors >= n) return 0;
  const alpha = 1 - confidence;
  // P(at most `errors` wrong | error rate q), summed term by term in log space.
  const atMost = (q: number) => {
    let sum = 0;
    let log = n * Math.log1p(-q);
    const ratio = Math.log(q) - Math.log1p(-q);
    for (let k = 0; k <= errors; k++) {
      sum += Math.exp(log);
      log += Math.log((n - k) / (k + 1)) + ratio;
    }
    return sum;
  };
  let lo = errors / n;
  let hi = 1;
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (atMost(mid) > alpha) lo = mid;
    else hi = mid;
  }
  return 1 - hi;
}

/**
 * `thresholdForPrecision` on a histogram of confidence bins (counts and how many were right): the
 * threshold is a bin's lower edge, so every case the histogram counted above it is admitted. With
 * `confidence`, a threshold qualifies only when the precision it had on the held-out cases is
 * enough to say, at that confidence, that the precision is at least the target
 * (`precisionLowerBound`): a few hundred held-out messages cannot vouch for 95% the way thousands can.
 */
export function thresholdFromHistogram(
  counts: number[],
  correct: number[],
  precision: number,
  confidence?: number,
): { threshold: number; coverage: number } | null {
  const total = counts.reduce((s, n) => s + n, 0);
  let n = 0;
  let right = 0;
  let best: { threshold: number; coverage: number } | null = null;
  for (let b = counts.length - 1; b >= 0; b--) {
    if (counts[b] === 0) continue;
    n += counts[b];
    right += correct[b];
    const meets = confidence === undefined ? right / n >= precision : precisionLowerBound(right, n, confidence) >= precision;
    if (meets) best = { threshold: b / counts.length, coverage: n / total };
  }
  return best;
}
