import { describe, expect, it } from "vitest";
import { bigramFromString, bigramToString, createTokenizer } from "../../src/classifier/tokenizer.js";
import { createVectorizer, fitVectorizer, superviseIdf } from "../../src/classifier/vectorizer.js";
import { CsvError, readExamples } from "../../src/classifier/csv.js";
import {
  calibrationFolds,
  HELD_OUT_BINS,
  loadModel,
  parseModelFile,
  routingThreshold,
  THRESHOLD_BOUND_CONFIDENCE,
  trainModel,
  type Example,
  type ModelFile,
} from "../../src/classifier/model.js";
import { precisionLowerBound } from "../../src/classifier/calibration.js";
import { modelRow } from "../../src/classifier/registry.js";
import { SEED_CORPUS } from "../../src/classifier/seed-corpus.js";
import { detectKind } from "../../src/classifier/kind.js";
import { stratifiedFolds } from "../../src/classifier/evaluation.js";
import { KIND_CASES } from "../../src/classifier/rule-cases.js";

const tokenizer = createTokenizer({ maxWordChars: Infinity });
const words = (title: string, body: string) =>
  [...tokenizer.features(title, body).entries()].filter(([f]) => typeof f === "string") as [string, number][];

describe("tokenizer", () => {
  it("segments Chinese with jieba and drops stopwords, punctuation and bare numbers", () => {
    const w = new Map(words("", "我们小区的物业公司不管下水道，2024年12月停水3次。"));
    expect(w.has("物业公司")).toBe(true);
    expect(w.has("下水道")).toBe(true);
    expect(w.has("小区")).toBe(true);
    for (const dropped of ["的", "我们", "，", "2024", "3"]) expect(w.has(dropped)).toBe(false);
  });

  it("keeps place words and drops the masks' bare Latin letters", () => {
    const w = new Map(words("", "西地省A市的供水问题"));
    expect(w.has("西地省")).toBe(true);
    expect(w.has("供水")).toBe(true);
    expect(w.has("A")).toBe(false);
  });

  it("counts the title's features three times", () => {
    const w = new Map(words("物业", "物业"));
    expect(w.get("物业")).toBe(4);
  });

  it("adds character bigrams of Chinese runs, encoded as small integers", () => {
    const f = tokenizer.features("", "污水横流");
    const bigrams = [...f.keys()].filter((k): k is number => typeof k === "number");
    expect(bigrams.map(bigramToString).sort()).toEqual(["#横流", "#水横", "#污水"]);
    for (const b of bigrams) expect(b).toBeLessThan(2 ** 30);
    expect(bigramFromString("#污水")).toBe(bigrams.find((b) => bigramToString(b) === "#污水"));
  });

  it("stems English with natural's Porter stemmer", () => {
    const w = new Map(words("", "The buses were running late on Route 12"));
    expect(w.has("buse")).toBe(true);
    expect(w.has("run")).toBe(true);
    expect(w.has("the")).toBe(false);
  });

  it("segments only the opening of a long body, but reads bigrams further", () => {
    const short = createTokenizer({ maxWordChars: 10, maxBigramChars: 100 });
    const body = `${"天".repeat(20)}停车场收费`;
    const f = short.features("", body);
    expect(f.has("停车场")).toBe(false);
    expect([...f.keys()].some((k) => typeof k === "number" && bigramToString(k) === "#停车")).toBe(true);
  });
});

