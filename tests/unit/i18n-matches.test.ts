import { describe, expect, it } from "vitest";
import { createI18n } from "../../src/i18n/i18n.js";

type Matcher = { matchBundles(locales: string[]): Set<unknown> };

describe("i18n: negotiated bundles kept per asked locale", () => {
  it("is installed on the plugin's matcher (a release that renames it fails here)", () => {
    const fluent = createI18n().fluent as unknown as Matcher;
    // The plugin's own matcher builds a new Set on every call; the kept one is the same Set.
    expect(fluent.matchBundles(["en"])).toBe(fluent.matchBundles(["en"]));
    expect(fluent.matchBundles(["en"])).not.toBe(fluent.matchBundles(["zh-CN"]));
  });

  it("answers each locale in its own language, whatever was asked before", () => {
    const i18n = createI18n();
    for (let round = 0; round < 2; round++) {
      expect(i18n.t("en", "btn-consent")).toBe("Agree and continue");
      expect(i18n.t("zh-CN", "btn-consent")).toBe("同意并继续");
      expect(i18n.t("en-US", "btn-consent")).toBe("Agree and continue");
      expect(i18n.t("zh-TW", "btn-consent")).toBe("同意并继续");
      // An unknown language falls back to the default catalogue (zh-CN), as before.
      expect(i18n.t("xx", "btn-consent")).toBe("同意并继续");
    }
  });
});
