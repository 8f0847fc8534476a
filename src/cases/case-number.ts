/** Human case numbers: MS-<year>-<six digits>, e.g. MS-2026-000123. */
export const CASE_NUMBER_PATTERN = /^MS-\d{4}-\d{6,}$/i;

export function formatCaseNumber(year: number, seq: number): string {
  return `MS-${year}-${String(seq).padStart(6, "0")}`;
}
