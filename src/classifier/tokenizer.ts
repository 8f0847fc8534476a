import { createRequire } from "node:module";
import { sharedJieba } from "../text/jieba.js";

// natural's submodules directly: `require("natural")` would load database clients (~100 MB RSS).
const require = createRequire(import.meta.url);
const { WordTokenizer } = require("natural/lib/natural/tokenizers/regexp_tokenizer.js") as {
  WordTokenizer: new () => { tokenize(s: string): string[] };
};
const PorterStemmer = require("natural/lib/natural/stemmers/porter_stemmer.js") as { stem(s: string): string };

/** Function words that say nothing about a case's subject. */
const STOPWORDS = new Set(
  (
    "的 了 在 是 我 有 和 就 不 人 都 一 一个 上 也 很 到 说 要 去 你 会 着 没有 看 好 自己 这 那 他 她 它 们 我们 你们 他们 " +
    "与 及 或 而 但 并 被 把 给 让 对 从 向 为 以 于 之 其 该 此 等 吗 呢 吧 啊 呀 哦 嘛 么 什么 怎么 如何 为什么 " +
    "还 又 再 才 只 已 已经 可以 能 能够 可能 应该 需要 现在 因为 所以 如果 虽然 但是 而且 然后 这个 那个 这些 那些 " +
    "请问 您好 你好 谢谢 希望 领导 请 问题 情况 反映 相关 部门 有关 进行 没 个 年 月 日 号 时 多 大 小 中"
  ).split(/\s+/),
);
const ENGLISH_STOPWORDS = new Set("the a an and or of to in on at for is are was were be been it this that with my our we you".split(" "));

const ENGLISH_WORD = /[a-z]{3,}/i; // "A市", "A3区" (masked place names) are not English

/**
 * A feature: a word or stem (string), or a pair of adjacent Chinese characters encoded as a number,
 * which costs no string allocation on the hot path. The code is rebased on the CJK block so it stays
 * below 2^30, a small integer to V8 (a larger number would be boxed and hashed as a double).
 */
export type Feature = string | number;

const CJK_FIRST = 0x3400;
const CJK_LAST = 0x9fff;
const CJK_SPAN = CJK_LAST - CJK_FIRST + 1;

export function isCjkCode(c: number): boolean {
  return c >= CJK_FIRST && c <= CJK_LAST;
}

const bigramCode = (a: number, b: number): number => (a - CJK_FIRST) * CJK_SPAN + (b - CJK_FIRST);

/** A word with Chinese in it, made of Chinese, Latin letters and digits only (keeps masked names such as "A市"). */
function chineseWord(w: string): boolean {
  let cjk = false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (isCjkCode(c)) cjk = true;
    else if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  }
  return cjk;
}

export type Emit = (feature: Feature, weight: number) => void;

/** How a character-bigram feature is written in a model file, and back. */
export const bigramToString = (code: number): string =>
  `#${String.fromCharCode(Math.floor(code / CJK_SPAN) + CJK_FIRST, (code % CJK_SPAN) + CJK_FIRST)}`;
export const bigramFromString = (s: string): number => bigramCode(s.charCodeAt(1), s.charCodeAt(2));

export type TokenizerOptions = {
  /** Character bigrams of Chinese text, besides the words (they catch words jieba splits oddly). */
  charBigrams: boolean;
  /** The title's features are counted this many times (titles are short and to the point). */
  titleWeight: number;
  /** Characters of the body that are segmented into words (segmentation is the costly part). */
  maxWordChars: number;
  /** Characters of the body read for character bigrams (cheap; the subject is stated early). */
  maxBigramChars: number;
};

/**
 * Chosen by 5-fold cross-validation with the latency budget in view (README, "Classifier"):
 * segmenting the whole body cost ~0.3 ms a message here for no better macro-F1 than the title plus
 * the opening words, with character bigrams reading further.
 */
export const DEFAULT_TOKENIZER_OPTIONS: TokenizerOptions = {
  charBigrams: true,
  titleWeight: 3,
  maxWordChars: 40,
  maxBigramChars: 1500,
};

export type Tokenizer = ReturnType<typeof createTokenizer>;

/** Chinese first (jieba words, character bigrams), English through natural's tokenizer and Porter stemmer. */
export function createTokenizer(options: Partial<TokenizerOptions> = {}) {
  const opts = { ...DEFAULT_TOKENIZER_OPTIONS, ...options };
  const jieba = sharedJieba();
  const english = new WordTokenizer();

  /** Every feature of `text` with its weight, in order; the caller decides how to count them. */
  function each(text: string, emit: Emit, weight: number, wordChars: number, bigramChars: number): void {
    if (!text) return;
    const forWords = text.length > wordChars ? text.slice(0, wordChars) : text;
    for (const w of jieba.cut(forWords, true)) {
      // Chinese words only here; bare numbers (house numbers, dates, masked phones) and punctuation are dropped.
      if (chineseWord(w) && !STOPWORDS.has(w)) emit(w, weight);
    }
    if (ENGLISH_WORD.test(forWords)) {
      for (const w of english.tokenize(forWords)) {
        const lower = w.toLowerCase();
        if (lower.length < 2 || ENGLISH_STOPWORDS.has(lower) || !ENGLISH_WORD.test(lower)) continue;
        emit(PorterStemmer.stem(lower), weight);
      }
    }
    if (opts.charBigrams) {
      const end = Math.min(text.length, bigramChars);
      let prev = 0;
      for (let i = 0; i < end; i++) {
        const c = text.charCodeAt(i);
        if (isCjkCode(c)) {
          if (prev) emit(bigramCode(prev, c), weight);
          prev = c;
        } else prev = 0;
      }
    }
  }

  function forEachFeature(title: string, body: string, emit: Emit): void {
    each(title, emit, opts.titleWeight, Infinity, Infinity);
    each(body, emit, 1, opts.maxWordChars, opts.maxBigramChars);
  }

  return {
    options: opts,
    forEachFeature,
    /** Feature counts of a message: the title's weighted, the body's read up to the configured lengths. */
    features(title: string, body: string): Map<Feature, number> {
      const counts = new Map<Feature, number>();
      forEachFeature(title, body, (f, w) => counts.set(f, (counts.get(f) ?? 0) + w));
      return counts;
    },
  };
}
