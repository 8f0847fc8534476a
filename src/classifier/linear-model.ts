import type { SparseVector } from "./vectorizer.js";
import { mulberry32 } from "../util/prng.js";

/**
 * Multinomial logistic regression (softmax) over sparse TF-IDF vectors. Weights are stored feature
 * major (weights[feature * classes + class]) so scoring a sparse vector reads contiguous memory.
 */
export type LinearModel = { classes: number; dims: number; weights: Float32Array | Float64Array; bias: Float32Array | Float64Array };

export type TrainOptions = {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Average the weights over the second half of the epochs (averaged SGD: steadier, generalises better). */
  average: boolean;
  /** Weigh each example by N / (classes × its class's count), so small classes count as much as big ones. */
  balanced: boolean;
};
export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 12, learningRate: 20, l2: 1e-5, seed: 42, average: false, balanced: true };


export function scores(model: LinearModel, x: SparseVector, out = new Float64Array(model.classes)): Float64Array {
  const K = model.classes;
  for (let k = 0; k < K; k++) out[k] = model.bias[k];
  const { indices, values } = x;
  const w = model.weights;
  for (let j = 0; j < indices.length; j++) {
    const base = indices[j] * K;
    const v = values[j];
    for (let k = 0; k < K; k++) out[k] += w[base + k] * v;
  }
  return out;
}

/** Softmax in place, computed stably in log space. */
export function softmax(z: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    z[k] = Math.exp(z[k] - max);
    sum += z[k];
  }
  for (let k = 0; k < z.length; k++) z[k] /= sum;
  return z;
}

/** One SGD step. A function of its own so V8 optimises it (a hot loop inside a long-running function may not be). */
function step_(
  weights: Float64Array,
  bias: Float64Array,
  classes: number,
  indices: Int32Array,
  values: Float32Array,
  gradient: Float64Array,
  lr: number,
): void {
  for (let j = 0; j < indices.length; j++) {
    const base = indices[j] * classes;
    const g = lr * values[j];
    for (let k = 0; k < classes; k++) weights[base + k] -= g * gradient[k];
  }
  for (let k = 0; k < classes; k++) bias[k] -= lr * gradient[k];
}

/** Stochastic gradient descent on the cross-entropy, with a decaying step and L2 shrinkage. */
export function trainSoftmax(
  X: SparseVector[],
  y: number[],
  classes: number,
  dims: number,
  options: Partial<TrainOptions> = {},
  onEpoch?: (epoch: number) => void,
): LinearModel {
  const o = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  // Float64 while training: float32 stores of tiny gradient products produce denormals, which the
  // CPU handles in microcode, many times slower (measured: 3.4 s vs 0.5 s for this data).
  const weights = new Float64Array(dims * classes);
  const bias = new Float64Array(classes);
  const model = { classes, dims, weights, bias };
  const counts = new Array<number>(classes).fill(0);
  for (const c of y) counts[c]++;
  const classWeight = counts.map((n) => (o.balanced && n > 0 ? X.length / (classes * n) : 1));
  const averaged = o.average
    ? { weights: new Float64Array(weights.length), bias: new Float64Array(classes), count: 0 }
    : null;
  const order = X.map((_, i) => i);
  const random = mulberry32(o.seed);
  const p = new Float64Array(classes);
  let step = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const i of order) {
      const lr = o.learningRate / (1 + step / X.length);
      step++;
      softmax(scores(model, X[i], p));
      p[y[i]] -= 1; // gradient of the cross-entropy w.r.t. the scores
      step_(weights, bias, classes, X[i].indices, X[i].values, p, lr * classWeight[y[i]]);
    }
    if (o.l2 > 0) {
      // An epoch's worth of L2 steps at the current rate, (1 − η·λ)^N ≈ e^(−η·λ·N): unlike 1 − η·λ·N
      // it never turns negative (which flipped every weight once N·η·λ > 1, e.g. 50,000 cases).
      const shrink = Math.exp(-o.l2 * X.length * (o.learningRate / (1 + step / X.length)));
      for (let j = 0; j < weights.length; j++) weights[j] *= shrink;
    }
    if (averaged && epoch >= Math.floor(o.epochs / 2)) {
      for (let j = 0; j < weights.length; j++) averaged.weights[j] += weights[j];
      for (let k = 0; k < classes; k++) averaged.bias[k] += bias[k];
      averaged.count++;
    }
    onEpoch?.(epoch + 1);
  }
  if (averaged) {
    for (let j = 0; j < weights.length; j++) weights[j] = averaged.weights[j] / averaged.count;
    for (let k = 0; k < classes; k++) bias[k] = averaged.bias[k] / averaged.count;
  }
  return { classes, dims, weights: toFloat32(weights), bias: toFloat32(bias) };
}

/** Stored precision; weights too small to matter become 0 rather than denormals. */
function toFloat32(a: Float64Array): Float32Array {
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = Math.abs(a[i]) < 1e-30 ? 0 : a[i];
  return out;
}
