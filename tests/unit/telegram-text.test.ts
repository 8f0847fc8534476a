import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readExamples } from "../../src/classifier/csv.js";
import { numberedParts, parsedText, splitText, truncateForCard, TEXT_LIMIT } from "../../src/telegram/telegram-text.js";
import { visibleLength } from "../../src/text/sanitize.js";

describe("visible length", () => {
  it("counts what a person sees: an emoji is one, invisible characters none", () => {
    expect("👍👍👍👍👍".length).toBe(10); // what `length` said before
    expect(visibleLength("👍👍👍👍👍")).toBe(5);
    expect(visibleLength("\u200B".repeat(12))).toBe(0);
    expect(visibleLength("\u200B\u200C\u2060\uFEFF路灯坏了\u200B")).toBe(4);
    expect(visibleLength("👨‍👩‍👧🇨🇳")).toBe(2); // a ZWJ family and a flag are one each
    expect(visibleLength("e\u0301")).toBe(1); // a letter and its combining accent
    expect(visibleLength("  路 灯  ")).toBe(2);
    expect(visibleLength("路灯\u3000坏了。\n\t12 345，ＯＫ！")).toBe(14);
    expect(visibleLength("坏\u302A了")).toBe(2); // a tone mark joins the character before it
    expect(visibleLength("\r\n路")).toBe(1);
  });

  it("counts plain Chinese text as grapheme clusters would, character for character and on real messages", () => {
    // The reference: Unicode grapheme clusters (Intl.Segmenter), those with anything visible.
    const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
    const reference = (s: string) => [...segmenter.segment(s)].filter(({ segment }) => /[^\p{Default_Ignorable_Code_Point}\s]/u.test(segment)).length;
    const ranges = [[0x09, 0x0a], [0x20, 0x7e], [0x3000, 0x303f], [0x4e00, 0x9fff], [0xff01, 0xff5e]];
    const chars = ranges.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => String.fromCharCode(a + i)));
    for (const c of chars) {
      expect(visibleLength(c), `U+${c.charCodeAt(0).toString(16)}`).toBe(reference(c));
      expect(visibleLength(`路${c}灯`), `U+${c.charCodeAt(0).toString(16)} between two`).toBe(reference(`路${c}灯`));
    }
    const data = new URL("../../../shared/data/gov-messages-train.csv", import.meta.url);
    const texts = readExamples(readFileSync(data, "utf8")).flatMap((e) => [e.title, e.body]);
    expect(texts.length).toBeGreaterThan(12_000);
    for (const t of texts) expect(visibleLength(t)).toBe(reference(t));
  });
});

describe("splitting a long text", () => {
  it("leaves a text that fits alone", () => {
    expect(numberedParts("短")).toEqual(["短"]);
    expect(numberedParts("字".repeat(TEXT_LIMIT))).toHaveLength(1);
  });

  it("cuts at sentence ends, numbers the parts, and each fits the limit", () => {
    const text = Array.from({ length: 900 }, (_, i) => `第${i}句话。`).join("");
    const parts = numberedParts(text);
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((p, i) => {
      expect(p.length).toBeLessThanOrEqual(TEXT_LIMIT);
      expect(p.startsWith(`(${i + 1}/${parts.length})\n`)).toBe(true);
      expect(p.endsWith("。")).toBe(true);
    });
    expect(parts.map((p) => p.replace(/^\(\d+\/\d+\)\n/, "")).join("")).toBe(text);
  });

  it("never splits a surrogate pair, even with no place to cut", () => {
    const text = "😀".repeat(3000);
    const pieces = splitText(text, 4001);
    for (const p of pieces) expect(p).toMatch(/^(😀)+$/u);
    expect(pieces.join("")).toBe(text);
  });
});

describe("card text", () => {
  it("is cut with an ellipsis and says so", () => {
    expect(truncateForCard("短文", 10)).toEqual({ text: "短文", cut: false });
    const r = truncateForCard("字".repeat(20), 10);
    expect(r).toEqual({ text: `${"字".repeat(9)}…`, cut: true });
  });
});

describe("entity parsing", () => {
  it("counts HTML without its tags and with entities as one character", () => {
    expect(parsedText("<b>a&lt;b</b> &#x4E2D;", "HTML")).toBe("a<b 中");
    expect(parsedText("*bold* \\_x\\_ [link](https://x)", "MarkdownV2")).toBe("bold _x_ link");
    expect(parsedText("<b>as is</b>")).toBe("<b>as is</b>");
  });
});
