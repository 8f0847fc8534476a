import { describe, expect, it } from "vitest";
import type { Department } from "../../src/generated/prisma/client.js";
import { assignKeyboard, escalationReason } from "../../src/notifications/cards.js";
import { createI18n } from "../../src/i18n/i18n.js";
import { DEPARTMENTS } from "../../prisma/seed-data.js";

const departments = DEPARTMENTS.map((d, i) => ({ ...d, id: i + 1, staffChatId: null, createdAt: new Date(0) })) as Department[];
const reasons = {
  top: [
    { code: "environment", probability: 0.46 },
    { code: "housing", probability: 0.31 },
    { code: "commerce", probability: 0.12 },
  ],
  words: ["油烟", "烧烤", "楼下"],
};
const i18n = createI18n();

describe("the dispatcher's card", () => {
  it("says, in Chinese, the three likeliest departments with probabilities, the threshold and the words that weighed most", () => {
    const text = escalationReason(i18n, "zh-CN", { classifierReasons: reasons }, departments, 0.86)!;
    expect(text).toBe("系统把握不足：区生态环境分局 46%，区住房和城乡建设局 31%，区商务和文化旅游局 12%（自动分派需把握 ≥ 86%）；主要依据：油烟、烧烤、楼下");
    expect(escalationReason(i18n, "en", { classifierReasons: reasons }, departments, 0.86)).toMatch(/Ecology and Environment Bureau 46%/);
    expect(escalationReason(i18n, "zh-CN", { classifierReasons: null }, departments, 0.86)).toBeNull();
  });

  it("puts the likeliest departments first, one tap each, then the rest", () => {
    const kb = assignKeyboard("zh-CN", 42, departments, undefined, reasons).inline_keyboard;
    expect(kb.slice(0, 3).map((row) => row.map((b) => b.text))).toEqual([["区生态环境分局 · 46%"], ["区住房和城乡建设局 · 31%"], ["区商务和文化旅游局 · 12%"]]);
    const data = kb.flat().map((b) => (b as { callback_data: string }).callback_data);
    expect(data[0]).toBe("a:42:2");
    expect(new Set(data).size).toBe(departments.length);
  });

  it("without reasons lists the departments two a row, as before", () => {
    const kb = assignKeyboard("zh-CN", 42, departments).inline_keyboard;
    expect(kb[0]).toHaveLength(2);
    expect(kb.flat()).toHaveLength(departments.length);
  });
});
