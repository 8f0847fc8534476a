import { describe, expect, it } from "vitest";
import { createI18n } from "../../src/i18n/i18n.js";
import { emergencyAlert } from "../../src/emergency/alert.js";
import { detectEmergency } from "../../src/emergency/detect.js";
import { loadConfig } from "../../src/config.js";

const i18n = createI18n();
const t = (locale: string) => (key: string, vars?: Record<string, string | number>) => i18n.t(locale, key, vars);

describe("the citizen's emergency alert", () => {
  it("puts the numbers first, then the gas advice with the district's hotline", () => {
    const text = emergencyAlert(t("zh-CN"), detectEmergency("楼道里有很重的煤气味"), "96777");
    const lines = text.split("\n");
    expect(lines[0]).toBe("🚨 请立即拨打 119（火警、救援）！");
    expect(lines[1]).toBe(
      "闻到燃气味：马上离开，不要开关电灯电器，不要点火，不要在屋里打电话；到室外安全处再拨打 119 和燃气公司抢修电话 96777。",
    );
    expect(lines).toHaveLength(3);
  });

  it("names the gas company's line without a number when none is configured", () => {
    const text = emergencyAlert(t("zh-CN"), detectEmergency("家里一股煤气味"), undefined);
    expect(text).toContain("燃气公司的抢修电话（印在燃气表或缴费单上）");
    expect(text).not.toMatch(/undefined|\{/);
  });

  it("lists several numbers in order and advises on at most two kinds, in English too", () => {
    const v = detectEmergency("Car crash at the junction, the driver is trapped and bleeding");
    const text = emergencyAlert(t("en"), v, undefined);
    expect(text.split("\n")[0]).toBe("🚨 Call 119 (fire and rescue), 122 (traffic accidents), 120 (ambulance) now!");
    expect(text.split("\n")).toHaveLength(4);
    expect(text.length).toBeLessThan(500);
  });

  it("has every kind's advice and every number in both languages", () => {
    for (const locale of ["zh-CN", "en"]) {
      for (const key of ["gas", "fire", "collapse", "trapped", "rescue", "flood", "electric", "selfharm", "crime", "traffic", "medical"]) {
        expect(i18n.t(locale, `emergency-advice-${key}`, { hotline: "x" })).not.toContain("emergency-advice");
      }
      for (const n of ["110", "119", "120", "122"]) expect(i18n.t(locale, `emergency-number-${n}`)).toMatch(new RegExp(`^${n}[ （]`));
    }
  });
});

describe("EMERGENCY_GAS_HOTLINE", () => {
  it("is optional and must look like a phone number", () => {
    expect(loadConfig({}).EMERGENCY_GAS_HOTLINE).toBeUndefined();
    expect(loadConfig({ EMERGENCY_GAS_HOTLINE: " 0571-96777 " }).EMERGENCY_GAS_HOTLINE).toBe("0571-96777");
    expect(() => loadConfig({ EMERGENCY_GAS_HOTLINE: "call the gas company" })).toThrow(
      /^Invalid configuration: EMERGENCY_GAS_HOTLINE must be a phone number/,
    );
  });
});
