import { Composer } from "grammy";
import type { BotContext } from "../../shared/context.js";
import { CB_PATTERNS } from "../../../src/telegram/callback-data.js";
import type { Case, StaffMember } from "../../../src/generated/prisma/client.js";
import type { MediationDetails } from "../../../src/mediation/mediation.js";
import { numberedParts } from "../../../src/telegram/telegram-text.js";

/**
 * Who may read a case's whole text: whoever could have been sent its card — dispatchers and
 * administrators (every card before routing), and the staff of the department holding it.
 */
function maySee(s: StaffMember, c: Case): boolean {
  if (!s.active) return false;
  if (s.role === "DISPATCHER" || s.role === "ADMIN") return true;
  return c.handlerId === s.id || (c.departmentId !== null && c.departmentId === s.departmentId);
}

/** A card's "全文" button: the citizen's whole text (and a mediation's whole request), in numbered parts. */
export const fullText = new Composer<BotContext>();

fullText.callbackQuery(CB_PATTERNS.fullText, async (ctx) => {
  await ctx.answerCallbackQuery();
  const staff = ctx.staffMember;
  const c = await ctx.core.cases.get(Number(ctx.match[1]));
  if (!staff || !c) return ctx.reply(ctx.t("staff-not-found"));
  if (!maySee(staff, c)) return ctx.reply(ctx.t("staff-full-text-forbidden"));
  const request = c.kind === "MEDIATION" ? (c.details as MediationDetails | null)?.request : undefined;
  const whole = `${ctx.t("staff-full-text", { number: c.number })}\n${c.text}${request ? `\n\n${request}` : ""}`;
  for (const part of numberedParts(whole)) await ctx.reply(part);
});
