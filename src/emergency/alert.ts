import type { EmergencyVerdict } from "./detect.js";

type T = (key: string, vars?: Record<string, string | number>) => string;

/** How many kinds get their line of advice: the message must stay short enough to read in a hurry. */
const ADVICE_LINES = 2;

/** "119（火警、救援）、120（急救）" in the reader's language. */
export function numbersText(t: T, numbers: readonly string[]): string {
  return numbers.map((n) => t(`emergency-number-${n}`)).join(t("emergency-number-separator"));
}

/**
 * The citizen's first answer to an emergency: the numbers to call first, a line of what to do for
 * the most pressing kinds (for gas: leave, switch nothing, call the gas company's line and 119),
 * and that this chat does not replace the emergency lines.
 */
export function emergencyAlert(t: T, verdict: EmergencyVerdict, gasHotline: string | undefined): string {
  const hotline = gasHotline ? t("emergency-gas-hotline", { number: gasHotline }) : t("emergency-gas-hotline-unknown");
  const advice = verdict.kinds.slice(0, ADVICE_LINES).map((k) => t(`emergency-advice-${k}`, { hotline }));
  return [t("emergency-call", { numbers: numbersText(t, verdict.numbers) }), ...advice, t("emergency-footer")].join("\n");
}
