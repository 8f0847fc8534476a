import { describe, expect, it } from "vitest";
import {
  expectedCalibrationError,
  fitTemperature,
  formatReliability,
  negativeLogLikelihood,
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
