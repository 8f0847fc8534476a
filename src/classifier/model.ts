import { createHash } from "node:crypto";
import { createTokenizer, DEFAULT_TOKENIZER_OPTIONS, type Tokenizer, type TokenizerOptions } from "./tokenizer.js";
import { createVectorizer, fitVectorizer, superviseIdf, type VectorizerState } from "./vectorizer.js";
import { fitTemperature, thresholdFromHistogram } from "./calibration.js";
import { DEFAULT_TRAIN_OPTIONS, scores, softmax, trainSoftmax, type LinearModel, type TrainOptions } from "./linear-model.js";

/**
 * A few dozen examples a department (the seed corpus, a young installation's labels): a slower
 * step and more epochs. L2 1e-5 rather than 1e-4: on the shared real messages the seed then routes
 * 58% of cases at 95% precision instead of 46% (weaker regularisation ranks confidence better), and
 * the temperature fitted on held-out folds takes away the overconfidence it brings.
 */
const SMALL_CORPUS_TRAINING: Partial<TrainOptions> = { learningRate: 3, l2: 1e-5, epochs: 30 };
/**
 * Supervised term weighting (tf-igm, `superviseIdf`) for a large corpus. Not for a small one: on the
 * seed it raised top-1 on the real messages by under a point but their calibration error above 0.05.
 */
const SUPERVISED = 2.5;
/**
 * Features a model keeps at most (`prune`): on the shared messages min df 4 leaves ~60,000 and a
 * worker with that model measured 203 MB; 45,000 keep macro-F1 (0.9303 against 0.9305) at ~195 MB.
 */
const MAX_FEATURES = 45_000;
/** Below this many examples a corpus is "small": every term kept, stronger regularisation. */
const SMALL_CORPUS = 2000;

export const MODEL_FORMAT = "minsheng-classifier/3";

/**
 * Bins of the held-out histogram (0.001 wide). A confident model puts most messages above 0.9: the
 * seed routes half of the real messages at 0.97 or more, where one 0.01 step moved 3–4 points of coverage.
 */
export const HELD_OUT_BINS = 1000;

/**
 * A labelled message. Examples sharing a `group` (variants of one written phrase) are held out
 * together when calibrating, so a variant never vouches for its twin; group "lexicon" (word lists,
 * duties, template combinations) is always trained on and never held out, as no citizen writes like
 * that: calibrating on it would make the model's own folds look easier than real messages.
 */
export type Example = { title: string; body: string; label: string; group?: string };

/** A trained model as stored in a file or the database: plain JSON, weights as base64 float32. */
export type ModelFile = {
  format: typeof MODEL_FORMAT;
  version: string;
  createdAt: string;
  documents: number;
  labels: string[];
  tokenizer: TokenizerOptions;
  /** Features joined by newlines: one string parses far lighter than an array of ~100k strings. */
  vocabulary: string;
  /** Float32 inverse document frequencies, base64. */
  idf: string;
  /** Float32 weights, feature-major, base64. */
  weights: string;
  bias: number[];
  /** Scores are divided by this before the softmax (temperature scaling, fitted on held-out folds). */
  temperature: number;
  /**
   * Cross-validated outcomes at the calibrated confidence, in `HELD_OUT_BINS` bins (files written
   * before 2026-11-28 have 100 of 0.01; both read the same): how many held-out
   * messages fell in each bin, how many of those the model got right, and the sum of their
   * confidences (for the exact calibration error). The routing threshold for
   * any target precision is derived from this (`thresholdFromHistogram`). Null when not calibrated.
   */
  heldOut: { counts: number[]; correct: number[]; confidence?: number[] } | null;
};

/** `probabilities` is aligned with the model's `labels` (and reused by the next call: copy it to keep it). */
export type Prediction = { label: string; confidence: number; probabilities: Float64Array };

/** Why a message went where it did: the three likeliest labels and the words that weighed most. */
export type Explanation = { top: { label: string; probability: number }[]; words: string[] };

const tokenizers = new Map<string, Tokenizer>();
/** One tokenizer (and one jieba dictionary in memory) per option set per process. */
export function sharedTokenizer(options: TokenizerOptions): Tokenizer {
  const key = JSON.stringify(options);
  let t = tokenizers.get(key);
  if (!t) tokenizers.set(key, (t = createTokenizer(options)));
  return t;
}

