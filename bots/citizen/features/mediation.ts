import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../shared/context.js";
import { answerInChat } from "../../shared/answer.js";
import { cb, CB_PATTERNS } from "../../../src/telegram/callback-data.js";
import { agreementOf, type MediationDetails } from "../../../src/mediation/mediation.js";
import { allowed } from "../../../src/cases/rules.js";
import { departmentName } from "../../../src/notifications/cards.js";
import { dropButtons } from "../../shared/drop-buttons.js";

const INVITE = /^m_([\w-]{16,40})$/;

/** The other party's side of a mediation (invitation link), and the applicant's follow-up answer. */
export const mediation = new Composer<BotContext>();

/** /start m_<token>: the invitation a mediator sent. Shows the dispute (never the applicant's contacts). */
mediation.command("start", async (ctx, next) => {
  const m = INVITE.exec(ctx.match.trim());
  if (!m) return next();
  const invite = await ctx.core.prisma.partyInvite.findUnique({ where: { token: m[1] } });
  const c = invite && !invite.usedAt ? await ctx.core.cases.get(invite.caseId) : null;
  // Offered only to whom the rules let answer it (never the applicant), and only while it can be answered.
  const answerable =
    c && allowed("party_accepted", { kind: "citizen", id: ctx.citizen!.id }, c, { relations: { invitation: true }, now: ctx.core.now() }).ok;
  // The applicant opening their own link is told so, not just "invalid" (they cannot answer for the other side).
  if (invite && !invite.usedAt && c && c.citizenId === ctx.citizen!.id) return ctx.reply(ctx.t("party-invite-own"));
  if (!invite || !c || !answerable) return ctx.reply(ctx.t("party-invite-invalid"));
  const d = c.details as MediationDetails;
  const dept = c.department;
  // Who invites (the mediating body), who applied and what about; the privacy note for this
  // invitation names the buttons under it (no "同意并继续" here: answering is taking part).
  await ctx.reply(
    ctx.t("party-invitation", {
      other: d.otherParty.name,
      inviter: departmentName(dept, ctx.citizen!.locale, ctx.t("department-pending")),
      applicant: d.applicantName,
      number: c.number,
      type: ctx.t(`dispute-${d.disputeType}`),
      request: d.request,
    }),
    {
      reply_markup: new InlineKeyboard()
        .text(ctx.t("btn-party-accept"), cb.partyAnswer(c.id, true, invite.token))
        .text(ctx.t("btn-party-decline"), cb.partyAnswer(c.id, false, invite.token)),
    },
  );
});

mediation.callbackQuery(CB_PATTERNS.partyAnswer, async (ctx) => {
  const accept = ctx.match[1] === "y";
  const r = await ctx.core.cases.partyAnswer(Number(ctx.match[2]), accept, { token: ctx.match[3], citizenId: ctx.citizen!.id });
  // An invitation is answered once: its buttons go whether this press counted or came too late.
  await dropButtons(ctx);
  if (!r.ok) return answerInChat(ctx, ctx.t("party-invite-invalid"));
  // Answering the invitation is taking part: their consent to the privacy notice shown with it.
  if (!ctx.citizen!.consentAt) ctx.citizen = await ctx.core.citizens.consent(ctx.citizen!.id);
  await answerInChat(ctx, ctx.t(accept ? "party-thanks-accept" : "party-thanks-decline"));
});

/** A party confirms the mediation agreement shown to them (人民调解法 arts. 29–30); the second confirmation makes it effective. */
mediation.callbackQuery(CB_PATTERNS.confirmAgreement, async (ctx) => {
  const r = await ctx.core.cases.confirmAgreement(Number(ctx.match[1]), ctx.citizen!.id, Number(ctx.match[2]));
  await dropButtons(ctx);
  if (!r.ok) return answerInChat(ctx, ctx.t("agreement-confirm-refused"));
  // The result is the row after this confirmation; when it was the second one the agreement took effect with it.
  const a = agreementOf(r.case.details);
  const both = Boolean(a?.confirmedBy.applicant && a.confirmedBy.other);
  await answerInChat(ctx, ctx.t(both ? "agreement-confirmed-effective" : "agreement-confirmed-waiting", { number: r.case.number }));
});

mediation.callbackQuery(CB_PATTERNS.followup, async (ctx) => {
  const r = await ctx.core.cases.followupAnswer(Number(ctx.match[2]), { kind: "citizen", id: ctx.citizen!.id }, ctx.match[1] === "y");
  await dropButtons(ctx);
  if (!r.ok) return answerInChat(ctx, ctx.t("button-expired"));
  await answerInChat(ctx, ctx.t("followup-thanks"));
});
