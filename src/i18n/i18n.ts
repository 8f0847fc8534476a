import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import { fileURLToPath } from "node:url";
import { endOfShanghaiDay, shanghaiDay } from "../clock/calendar.js";

export const DEFAULT_LOCALE = "zh-CN";
const LOCALES_DIR = fileURLToPath(new URL("./locales", import.meta.url));

/** One Fluent catalogue for bots and workers alike (strings live only in locales/*.ftl). */
export function createI18n<C extends Context = Context>(): I18n<C> {
  const i18n = new I18n<C>({
    defaultLocale: DEFAULT_LOCALE,
    // Bidi isolation marks would end up inside Telegram messages and break copy-paste of case numbers.
    fluentBundleOptions: { useIsolating: false },
  });
  i18n.loadLocalesDirSync(LOCALES_DIR);
  rememberMatches(i18n.fluent);
  return i18n;
}

type Matcher = { matchBundles?: (locales: string[]) => Set<unknown> };
const MATCHES_KEPT = 256;

/**
 * Every `t()` negotiates the asked locale against the catalogue's (@fluent/langneg: parses and
 * expands both lists each time): ~3% of the workers' CPU in bench:pipeline, for an answer that only
 * changes when the catalogue does, and it is loaded once. The answer is kept per list of asked
 * locales (Telegram's language codes: a few in practice; at most MATCHES_KEPT, then started over).
 * `matchBundles` is the plugin's private method (1.x): if a release renames it, nothing is
 * remembered and translation goes on as before (tests/unit/i18n-matches.test.ts says so).
 */
function rememberMatches(fluent: object): void {
  const m = fluent as Matcher;
  const match = m.matchBundles;
  if (typeof match !== "function") return;
  const kept = new Map<string, Set<unknown>>();
  m.matchBundles = function (locales: string[]) {
    const key = locales.join("\n");
    let bundles = kept.get(key);
    if (!bundles) {
      if (kept.size >= MATCHES_KEPT) kept.clear();
      kept.set(key, (bundles = match.call(this, locales)));
    }
    return bundles;
  };
}

/** A date as people read it in Asia/Shanghai: 2026年12月18日 / 18 Dec 2026. */
export function formatDay(at: Date, locale: string): string {
  const [y, m, d] = shanghaiDay(at).split("-").map(Number);
  if (locale.startsWith("zh")) return `${y}年${m}月${d}日`;
  const month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1];
  return `${d} ${month} ${y}`;
}

/**
 * A due moment: the day, and for a limit counted in hours (an urgent complaint, due at the minute it
 * was received plus 24 h) its time of day too, Asia/Shanghai: 2026年10月1日 10:00.
 */
export function formatDue(at: Date, locale: string): string {
  const day = shanghaiDay(at);
  if (endOfShanghaiDay(day).getTime() === at.getTime()) return formatDay(at, locale);
  const hm = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
  return `${formatDay(at, locale)} ${hm}`;
}