function toBase64(a: Float32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");
}
function fromBase64(s: string): Float32Array {
  const buf = Buffer.from(s, "base64");
  const copy = new Uint8Array(buf.byteLength);
  copy.set(buf);
  return new Float32Array(copy.buffer);
}

export type TrainProgress = (stage: "tokenize" | "vectorize" | "calibrate" | "epoch", done: number, total: number) => void;

export type TrainOpts = {
  tokenizer?: Partial<TokenizerOptions>;
  train?: Partial<TrainOptions>;
  minDf?: number;
  /** Folds for fitting the temperature and the held-out histogram; 0 skips calibration. */
  calibrationFolds?: number;
  onProgress?: TrainProgress;
  /** Features kept in the model file, the most telling ones (`prune`). */
  maxFeatures?: number;
  /** Weight of the supervised term factor (tf-igm, `superviseIdf`); 0 leaves plain TF-IDF. */
  supervised?: number;
};


/**
 * Trains a model from labelled examples, then calibrates it: k models trained on k−1 folds score
 * the fold they never saw, the temperature is fitted on those scores, and their calibrated outcomes
 * are kept as the held-out histogram. The vocabulary is fitted once on all messages (unlabelled
 * information only). Deterministic: the same examples give the same version.
 */
export function trainModel(examples: Example[], opts: TrainOpts = {}): ModelFile {
  if (examples.length === 0) throw new Error("no training examples");
  const tokenizerOptions = { ...DEFAULT_TOKENIZER_OPTIONS, ...opts.tokenizer };
  const tokenizer = sharedTokenizer(tokenizerOptions);
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  if (labels.length < 2) throw new Error("training needs at least two labels");
  // Word lists and duties are not messages: the seed with a few hundred labels is still small.
  const small = examples.filter((e) => e.group !== "lexicon").length < SMALL_CORPUS;
  const docs = examples.map((e, i) => {
    if (i % 500 === 0) opts.onProgress?.("tokenize", i, examples.length);
    return tokenizer.features(e.title, e.body);
  });
  opts.onProgress?.("vectorize", 0, 1);
  // Rare terms cannot generalise; on a small corpus every term is needed. With supervised weighting
  // a term seen in 4 messages of one label is worth keeping (min df 4: 0.9305, 5: 0.9251).
  const state = fitVectorizer(docs, opts.minDf ?? (small ? 1 : 4));
  const y = examples.map((e) => labels.indexOf(e.label));
  const supervised = opts.supervised ?? (small ? 0 : SUPERVISED);
  if (supervised > 0) superviseIdf(state, docs, y, labels.length, supervised);
  const vectorizer = createVectorizer(state);
  const X = docs.map((d) => vectorizer.transform(d));
  const train = { ...(small ? SMALL_CORPUS_TRAINING : {}), ...opts.train };
  const fit = (rows: number[]) =>
    trainSoftmax(rows.map((i) => X[i]), rows.map((i) => y[i]), labels.length, vectorizer.size, train);

  // A small corpus has few held-out messages: ten folds give each fold's model nearly all of them.
  const k = opts.calibrationFolds ?? (small ? 10 : 3);
  let temperature = 1;
  let heldOut: ModelFile["heldOut"] = null;
  if (k >= 2) {
    const folds = calibrationFolds(examples, k);
    const logits: Float64Array[] = [];
    const truth: number[] = [];
    folds.forEach((fold, f) => {
      opts.onProgress?.("calibrate", f, k);
      const held = new Set(fold);
      const m = fit(examples.map((_, i) => i).filter((i) => !held.has(i)));
      for (const i of fold) {
        logits.push(Float64Array.from(scores(m, X[i])));
        truth.push(y[i]);
      }
    });
    temperature = fitTemperature(logits, truth);
    heldOut = { counts: new Array(HELD_OUT_BINS).fill(0), correct: new Array(HELD_OUT_BINS).fill(0), confidence: new Array(HELD_OUT_BINS).fill(0) };
    logits.forEach((z, i) => {
      const p = softmax(z.map((v) => v / temperature));
      let best = 0;
      for (let c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
      const bin = Math.min(HELD_OUT_BINS - 1, Math.floor(p[best] * HELD_OUT_BINS));
      heldOut!.counts[bin]++;
      heldOut!.confidence![bin] += p[best];
      if (best === truth[i]) heldOut!.correct[bin]++;
    });
  }
  const linear = trainSoftmax(X, y, labels.length, vectorizer.size, train, (e) =>
    opts.onProgress?.("epoch", e, train.epochs ?? DEFAULT_TRAIN_OPTIONS.epochs),
  );
  const kept = prune(state, linear, opts.maxFeatures ?? MAX_FEATURES);
  const weights = toBase64(kept.weights);
  const bias = Array.from(linear.bias);
  const version = `m-${createHash("sha256").update(weights).update(kept.state.vocabulary.join("\n")).update(labels.join(",")).update(String(temperature)).digest("hex").slice(0, 12)}`;
  return {
    format: MODEL_FORMAT,
    version,
    createdAt: new Date().toISOString(),
    documents: examples.length,
    labels,
    tokenizer: tokenizerOptions,
    vocabulary: kept.state.vocabulary.join("\n"),
    idf: toBase64(Float32Array.from(kept.state.idf)),
    weights,
    bias,
    temperature,
    heldOut,
  };
}

/**
 * Keeps the `max` features that move the scores most: a feature's reach is its idf times the spread
 * of its weights over the labels (adding the same amount to every label's weight changes no
 * probability). The rest are dropped from the vocabulary, which keeps the model file and a worker's
 * memory within budget (README, "Classifier").
 */
function prune(state: VectorizerState, linear: LinearModel, max: number): { state: VectorizerState; weights: Float32Array } {
  const K = linear.classes;
  const n = state.vocabulary.length;
  const w = linear.weights as Float32Array;
  if (n <= max) return { state, weights: w };
  const reach = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 0; k < K; k++) {
      lo = Math.min(lo, w[i * K + k]);
      hi = Math.max(hi, w[i * K + k]);
    }
    reach[i] = (hi - lo) * state.idf[i];
  }
  const keep = [...reach.keys()].sort((a, b) => reach[b] - reach[a]).slice(0, max).sort((a, b) => a - b);
  const weights = new Float32Array(keep.length * K);
  keep.forEach((i, j) => weights.set(w.subarray(i * K, i * K + K), j * K));
  return { state: { vocabulary: keep.map((i) => state.vocabulary[i]), idf: keep.map((i) => state.idf[i]) }, weights };
}

