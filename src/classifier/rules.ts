import type { Priority } from "../generated/prisma/enums.js";
import { detectEmergency } from "../emergency/detect.js";

/**
 * Words that signal a safety hazard with people hurt or at risk now: such a case is urgent whatever
 * its department. Each pattern names a state (a gas smell, a missing cover, water coming in), not a
 * topic, so a bill for gas or a question about a repaired crack stays normal (the table in
 * rule-cases.ts holds both sides).
 */
export const URGENT_PATTERNS: readonly RegExp[] = [
  /(燃气|煤气|天然气|液化气)(味|泄漏|泄露|漏了|在漏|管.{0,4}(漏|破|裂|断))|漏气|泄漏|泄露|毒气/,
  /着火|起火|失火|火灾(?!隐患)|冒烟|浓烟|爆炸|火苗|冒火花/,
  /坍塌|倒塌|塌陷|垮塌|塌方|滑坡|落石|滚石|石头.{0,4}(滚|砸)下?|决堤|管涌|摇摇欲坠|随时(可能)?(会)?(塌|倒|掉|断)|坠落|下坠/,
  /(楼体|墙体|楼房|房屋|房子|承重墙|梁|桥面|桥墩|挡土墙).{0,6}(开裂|裂开|裂缝|裂了|倾斜|歪了|变形)/,
  /漏电|触电|电线.{0,4}(裸露|掉落|断了|垂|耷拉|冒)|裸露.{0,2}(的)?电线|高压线.{0,4}(断|垂|掉|落|倒)|电线杆.{0,2}倒/,
  /内涝|积水.{0,6}(漫|淹|进|倒灌|齐腰|没过)|漫进|倒灌|洪水|被淹|淹了/,
  /(井盖|窨井|下水井).{0,4}(缺失|不见|丢|没了|被偷|破|碎|塌|洞)|(没有|缺了?|少了)(个)?井盖/,
  /有人受伤|人受伤|受伤了|砸伤|砸到(了)?(人|行人|路人)|差点砸|伤者|送(去)?医院|昏迷|身亡|死亡/,
  /被困|困人|困在|关了?人/,
  /中毒|误食|误服|上吐下泻|(腹痛|头晕).{0,2}(呕吐|恶心)|呕吐.{0,6}(送医|医院)/,
  /塔吊.{0,4}(歪|倒|倾斜|断)|脚手架.{0,6}(摇|倒|塌)|(瓷砖|广告牌|外墙|玻璃|招牌).{0,6}(脱落|掉下|掉落|砸)/,
  /\b(gas leak|smell of gas|smells? gas|on fire|fire|collapsed?|flood(ing|ed)?|live wire|electrocut\w*|injur\w*|trapped)\b/i,
];

/** Past or settled matters: a hazard already dealt with, or an injury that is now a claim, is not urgent. */
const SETTLED = /已经(修好|修复|处理好|解决)|已修复|工伤|医疗事故|误诊|申请公开|信息公开/;

/** Urgent when the text names a safety hazard or reads as an emergency happening now (someone hurt, a crime in progress …). */
export function detectPriority(text: string): Priority {
  return (URGENT_PATTERNS.some((p) => p.test(text)) && !SETTLED.test(text)) || detectEmergency(text).emergency ? "URGENT" : "NORMAL";
}
