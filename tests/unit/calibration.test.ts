import { describe, expect, it } from "vitest";
import {
  expectedCalibrationError,
  fitTemperature,
  formatReliability,
  negativeLogLikelihood,
  precisionLowerBound,
  routingAt,
  thresholdForPrecision,
  thresholdFromHistogram,
  type Outcome,
} from "../../src/classifier/calibration.js";

/** Deterministic pseudo-random numbers, so the synthetic sets are the same every run. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Logits whose labels are drawn from softmax(z / trueT): scaling by trueT is the right calibration. */
function synthetic(n: number, trueT: number, seed = 1) {
  const r = random(seed);
  const logits: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const z = [0, 0, 0, 0].map(() => 6 * r());
    const e = z.map((v) => Math.exp(v / trueT));
    const s = e.reduce((a, b) => a + b, 0);
    let u = r() * s;
    let k = 0;
    while (u > e[k] && k < 3) u -= e[k++];
    logits.push(z);
    labels.push(k);
  }
  return { logits, labels };
}

function outcomesAt(logits: number[][], labels: number[], t: number): Outcome[] {
  return logits.map((z, i) => {
    const e = z.map((v) => Math.exp(v / t));
    const s = e.reduce((a, b) => a + b, 0);
    const best = e.indexOf(Math.max(...e));
    return { confidence: e[best] / s, correct: best === labels[i] };
  });
}

describe("temperature scaling", () => {
  it("recovers the temperature the labels were drawn with, and lowers the held-out NLL", () => {
    const { logits, labels } = synthetic(4000, 2.5);
    const t = fitTemperature(logits, labels);
    expect(t).toBeGreaterThan(2.2);
    expect(t).toBeLessThan(2.8);
    expect(negativeLogLikelihood(logits, labels, t)).toBeLessThan(negativeLogLikelihood(logits, labels, 1));
  });

  it("brings the expected calibration error of overconfident scores under 0.05 on a fresh sample", () => {
    const fit = synthetic(4000, 3, 7);
    const t = fitTemperature(fit.logits, fit.labels);
    const held = synthetic(4000, 3, 8);
    expect(expectedCalibrationError(outcomesAt(held.logits, held.labels, 1))).toBeGreaterThan(0.1);
    expect(expectedCalibrationError(outcomesAt(held.logits, held.labels, t))).toBeLessThan(0.05);
  });

  it("draws the reliability diagram with every bin and the ECE", () => {
    const { logits, labels } = synthetic(500, 1);
    const text = formatReliability(outcomesAt(logits, labels, 1));
    expect(text.split("\n")).toHaveLength(12);
    expect(text).toMatch(/ECE 0\.\d{4}/);
  });
});

describe("routing threshold from a target precision", () => {
  const o = (confidence: number, correct: boolean): Outcome => ({ confidence, correct });
  // Ten outcomes: the top four right, then one wrong, then mixed.
  const outcomes = [o(0.99, true), o(0.97, true), o(0.95, true), o(0.9, true), o(0.85, false), o(0.8, true), o(0.7, true), o(0.6, false), o(0.5, false), o(0.4, true)];

  it("is the lowest threshold whose routed cases keep the precision", () => {
    expect(thresholdForPrecision(outcomes, 1)).toEqual({ threshold: 0.9, coverage: 0.4 });
    // 6 of the top 7 are right (85.7%); 6 of the top 6 would be 83%: 0.7 is the lowest for 0.85.
    expect(thresholdForPrecision(outcomes, 0.85)).toEqual({ threshold: 0.7, coverage: 0.7 });
    const at = routingAt(outcomes, 0.7);
    expect(at.precision).toBeGreaterThanOrEqual(0.85);
    expect(at.coverage).toBe(0.7);
  });

  it("is none when not even the most confident case is right", () => {
    expect(thresholdForPrecision([o(0.9, false), o(0.8, true)], 0.95)).toBeNull();
  });

  it("admits every case at a tied confidence, or none of them", () => {
    expect(thresholdForPrecision([o(0.9, true), o(0.9, false), o(0.5, true)], 0.9)).toBeNull();
  });

  it("reads the same from a model's histogram of held-out outcomes", () => {
    const counts = new Array(100).fill(0);
    const correct = new Array(100).fill(0);
    for (const x of outcomes) {
      const b = Math.floor(x.confidence * 100);
      counts[b]++;
      if (x.correct) correct[b]++;
    }
    expect(thresholdFromHistogram(counts, correct, 1)).toEqual({ threshold: 0.9, coverage: 0.4 });
    expect(thresholdFromHistogram(counts, correct, 0.85)).toEqual({ threshold: 0.7, coverage: 0.7 });
  });
});

describe("a threshold the held-out count can vouch for", () => {
  /** P(at least `right` right out of n | precision p), by the binomial sum. */
  const tail = (right: number, n: number, p: number) => {
    let s = 0;
    for (let k = right; k <= n; k++) {
      let c = 1;
      for (let j = 0; j < k; j++) c = (c * (n - j)) / (j + 1);
      s += c * p ** k * (1 - p) ** (n - k);
    }
    return s;
  };

  it("is the one-sided Clopper–Pearson bound", () => {
    // All right: the bound solves p^n = 1 − confidence.
    expect(precisionLowerBound(10, 10, 0.95)).toBeCloseTo(0.05 ** (1 / 10), 6);
    expect(precisionLowerBound(300, 300, 0.95)).toBeCloseTo(0.05 ** (1 / 300), 6);
    // Otherwise seeing that many right is exactly 5% likely at the bound.
    for (const [right, n] of [[19, 20], [95, 100], [243, 250]]) {
      const p = precisionLowerBound(right, n, 0.95);
      expect(p).toBeLessThan(right / n);
      expect(tail(right, n, p)).toBeCloseTo(0.05, 6);
    }
    expect(precisionLowerBound(0, 5, 0.95)).toBe(0);
    expect(precisionLowerBound(0, 0, 0.95)).toBe(0);
  });

  it("tightens as the count grows: 95% of 100 does not vouch for 95%, 97% of 1,000 does", () => {
    expect(precisionLowerBound(95, 100, 0.95)).toBeLessThan(0.95);
    expect(precisionLowerBound(970, 1000, 0.95)).toBeGreaterThan(0.95);
  });

  it("moves a histogram's threshold up until the bound reaches the target", () => {
    // 1,000 bins: 200 cases at 0.99 with 2 wrong, 200 at 0.95 with 14 wrong, 200 at 0.90 with 6 wrong.
    const counts = new Array(1000).fill(0);
    const correct = new Array(1000).fill(0);
    counts[990] = 200;
    correct[990] = 198;
    counts[950] = 200;
    correct[950] = 186;
    counts[900] = 200;
    correct[900] = 194;
    // Plain precision: 384/400 = 96% at 0.95, 578/600 = 96.3% at 0.90 → 0.90 qualifies.
    expect(thresholdFromHistogram(counts, correct, 0.95)).toEqual({ threshold: 0.9, coverage: 1 });
    // The bound on 578 of 600 and on 384 of 400 is under 95%, on 198 of 200 it is over: only 0.99 qualifies.
    expect(precisionLowerBound(578, 600, 0.95)).toBeLessThan(0.95);
    expect(precisionLowerBound(384, 400, 0.95)).toBeLessThan(0.95);
    expect(precisionLowerBound(198, 200, 0.95)).toBeGreaterThan(0.95);
    const bounded = thresholdFromHistogram(counts, correct, 0.95, 0.95)!;
    expect(bounded.threshold).toBe(0.99);
    expect(bounded.coverage).toBeCloseTo(1 / 3, 9);
  });
});