describe("vectorizer", () => {
  const docs = [new Map([["a", 1], ["b", 2]]), new Map([["a", 1], ["c", 1]]), new Map([["a", 3]])];
  const state = fitVectorizer(docs, 1);
  const v = createVectorizer(state);

  it("weighs rare features above common ones", () => {
    const idf = new Map(state.vocabulary.map((t, i) => [t, state.idf[i]]));
    expect(idf.get("b")!).toBeGreaterThan(idf.get("a")!);
  });

  it("produces unit-length vectors and skips unknown features", () => {
    const x = v.transform(new Map([["a", 1], ["b", 1], ["zzz", 5]]));
    expect(x.indices).toHaveLength(2);
    const norm = Math.hypot(...x.values);
    expect(norm).toBeCloseTo(1, 5);
  });

  it("gives the same vector on the fused path as from counts", () => {
    const counts = new Map([["c", 2], ["a", 1]]);
    const fused = v.vectorize((emit) => {
      emit("c", 1);
      emit("a", 1);
      emit("c", 1);
      emit("unknown", 3);
    });
    const plain = v.transform(counts);
    expect([...fused.indices].sort()).toEqual([...plain.indices].sort());
  });

  it("drops features below the minimum document frequency", () => {
    expect(fitVectorizer(docs, 2).vocabulary).toEqual(["a"]);
  });

  it("with supervision (tf-igm), weighs a word of one class above a word as common but spread over both", () => {
    // Four documents, two per class: "物业" only in class 0, "投诉" once in each class, equally frequent.
    const labelled = [new Map([["物业", 1], ["投诉", 1]]), new Map([["物业", 1]]), new Map([["投诉", 1]]), new Map([["工资", 1]])];
    const y = [0, 0, 1, 1];
    const plain = fitVectorizer(labelled, 1);
    const idfOf = (s: { vocabulary: string[]; idf: ArrayLike<number> }, w: string) => s.idf[s.vocabulary.indexOf(w)];
    expect(idfOf(plain, "物业")).toBeCloseTo(idfOf(plain, "投诉"), 10);
    const supervised = fitVectorizer(labelled, 1);
    superviseIdf(supervised, labelled, y, 2, 2.5);
    expect(idfOf(supervised, "物业")).toBeGreaterThan(idfOf(supervised, "投诉"));
    // igm of an evenly spread word is 2/(K(K+1)) = 1/3 for two classes: idf × (1 + 2.5/3).
    expect(idfOf(supervised, "投诉")).toBeCloseTo(idfOf(plain, "投诉") * (1 + 2.5 / 3), 10);
  });
});

describe("CSV of labelled messages", () => {
  it("reads quoted fields with commas, quotes and newlines", () => {
    const ex = readExamples('id,title,body,label\n1,"停水, 停电","他说""马上修""\n第二行",城乡建设\n');
    expect(ex).toEqual([{ title: "停水, 停电", body: '他说"马上修"\n第二行', label: "城乡建设" }]);
  });

  it.each([
    ["id,title,body,label\n1,a,b,x\n2,a,b\n", /line 3: expected 4 fields, got 3/],
    ["id,title,body,label\n1,a,b,\n", /line 2: the label is empty/],
    ['id,title,body,label\n1,a,"never closed,x\n', /line 2: a quoted field is never closed/],
    ["id,text,label\n1,a,x\n", /line 1: the header needs the columns id,title,body,label/],
    ["", /the file is empty/],
  ])("names the line of a bad CSV (%#)", (csv, message) => {
    expect(() => readExamples(csv)).toThrow(CsvError);
    expect(() => readExamples(csv)).toThrow(message);
  });
});

describe("training on a large history", () => {
  // 2,400 made-up messages (above the small-corpus size) over three labels, each with its own
  // words and words all labels share: the large-corpus path (tf-igm, min df, pruning) in small.
  const topics: Record<string, string[]> = {
    housing: ["物业", "下水道", "房产证", "开发商", "停水", "维修基金"],
    environment: ["油烟", "排污", "噪音", "废气", "扬尘", "黑臭"],
    labour: ["工资", "社保", "劳动合同", "工伤", "养老金", "失业金"],
  };
  const shared = ["小区", "门口", "一直", "没人管", "好几个月", "附近"];
  const history: Example[] = [];
  for (let i = 0; i < 2400; i++) {
    const label = Object.keys(topics)[i % 3];
    const own = topics[label];
    const n = Math.floor(i / 3);
    history.push({ title: "", body: `${shared[n % 6]}${own[n % 6]}的问题，${own[(n * 5 + 1) % 6]}${shared[(n * 5) % 6]}${n % 11}号`, label });
  }

  it("keeps at most the features asked for, and still routes by the telling words", () => {
    const full = trainModel(history, { calibrationFolds: 0 });
    const pruned = trainModel(history, { calibrationFolds: 0, maxFeatures: 60 });
    expect(pruned.vocabulary.split("\n")).toHaveLength(60);
    expect(full.vocabulary.split("\n").length).toBeGreaterThan(100);
    const m = loadModel(pruned);
    expect(m.classify("", "小区物业不管下水道").label).toBe("housing");
    expect(m.classify("", "附近工厂排污，废气熏人").label).toBe("environment");
    expect(m.classify("", "公司拖欠工资不交社保").label).toBe("labour");
  });

  it("a strong L2 on many examples shrinks the weights without flipping them (e^(−ηλN), never 1 − ηλN < 0)", () => {
    // After the last of 12 epochs η = 20/13, so N·η·λ = 2,400 × 20/13 × 4e-4 ≈ 1.5: the linear factor
    // 1 − 1.5 turned every weight around (measured: 28% right on these messages), e^(−1.5) does not.
    const m = loadModel(trainModel(history, { calibrationFolds: 0, train: { l2: 4e-4 } }));
    expect(m.classify("", "物业 下水道 房产证").label).toBe("housing");
    expect(m.classify("", "工资 社保 工伤").label).toBe("labour");
  });
});

