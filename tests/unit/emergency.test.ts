import { describe, expect, it } from "vitest";
import { detectEmergency } from "../../src/emergency/detect.js";
import { detectPriority } from "../../src/classifier/rules.js";
import { EMERGENCY_TABLE } from "../fixtures/emergency-table.js";
import { scoreEmergencyTable } from "../fixtures/emergency-score.js";

describe("emergency detection over the table of citizens' messages", () => {
  it("misses no emergency and raises few false alarms", () => {
    const s = scoreEmergencyTable();
    console.log(
      `emergency table: ${s.rows} messages, ${s.emergencies} emergencies · precision ${s.precision.toFixed(3)} · recall ${s.recall.toFixed(3)}` +
        ` · numbers covered ${s.numbersCovered}/${s.emergencies} · false alarms ${s.falsePositives}`,
    );
    for (const w of s.wrong) console.log(`  ${w.label}: ${w.text} → ${w.detected}`);
    expect(s.rows).toBeGreaterThanOrEqual(60);
    expect(s.recall).toBe(1);
    expect(s.precision).toBeGreaterThanOrEqual(0.9);
    // The citizen is told every number the situation needs.
    expect(s.numbersCovered).toBe(s.emergencies);
  });

  it("counts each label at least twenty times, in both languages", () => {
    for (const label of ["emergency", "urgent", "ordinary"] as const) {
      const rows = EMERGENCY_TABLE.filter((r) => r.label === label);
      expect(rows.length).toBeGreaterThanOrEqual(20);
      expect(rows.some((r) => /^[\x20-\x7e]+$/.test(r.text))).toBe(true);
    }
  });

  it("makes every emergency urgent for the classifier", () => {
    const notUrgent = EMERGENCY_TABLE.filter((r) => r.label === "emergency" && detectPriority(r.text) !== "URGENT");
    expect(notUrgent).toEqual([]);
  });
});

describe("what makes a match not count", () => {
  it.each([
    ["路口追尾了，没有人受伤", false],
    ["路口追尾了，有人受伤", true],
    ["昨天着火了已经扑灭", false],
    ["昨天着火了，现在还在冒烟", true],
    ["上周被偷了", false],
    ["刚才被偷了", true],
    ["担心楼道里的电动车着火", false],
    ["楼道里的电动车着火了", true],
    ["小区楼道存在火灾隐患", false],
    ["这个路口经常有人打架", false],
    ["现在楼下有人打架", true],
    ["There is no fire, just a burnt smell from cooking", false],
    ["Nobody was hurt in the crash", false],
    // A claim about an injury puts it behind (工伤保险条例 art. 17: the application for 认定 comes after).
    ["我在单位受伤以后想申请工伤认定", false],
    ["我在单位受伤了，现在还在流血，想以后申请工伤认定", true],
  ])("%s → emergency %s", (text, expected) => {
    expect(detectEmergency(text).emergency).toBe(expected);
  });

  it("keeps a gas smell that started earlier: it is still there", () => {
    expect(detectEmergency("从昨天开始楼道里就有煤气味").numbers).toEqual(["119"]);
    expect(detectEmergency("昨天闻到煤气味，燃气公司已经修好了").emergency).toBe(false);
  });
});

describe("which numbers", () => {
  it.each([
    ["楼道里有很重的煤气味", ["gas"], ["119"]],
    ["有人拿刀砍人，地上都是血", ["crime", "medical"], ["110", "120"]],
    ["两辆车相撞，司机被困在车里", ["trapped", "traffic"], ["119", "122", "120"]],
    ["老人在家晕倒了", ["medical"], ["120"]],
    ["There's a strong smell of gas in the hallway", ["gas"], ["119"]],
  ])("%s → %j %j", (text, kinds, numbers) => {
    const v = detectEmergency(text);
    expect(v.kinds).toEqual(kinds);
    expect(v.numbers).toEqual(numbers);
  });

  it("answers an empty or ordinary message with nothing", () => {
    expect(detectEmergency("")).toEqual({ emergency: false, kinds: [], numbers: [] });
    expect(detectEmergency("小区垃圾没人清运")).toEqual({ emergency: false, kinds: [], numbers: [] });
  });
});
