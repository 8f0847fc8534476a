import { detectEmergency, type EmergencyKind, type EmergencyNumber } from "./detect.js";

/** Kept in a case's `details` when its text read as an emergency at filing: what the citizen was told to call. */
export type EmergencyFlag = { kinds: EmergencyKind[]; numbers: EmergencyNumber[] };

/** The flag stored on a case, or null when it was not filed as an emergency. */
export function emergencyOf(details: unknown): EmergencyFlag | null {
  if (typeof details !== "object" || details === null || !("emergency" in details)) return null;
  const e = (details as { emergency?: Partial<EmergencyFlag> }).emergency;
  if (!e || !Array.isArray(e.numbers) || e.numbers.length === 0) return null;
  return { kinds: Array.isArray(e.kinds) ? e.kinds : [], numbers: e.numbers };
}

/**
 * The details to file a case with: those given, plus the emergency flag when the citizen's text
 * reads as one. Decided once, at filing, so the case stays urgent whatever the classifier says later.
 */
export function withEmergencyFlag<D>(details: D | undefined, text: string): D | (Record<string, unknown> & { emergency: EmergencyFlag }) | undefined {
  const v = detectEmergency(text);
  if (!v.emergency) return details;
  const base = typeof details === "object" && details !== null && !Array.isArray(details) ? (details as Record<string, unknown>) : {};
  return { ...base, emergency: { kinds: v.kinds, numbers: v.numbers } };
}