describe("model", () => {
  const file = trainModel(SEED_CORPUS);
  const model = loadModel(file);

  it("is deterministic: the same data gives the same version", () => {
    expect(trainModel(SEED_CORPUS).version).toBe(file.version);
    expect(file.version).toMatch(/^m-[0-9a-f]{12}$/);
  });

  it("classifies identically after a save and load", () => {
    const reloaded = loadModel(JSON.parse(JSON.stringify(file)) as ModelFile);
    for (const e of SEED_CORPUS) {
      const a = model.classify(e.title, e.body);
      const copy = { label: a.label, confidence: a.confidence, p: [...a.probabilities] };
      const b = reloaded.classify(e.title, e.body);
      expect({ label: b.label, confidence: b.confidence, p: [...b.probabilities] }).toEqual(copy);
    }
  });

  it("refuses a file that is not a model", () => {
    expect(() => loadModel({ format: "something-else" } as unknown as ModelFile)).toThrow(/not a Minsheng classifier model/);
  });

  it.each([
    ["楼上住户天天半夜装修，物业也不管", "housing"],
    ["化工厂排放的废气味道刺鼻，晚上不敢开窗", "environment"],
    ["公司拖欠三个月工资，老板一直推脱", "labour"],
    ["幼儿园收取高额赞助费", "education"],
    ["出租车司机拒载还绕路", "transport"],
    ["超市卖过期食品拒不赔偿", "commerce"],
    ["医院重复收费，检查项目根本没做", "health"],
  ])("routes %s to %s out of the box", (text, code) => {
    expect(model.classify("", text).label).toBe(code);
  });

  it("is unsure about messages unlike anything it was taught", () => {
    expect(model.classify("", "你好，在吗").confidence).toBeLessThan(0.5);
    expect(model.classify("", "这个事情拖了很久了，一直没有人处理").confidence).toBeLessThan(routingThreshold(file, 0.95)!.threshold);
  });

  it("is calibrated on held-out folds: a temperature and a histogram that give a threshold per target precision", () => {
    expect(file.temperature).toBeGreaterThan(0.05);
    expect(file.temperature).toBeLessThan(20);
    const held = file.heldOut!;
    expect(held.counts).toHaveLength(HELD_OUT_BINS);
    // Every written message is held out once; the word lists and duties never are.
    expect(held.counts.reduce((a, b) => a + b, 0)).toBe(SEED_CORPUS.filter((e) => e.group !== "lexicon").length);
    const at90 = routingThreshold(file, 0.9)!;
    const at95 = routingThreshold(file, 0.95)!;
    expect(at95.threshold).toBeGreaterThanOrEqual(at90.threshold);
    expect(at95.coverage).toBeLessThanOrEqual(at90.coverage);
    // A few hundred held-out messages cannot vouch for 98% at any threshold: nothing is routed by itself.
    expect(routingThreshold(file, 0.98)).toBeNull();
  });

  it("keeps a phrase's variants in one calibration fold, and the lexicon (word lists, duties, template combinations) in none", () => {
    const examples: Example[] = [
      ...Array.from({ length: 40 }, (_, g) =>
        [0, 1, 2].map((v) => ({ title: "", body: `短语${g}变体${v}`, label: g % 2 ? "a" : "b", group: `phrase-${g}` })),
      ).flat(),
      ...Array.from({ length: 20 }, (_, i) => ({ title: "", body: `单独的话${i}`, label: i % 2 ? "a" : "b" })),
    ];
    const folds = calibrationFolds(examples, 5);
    const foldOf = new Map(folds.flatMap((f, k) => f.map((i) => [i, k] as const)));
    const byGroup = new Map<string, Set<number>>();
    examples.forEach((e, i) => {
      expect(foldOf.has(i)).toBe(true);
      if (e.group) byGroup.set(e.group, (byGroup.get(e.group) ?? new Set()).add(foldOf.get(i)!));
    });
    expect(byGroup.size).toBe(40);
    for (const ks of byGroup.values()) expect(ks.size).toBe(1);
    const seedHeld = new Set(calibrationFolds(SEED_CORPUS, 5).flat());
    SEED_CORPUS.forEach((e, i) => expect(seedHeld.has(i)).toBe(e.group !== "lexicon"));
  });

  it("holds out each department's messages from one source file together (a style it was not trained on)", () => {
    const folds = calibrationFolds(SEED_CORPUS, 10);
    const foldOf = new Map(folds.flatMap((f, k) => f.map((i) => [i, k] as const)));
    const byGroup = new Map<string, Set<number>>();
    SEED_CORPUS.forEach((e, i) => {
      if (e.group === "lexicon") return;
      expect(e.group).toBe(`${e.group!.split(":")[0]}:${e.label}`);
      byGroup.set(e.group!, (byGroup.get(e.group!) ?? new Set()).add(foldOf.get(i)!));
    });
    // messages, first, boundaries, everyday for each of the seven departments.
    expect(byGroup.size).toBe(28);
    for (const ks of byGroup.values()) expect(ks.size).toBe(1);
  });

  it("derives its threshold from a bound on the held-out precision, never below the plain held-out one, and records it with the version", () => {
    const bounded = routingThreshold(file, 0.95)!;
    const plain = routingThreshold(file, 0.95, null)!;
    expect(bounded.threshold).toBeGreaterThanOrEqual(plain.threshold);
    expect(bounded.coverage).toBeLessThanOrEqual(plain.coverage);
    // The seed's few hundred held-out messages cannot vouch for 95% at the plain threshold.
    expect(bounded.threshold).toBeGreaterThan(plain.threshold);
    // At the bounded threshold the held-out count does vouch for it.
    const { counts, correct } = file.heldOut!;
    const from = Math.round(bounded.threshold * counts.length);
    const n = counts.slice(from).reduce((a, b) => a + b, 0);
    const right = correct.slice(from).reduce((a, b) => a + b, 0);
    expect(precisionLowerBound(right, n, THRESHOLD_BOUND_CONFIDENCE)).toBeGreaterThanOrEqual(0.95);
    const row = modelRow(file, 0.95, "seed");
    expect(row).toMatchObject({ version: file.version, targetPrecision: 0.95, routingThreshold: bounded.threshold, heldOutCoverage: bounded.coverage });
  });

  it("reads a model file of the previous format as uncalibrated", () => {
    const old = { ...file, format: "minsheng-classifier/2", temperature: undefined, heldOut: undefined };
    const parsed = parseModelFile(JSON.stringify(old));
    expect(parsed).toMatchObject({ format: file.format, temperature: 1, heldOut: null });
    expect(loadModel(parsed).classify("", "公司拖欠工资").label).toBe("labour");
  });
});

