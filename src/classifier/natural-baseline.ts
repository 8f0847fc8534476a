import { createRequire } from "node:module";
import type { Example } from "./model.js";
import { createTokenizer } from "./tokenizer.js";

const require = createRequire(import.meta.url);
// The submodule directly: `require("natural")` loads database clients (~100 MB RSS).
const BayesClassifier = require("natural/lib/natural/classifiers/bayes_classifier.js") as new () => {
  addDocument(tokens: string[], label: string): void;
  train(): void;
  classify(tokens: string[]): string;
};

/**
 * natural's BayesClassifier on the same jieba tokens (words only): the measured baseline the
 * product model must beat. Not used in production (see README, "Classifier").
 */
export function trainNaturalBayes(train: Example[]): (e: Example) => string {
  const tokenizer = createTokenizer({ charBigrams: false, titleWeight: 2, maxWordChars: Infinity });
  const tokens = (e: Example) => [...tokenizer.features(e.title, e.body)].flatMap(([f, n]) => Array<string>(n).fill(String(f)));
  const bayes = new BayesClassifier();
  for (const e of train) bayes.addDocument(tokens(e), e.label);
  bayes.train();
  return (e) => bayes.classify(tokens(e));
}
