import type { I18n } from "@grammyjs/i18n";
import type { ActionResult } from "../../src/cases/case-service.js";

/** Why a staff action did nothing, in the staff member's language. */
export function refusalText(i18n: I18n, locale: string, r: Extract<ActionResult, { ok: false }>, number: string): string {
  if (r.reason === "not_found") return i18n.t(locale, "staff-not-found");
  if (r.reason === "forbidden") return i18n.t(locale, "staff-forbidden");
  return i18n.t(locale, "staff-not-allowed", { number, status: i18n.t(locale, `status-${r.status ?? "SUBMITTED"}`) });
}
