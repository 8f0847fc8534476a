import { createHash } from "node:crypto";
import { createTokenizer, DEFAULT_TOKENIZER_OPTIONS, type Tokenizer, type TokenizerOptions } from "./tokenizer.js";
import { createVectorizer, fitVectorizer, type VectorizerState } from "./vectorizer.js";
import { DEFAULT_TRAIN_OPTIONS, scores, softmax, trainSoftmax, type LinearModel, type TrainOptions } from "./linear-model.js";

/**
 * A few dozen examples a department (the seed corpus, a young installation's labels) need more
 * regularisation, or the model is confident about text it has never seen anything like, and
 * nothing would ever reach a dispatcher.
 */
const SMALL_CORPUS_TRAINING: Partial<TrainOptions> = { learningRate: 3, l2: 1e-4, epochs: 30 };

export const MODEL_FORMAT = "minsheng-classifier/2";

export type Example = { title: string; body: string; label: string };

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
};

/** `probabilities` is aligned with the model's `labels` (and reused by the next call: copy it to keep it). */
export type Prediction = { label: string; confidence: number; probabilities: Float64Array };

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

export type TrainProgress = (stage: "tokenize" | "vectorize" | "epoch", done: number, total: number) => void;

/** Trains a model from labelled examples. Deterministic: the same examples give the same version. */
export function trainModel(
  examples: Example[],
  opts: { tokenizer?: Partial<TokenizerOptions>; train?: Partial<TrainOptions>; minDf?: number; onProgress?: TrainProgress } = {},
): ModelFile {
  if (examples.length === 0) throw new Error("no training examples");
  const tokenizerOptions = { ...DEFAULT_TOKENIZER_OPTIONS, ...opts.tokenizer };
  const tokenizer = sharedTokenizer(tokenizerOptions);
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  if (labels.length < 2) throw new Error("training needs at least two labels");
  const docs = examples.map((e, i) => {
    if (i % 500 === 0) opts.onProgress?.("tokenize", i, examples.length);
    return tokenizer.features(e.title, e.body);
  });
  opts.onProgress?.("vectorize", 0, 1);
  // Rare terms cannot generalise; on a small seed corpus every term is needed.
  const state = fitVectorizer(docs, opts.minDf ?? (examples.length >= 1000 ? 5 : 1));
  const vectorizer = createVectorizer(state);
  const X = docs.map((d) => vectorizer.transform(d));
  const y = examples.map((e) => labels.indexOf(e.label));
  const train = { ...(examples.length < 1000 ? SMALL_CORPUS_TRAINING : {}), ...opts.train };
  const linear = trainSoftmax(X, y, labels.length, vectorizer.size, train, (e) =>
    opts.onProgress?.("epoch", e, train.epochs ?? DEFAULT_TRAIN_OPTIONS.epochs),
  );
  const weights = toBase64(linear.weights as Float32Array);
  const bias = Array.from(linear.bias);
  const version = `m-${createHash("sha256").update(weights).update(state.vocabulary.join("\n")).update(labels.join(",")).digest("hex").slice(0, 12)}`;
  return {
    format: MODEL_FORMAT,
    version,
    createdAt: new Date().toISOString(),
    documents: examples.length,
    labels,
    tokenizer: tokenizerOptions,
    vocabulary: state.vocabulary.join("\n"),
    idf: toBase64(Float32Array.from(state.idf)),
    weights,
    bias,
  };
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
  // Keep only what classifying needs, so the parsed file (and its base64 weights) can be collected.
  const { version, labels } = file;

  return {
    version,
    labels,
    classify(title: string, body: string): Prediction {
      const x = vectorizer.vectorize((emit) => tokenizer.forEachFeature(title, body, emit));
      const p = softmax(scores(linear, x, buffer));
      let best = 0;
      for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
      return { label: labels[best], confidence: p[best], probabilities: p };
    },
  };
}

export type LoadedModel = ReturnType<typeof loadModel>;
