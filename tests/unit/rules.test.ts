import { describe, expect, it } from "vitest";
import { detectPriority } from "../../src/classifier/rules.js";

describe("urgency rules", () => {
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
