import type { Priority } from "../generated/prisma/enums.js";

/** Words that signal a safety hazard: such a case is urgent whatever its department. */
export const URGENT_PATTERNS: readonly RegExp[] = [
  /燃气|煤气|天然气|泄漏|漏气/,
  /火灾|着火|起火|失火|冒烟/,
  /坍塌|倒塌|塌陷|垮塌|危房/,
  /漏电|电线(裸露|掉落|断)|高压线|触电/,
  /内涝|积水(严重|淹)|洪水|决堤|被淹/,
  /\b(gas leak|fire|collapse|flood(ing)?|live wire|electrocut)/i,
];

export function detectPriority(text: string): Priority {
  return URGENT_PATTERNS.some((p) => p.test(text)) ? "URGENT" : "NORMAL";
}

export type KeywordDepartment = { code: string; keywords: string[] };

/**
 * The spine's rule classifier: the department whose keywords occur most often wins; its confidence
 * is its share of all keyword hits, so a text matching several departments goes to a dispatcher.
 */
export function classifyByKeywords(
  text: string,
  departments: readonly KeywordDepartment[],
): { departmentCode: string | null; confidence: number } {
  const lower = text.toLowerCase();
  let best: string | null = null;
  let bestHits = 0;
  let total = 0;
  for (const d of departments) {
    let hits = 0;
    for (const k of d.keywords) if (k && lower.includes(k.toLowerCase())) hits++;
    total += hits;
    if (hits > bestHits) {
      best = d.code;
      bestHits = hits;
    }
  }
  return total === 0 ? { departmentCode: null, confidence: 0 } : { departmentCode: best, confidence: bestHits / total };
}
