import { describe, expect, it } from "vitest";
import { classifyByKeywords, detectPriority } from "../../src/classifier/rules.js";
import { DEPARTMENTS } from "../../prisma/seed-data.js";

const departments = DEPARTMENTS.map((d) => ({ code: d.code, keywords: [...d.keywords] }));

describe("rule classifier", () => {
  it.each([
    ["小区物业不管下水道堵塞", "housing"],
    ["工厂夜里排放废气，异味很重", "environment"],
    ["公司拖欠工资三个月了", "labour"],
    ["幼儿园乱收学费", "education"],
    ["The bus never comes on route 12", "transport"],
  ])("routes %s to %s", (text, code) => {
    expect(classifyByKeywords(text, departments).departmentCode).toBe(code);
  });

  it("has no opinion on text without keywords", () => {
    expect(classifyByKeywords("我想反映一个问题", departments)).toEqual({ departmentCode: null, confidence: 0 });
  });

  it("is less confident when several departments match", () => {
    const r = classifyByKeywords("学校旁边的工厂排放污水", departments);
    expect(r.confidence).toBeLessThan(1);
  });

  it.each([
    ["楼道里有很重的燃气味，怀疑泄漏", "URGENT"],
    ["仓库着火了", "URGENT"],
    ["路边电线裸露，小孩经常经过", "URGENT"],
    ["There is a gas leak in my building", "URGENT"],
    ["小区垃圾没人清运", "NORMAL"],
  ])("%s is %s", (text, priority) => {
    expect(detectPriority(text)).toBe(priority);
  });
});