describe("stratified folds", () => {
  it("keeps each label's share in every fold and uses every example once", () => {
    const ex = Array.from({ length: 50 }, (_, i) => ({ title: "", body: "", label: i < 40 ? "big" : "small" }));
    const folds = stratifiedFolds(ex, 5);
    expect(folds.flat().sort((a, b) => a - b)).toEqual(ex.map((_, i) => i));
    for (const f of folds) expect(f.filter((i) => ex[i].label === "small")).toHaveLength(2);
  });
});

describe("kind of request", () => {
  it.each(KIND_CASES)("%s → %s", (text, kind) => {
    expect(detectKind(text)).toBe(kind);
  });
});

describe("explanations", () => {
  const model = loadModel(trainModel(SEED_CORPUS));

  it("gives the three likeliest labels, most likely first, agreeing with classify", () => {
    const text = "楼下烧烤店油烟太大，每天晚上熏得不能开窗";
    const p = model.classify("", text);
    const e = model.explain("", text);
    expect(e.top).toHaveLength(3);
    expect(e.top[0]).toEqual({ label: p.label, probability: p.confidence });
    expect(e.top[0].probability).toBeGreaterThanOrEqual(e.top[1].probability);
    expect(e.top[1].probability).toBeGreaterThanOrEqual(e.top[2].probability);
  });

  it("names the words that weighed most for the likeliest label, without repeating a word's parts", () => {
    const e = model.explain("", "楼下烧烤店油烟太大，每天晚上熏得不能开窗");
    expect(e.top[0].label).toBe("environment");
    expect(e.words.slice(0, 3)).toEqual(expect.arrayContaining(["油烟"]));
    for (const w of e.words) expect(e.words.filter((x) => x !== w && (x.includes(w) || w.includes(x)))).toEqual([]);
    expect(model.explain("", "公司拖欠工资三个月").words).toContain("工资");
  });
});
