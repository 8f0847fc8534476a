import { describe, expect, it } from "vitest";
import { detectPriority } from "../../src/classifier/rules.js";
import { detectKind, type DetectedKind } from "../../src/classifier/kind.js";
import { KIND_CASES, URGENCY_CASES } from "../../src/classifier/rule-cases.js";

/** Precision and recall of one class over (expected, got) pairs. */
function pr<T>(pairs: [T, T][], c: T) {
  const tp = pairs.filter(([e, g]) => e === c && g === c).length;
  const predicted = pairs.filter(([, g]) => g === c).length;
  const support = pairs.filter(([e]) => e === c).length;
  return { precision: predicted ? tp / predicted : 1, recall: support ? tp / support : 1 };
}

describe("urgency rules", () => {
  it.each(URGENCY_CASES.map(([t, u]) => [t, u ? "URGENT" : "NORMAL"] as const))("%s is %s", (text, priority) => {
    expect(detectPriority(text)).toBe(priority);
  });

  it("the table is 50+ messages, and urgent precision and recall stay at least 95% on it", () => {
    expect(URGENCY_CASES.length).toBeGreaterThanOrEqual(50);
    const pairs = URGENCY_CASES.map(([t, u]) => [u, detectPriority(t) === "URGENT"] as [boolean, boolean]);
    const urgent = pr(pairs, true);
    expect(urgent.precision).toBeGreaterThanOrEqual(0.95);
    expect(urgent.recall).toBeGreaterThanOrEqual(0.95);
  });

  it.each([
    ["路口的井盖不见了", "URGENT"],
    ["有人受伤了", "URGENT"],
    ["一股燃气味", "URGENT"],
    ["电线裸露", "URGENT"],
    ["楼体开裂", "URGENT"],
    ["积水漫进家里", "URGENT"],
  ])("the issue's examples: %s is %s", (text, priority) => {
    expect(detectPriority(text)).toBe(priority);
  });
});

describe("kind rules", () => {
  it("the table is 50+ messages, and each kind's precision and recall stay at least 90% on it", () => {
    expect(KIND_CASES.length).toBeGreaterThanOrEqual(50);
    const pairs = KIND_CASES.map(([t, k]) => [k, detectKind(t)] as [DetectedKind, DetectedKind]);
    for (const kind of ["COMPLAINT", "DISCLOSURE", "MEDIATION"] as const) {
      const m = pr(pairs, kind);
      expect(m.precision, kind).toBeGreaterThanOrEqual(0.9);
      expect(m.recall, kind).toBeGreaterThanOrEqual(0.9);
    }
  });
});
