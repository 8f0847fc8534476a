/**
 * Mainland resident identity numbers (GB 11643-1999): 17 digits and a check character computed
 * with ISO 7064 MOD 11-2. Applicants give one with a disclosure request; staff see it masked.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";

export type IdCheck = { ok: true; normalized: string } | { ok: false; reason: "format" | "birthdate" | "checksum" };

export function checkIdNumber(input: string): IdCheck {
  const id = input.replace(/\s/g, "").toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: "format" };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || birth.getTime() > Date.now()) {
    return { ok: false, reason: "birthdate" };
  }
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  if (CHECK[sum % 11] !== id[17]) return { ok: false, reason: "checksum" };
  return { ok: true, normalized: id };
}

/** What staff see: region code and the last four characters, e.g. 110105********123X. */
export function maskIdNumber(id: string): string {
  return id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : "****";
}
