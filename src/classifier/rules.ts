import type { Priority } from "../generated/prisma/enums.js";
import { detectEmergency } from "../emergency/detect.js";

/** Words that signal a safety hazard: such a case is urgent whatever its department. */
export const URGENT_PATTERNS: readonly RegExp[] = [
  /燃气|煤气|天然气|泄漏|漏气/,
  /火灾|着火|起火|失火|冒烟/,
  /坍塌|倒塌|塌陷|垮塌|危房/,
  /漏电|电线(裸露|掉落|断)|高压线|触电/,
  /内涝|积水(严重|淹)|洪水|决堤|被淹/,
  /\b(gas leak|fire|collapse|flood(ing)?|live wire|electrocut)/i,
];

/** Urgent when the text names a safety hazard or reads as an emergency happening now (someone hurt, a crime in progress …). */
export function detectPriority(text: string): Priority {
  return URGENT_PATTERNS.some((p) => p.test(text)) || detectEmergency(text).emergency ? "URGENT" : "NORMAL";
}