/**
 * Folds for calibration, stratified by label and keeping each group together; the lexicon group
 * is in no fold (always trained on).
 */
export function calibrationFolds(examples: Example[], k: number): number[][] {
  const groups = new Map<string, { label: string; members: number[] }>();
  examples.forEach((e, i) => {
    if (e.group === "lexicon") return;
    const key = e.group ?? `#${i}`;
    const g = groups.get(key) ?? { label: e.label, members: [] };
    g.members.push(i);
    groups.set(key, g);
  });
  const folds: number[][] = Array.from({ length: k }, () => []);
  const byLabel = new Map<string, number[][]>();
  for (const g of groups.values()) byLabel.set(g.label, [...(byLabel.get(g.label) ?? []), g.members]);
  let next = 0;
  for (const label of [...byLabel.keys()].sort()) {
    for (const members of byLabel.get(label)!) folds[next++ % k].push(...members);
  }
  return folds;
}

/**
 * How sure the held-out outcomes must make us that a threshold keeps the target precision: the
 * threshold is the lowest at which the one-sided 95% lower bound of the held-out precision reaches
 * the target (`thresholdFromHistogram`). On the seed's 599 held-out messages this moves its 95%
 * threshold from 0.900 to 0.971; on the 6,000 held-out cases of the shared history it costs 2.5 points
 * of coverage (README, "Classifier").
 */
export const THRESHOLD_BOUND_CONFIDENCE = 0.95;

/**
 * The routing threshold a model's held-out histogram gives for a target precision (null: none
 * reaches it): the lowest at which the held-out precision's lower bound (`THRESHOLD_BOUND_CONFIDENCE`)
 * reaches the target. `confidence` null judges by the held-out precision itself.
 */
