import { describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import { BANDS, bandKeys, comparable, dice, duplicateKeys, pairs } from "../../src/cases/duplicate-keys.js";
import { mulberry32 } from "../../src/util/prng.js";

// 并单 keys: MinHash bands over a complaint's character pairs (src/cases/duplicate-keys.ts).

const require = createRequire(import.meta.url);
const naturalDice = require("natural/lib/natural/distance/dice_coefficient.js") as (a: string, b: string) => number;

const DRAIN = "幸福小区3栋楼下的下水道堵塞一个星期了，物业一直不处理，污水流到路上。";
const DRAIN_AGAIN = "幸福小区3栋楼下下水道堵塞快一个星期了，物业不处理，污水都流到路上了！";
const shared = (a: number[], b: number[]) => a.filter((k) => b.includes(k)).length;

/** Two sets of distinct character pairs (as `pairs` gives them) with `common` in common and `own` of each's own: Jaccard common / (common + 2·own). */
function setsAt(r: () => number, common: number, own: number): [Uint32Array, Uint32Array] {
  const used = new Set<number>();
  const fresh = () => {
    for (;;) {
      const p = (0x4e00 + Math.floor(r() * 20000)) * 65536 + 0x4e00 + Math.floor(r() * 20000);
      if (!used.has(p)) return used.add(p), p;
    }
  };
  const both = Array.from({ length: common }, fresh);
  const set = () => Uint32Array.from([...both, ...Array.from({ length: own }, fresh)]).sort();
  return [set(), set()];
}

describe("duplicateKeys", () => {
  it("never change for a text: keys stored with old cases must match the keys of new ones", () => {
    // Pinned when the keys were introduced; a change here strands every stored key.
    expect(duplicateKeys({ text: "下水道堵塞", location: null })).toEqual([
      -404781955, -1790224759, 1952712681, -2079262214, 2019362646, 101288470, -176274797, 2006799861, -565305650, 322084548, -2082490633,
      -1314304669, -1517651304, -397152227, -1617147161, 2051765038, 321644454, -53587896, -83639495, 1572984730, 268134365, 1862333084,
      -1911028813, -1287275870, -634455702, 253595239, -503269055, -1506561997, -883655838, -2097554233, 532354959, 1894710613,
    ]);
  });

  it("are BANDS signed 32-bit integers, and none for a text without a pair of word characters", () => {
    const keys = duplicateKeys({ text: DRAIN, location: "幸福路12号" });
    expect(keys).toHaveLength(BANDS);
    for (const k of keys) expect(Number.isInteger(k) && k >= -(2 ** 31) && k < 2 ** 31).toBe(true);
    expect(duplicateKeys({ text: "123！？ ……", location: null })).toEqual([]);
    expect(duplicateKeys({ text: "", location: null })).toEqual([]);
    expect(duplicateKeys({ text: "水", location: null })).toHaveLength(BANDS);
  });

  it("ignore punctuation, spaces, numbers and letter case, as the Dice comparison does", () => {
    expect(duplicateKeys({ text: "幸福小区3栋，下水道 堵塞！ABC", location: "幸福路 12 号" })).toEqual(
      duplicateKeys({ text: "幸福小区栋下水道堵塞abc", location: "幸福路号" }),
    );
  });

  it("are shared by a repeat and not by an unrelated complaint", () => {
    const lead = duplicateKeys({ text: DRAIN, location: "幸福路12号幸福小区" });
    expect(shared(lead, duplicateKeys({ text: DRAIN_AGAIN, location: "幸福路 12 号幸福小区" }))).toBeGreaterThan(0);
    expect(shared(lead, duplicateKeys({ text: "广场舞音响太吵，晚上十点以后还在放", location: "和平路" }))).toBe(0);
  });

  it("are shared with the probability the bands promise: 1 − (1 − j³)³² at Jaccard j", () => {
    const r = mulberry32(42);
    const rate = (common: number, own: number) => {
      let hits = 0;
      for (let i = 0; i < 2000; i++) {
        const [a, b] = setsAt(r, common, own);
        if (shared(bandKeys(a), bandKeys(b)) > 0) hits++;
      }
      return hits / 2000;
    };
    // Jaccard 30/70 = 0.43 is Dice 0.6, the default 并单 threshold: 1 − (1 − 0.43³)³² = 0.927.
    expect(rate(30, 20)).toBeGreaterThan(0.9);
    expect(rate(30, 20)).toBeLessThan(0.95);
    // Jaccard 0.6 (Dice 0.75): 0.9995.
    expect(rate(30, 10)).toBeGreaterThan(0.99);
    // Jaccard 3/63 ≈ 0.05, two unrelated complaints: 0.0034.
    expect(rate(3, 30)).toBeLessThan(0.02);
  });
});

describe("pairs", () => {
  it("are the distinct two-unit pairs of the text, ascending (a single character padded with a space)", () => {
    const p = (a: string, b: string) => a.charCodeAt(0) * 65536 + b.charCodeAt(0);
    expect([...pairs("下水下水")]).toEqual([p("下", "水"), p("水", "下")].sort((x, y) => x - y));
    expect([...pairs("水")]).toEqual([p("水", " ")]);
    expect([...pairs("")]).toEqual([]);
    // An emoji is two UTF-16 units; a pair may hold half of one, as natural's pairs did.
    expect(pairs("水😀").length).toBe(2);
  });
});

describe("dice", () => {
  it("is the Dice coefficient of natural (which 并单 used before) over the compared text", () => {
    const texts = [DRAIN, DRAIN_AGAIN, "广场舞音响太吵，晚上十点以后还在放", "路灯坏了", "水", "小区物业收了物业费却不管事，电梯坏了一个月", "路灯坏了路灯坏了😀", "ab"];
    for (const a of texts)
      for (const b of texts) {
        const [x, y] = [comparable({ text: a, location: null }), comparable({ text: b, location: null })];
        expect(dice(pairs(x), pairs(y))).toBeCloseTo(naturalDice(x, y), 10);
      }
  });
});
