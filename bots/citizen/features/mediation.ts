import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../shared/context.js";
import { answerInChat } from "../../shared/answer.js";
import { cb, CB_PATTERNS } from "../../../src/telegram/callback-data.js";
import type { MediationDetails } from "../../../src/mediation/mediation.js";
import { allowed } from "../../../src/cases/rules.js";
import { privacyNotice } from "./privacy.js";
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
  if (!invite || !c || !answerable) return ctx.reply(ctx.t("party-invite-invalid"));
  const d = c.details as MediationDetails;
  await ctx.reply(
    `${ctx.t("party-invitation", { other: d.otherParty.name, number: c.number, type: ctx.t(`dispute-${d.disputeType}`), request: d.request })}\n\n${privacyNotice(ctx)}`,
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

mediation.callbackQuery(CB_PATTERNS.followup, async (ctx) => {
  const r = await ctx.core.cases.followupAnswer(Number(ctx.match[2]), { kind: "citizen", id: ctx.citizen!.id }, ctx.match[1] === "y");
  await dropButtons(ctx);
  if (!r.ok) return answerInChat(ctx, ctx.t("button-expired"));
  await answerInChat(ctx, ctx.t("followup-thanks"));
});