export function routingThreshold(
  file: Pick<ModelFile, "heldOut">,
  precision: number,
  confidence: number | null = THRESHOLD_BOUND_CONFIDENCE,
): { threshold: number; coverage: number } | null {
  return file.heldOut ? thresholdFromHistogram(file.heldOut.counts, file.heldOut.correct, precision, confidence ?? undefined) : null;
}

/** Reads a stored model; files of the previous format (no calibration) load with temperature 1. */
export function parseModelFile(data: string): ModelFile {
  const file = JSON.parse(data) as ModelFile;
  if ((file.format as string) === "minsheng-classifier/2") return { ...file, format: MODEL_FORMAT, temperature: 1, heldOut: null };
  return file as ModelFile;
}

/** A model ready to classify. */
export function loadModel(file: ModelFile) {
  if (file.format !== MODEL_FORMAT) throw new Error(`not a Minsheng classifier model (format "${String(file.format)}")`);
  const tokenizer = sharedTokenizer(file.tokenizer);
  const vectorizer = createVectorizer({ vocabulary: file.vocabulary.split("\n"), idf: fromBase64(file.idf) });
  const linear: LinearModel = {
    classes: file.labels.length,
    dims: vectorizer.size,
    weights: fromBase64(file.weights),
    bias: Float32Array.from(file.bias),
  };
  if (linear.weights.length !== linear.classes * linear.dims) throw new Error("model weights do not match its vocabulary");
  const buffer = new Float64Array(linear.classes);
  // Keep only what classifying needs, so the parsed file (and its base64 weights) can be collected;
  // the vocabulary stays as one flat string, indexed only when a decision is explained.
  const { version, labels, vocabulary } = file;
  const inverseTemperature = 1 / (file.temperature || 1);
  let offsets: Int32Array | null = null;
  const featureText = (i: number): string => {
    if (!offsets) {
      offsets = new Int32Array(vectorizer.size + 1);
      let n = 1;
      for (let c = 0; c < vocabulary.length; c++) if (vocabulary.charCodeAt(c) === 10) offsets[n++] = c + 1;
      offsets[n] = vocabulary.length + 1;
    }
    const s = vocabulary.slice(offsets[i], offsets[i + 1] - 1);
    return s.length === 3 && s[0] === "#" ? s.slice(1) : s;
  };

  function probabilities(title: string, body: string) {
    const x = vectorizer.vectorize((emit) => tokenizer.forEachFeature(title, body, emit));
    const z = scores(linear, x, buffer);
    for (let k = 0; k < z.length; k++) z[k] *= inverseTemperature;
    return { x, p: softmax(z) };
  }

  return {
    version,
    labels,
    temperature: 1 / inverseTemperature,
    classify(title: string, body: string): Prediction {
      const { p } = probabilities(title, body);
      let best = 0;
      for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
      return { label: labels[best], confidence: p[best], probabilities: p };
    },

    /**
     * The three likeliest labels, and the words that pushed the likeliest up most against the
     * others: a feature's contribution is its value times its weight for that label minus its mean
     * weight over all labels. Character pairs inside a word already shown are left out.
     */
    explain(title: string, body: string, words = 5): Explanation {
      const { x, p } = probabilities(title, body);
      const order = [...p.keys()].sort((a, b) => p[b] - p[a]);
      const top = order.slice(0, 3).map((k) => ({ label: labels[k], probability: p[k] }));
      const best = order[0];
      const K = linear.classes;
      const weight = new Map<string, number>();
      for (let j = 0; j < x.indices.length; j++) {
        const base = x.indices[j] * K;
        let mean = 0;
        for (let k = 0; k < K; k++) mean += linear.weights[base + k];
        const c = x.values[j] * (linear.weights[base + best] - mean / K);
        if (c <= 0) continue;
        const text = featureText(x.indices[j]);
        weight.set(text, (weight.get(text) ?? 0) + c);
      }
      const chosen: string[] = [];
      for (const [text] of [...weight].sort((a, b) => b[1] - a[1])) {
        if (chosen.some((w) => w.includes(text) || text.includes(w))) continue;
        chosen.push(text);
        if (chosen.length === words) break;
      }
      return { top, words: chosen };
    },
  };
}

export type LoadedModel = ReturnType<typeof loadModel>;
