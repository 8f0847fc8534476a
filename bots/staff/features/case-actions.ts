import { Composer } from "grammy";
import type { BotContext } from "../../shared/context.js";
import { cb, CB_PATTERNS, STAFF_BUTTON_ACTION, type StaffButton } from "../../../src/telegram/callback-data.js";
import type { StaffActor } from "../../../src/cases/permissions.js";
import type { ActionResult } from "../../../src/cases/case-service.js";
import { allowed, type CaseAction } from "../../../src/cases/rules.js";
import type { Case } from "../../../src/generated/prisma/client.js";
import { DISCLOSURE_REPLY_TYPES } from "../../../src/disclosure/reply-types.js";
import { toStaffActor } from "../../../src/staff/staff-service.js";
import { assignKeyboard, departmentName, outcomeKeyboard, replyTypeKeyboard } from "../../../src/notifications/cards.js";
import { botUsername } from "../../../src/telegram/api.js";
import { refusalText } from "../../shared/refusal.js";
import { buildDigest } from "../../../src/deadlines/digest.js";
import { STAFF_INPUT, type StaffInputAction } from "../conversations/staff-input.js";
import { answerInChat } from "../../shared/answer.js";
import { dropButtons } from "../../shared/drop-buttons.js";

/**
 * Asks the rules table whether the staff member may do `action` to `c` now, and if not says why.
 * Only to decide what to offer (a picker, a text prompt): the case service checks again when it applies.
 */
async function mayOffer(ctx: BotContext, action: CaseAction, c: Case): Promise<boolean> {
  const v = allowed(action, toStaffActor(ctx.staffMember!), c, { now: ctx.core.now() });
  if (v.ok) return true;
  await ctx.reply(refusalText(ctx.core.i18n, ctx.staffMember!.locale, { ok: false, reason: v.reason, status: c.status }, c.number));
  return false;
}

/** Answers the button press, then says why in the chat (a refusal must be readable, not a passing toast). */
async function answerThen(ctx: BotContext, text: string) {
  await ctx.answerCallbackQuery();
  await ctx.reply(text);
}

/** The case card's buttons and the dispatcher's department buttons. */
export const caseActions = new Composer<BotContext>();

caseActions.command("help", (ctx) =>
  ctx.reply(ctx.t("staff-help", { name: ctx.staffMember!.displayName, role: ctx.t(`role-${ctx.staffMember!.role}`) })),
);
caseActions.command("start", (ctx) =>
  ctx.reply(ctx.t("staff-help", { name: ctx.staffMember!.displayName, role: ctx.t(`role-${ctx.staffMember!.role}`) })),
);

/** The digest on demand: overdue and soon-due cases of the department (an administrator: all). */
caseActions.command("overdue", async (ctx) => {
  for (const m of await buildDigest(ctx.core, ctx.staffMember!, ctx.core.now())) {
    await ctx.reply(m.text, m.keyboard ? { reply_markup: m.keyboard } : {});
  }
});

caseActions.callbackQuery(CB_PATTERNS.urge, async (ctx) => {
  await ctx.answerCallbackQuery();
  const c = await ctx.core.cases.get(Number(ctx.match[1]));
  if (!c) return ctx.reply(ctx.t("staff-not-found"));
  const r = await ctx.core.cases.urge(c.id, toStaffActor(ctx.staffMember!));
  await ctx.reply(r.ok ? ctx.t("staff-urge-sent", { number: c.number }) : refusalText(ctx.core.i18n, ctx.staffMember!.locale, r, c.number));
});

caseActions.callbackQuery(CB_PATTERNS.staff, async (ctx) => {
  const action = ctx.match[1] as StaffButton;
  const caseId = Number(ctx.match[2]);
  const actor = toStaffActor(ctx.staffMember!);
  const locale = ctx.staffMember!.locale;
  if (action === "acc") {
    // The card itself shows the case accepted (it is edited in place): a short notice at the button, no new message.
    const c = await ctx.core.cases.get(caseId);
    if (!c) return answerThen(ctx, ctx.t("staff-not-found"));
    const r = await ctx.core.cases.accept(caseId, actor);
    if (r.ok) return ctx.answerCallbackQuery({ text: ctx.t("staff-accept-done", { number: c.number }) });
    return answerThen(ctx, refusalText(ctx.core.i18n, locale, r, c.number));
  }
  await ctx.answerCallbackQuery();
  const c = await ctx.core.cases.get(caseId);
  if (!c) return ctx.reply(ctx.t("staff-not-found"));

  if (action === "inv") {
    const r = await ctx.core.cases.inviteParty(c.id, actor);
    if (!r.ok) return ctx.reply(refusalText(ctx.core.i18n, locale, r, c.number));
    const username = await botUsername(ctx.core.config, "citizen", ctx.core.telegram.citizen);
    return ctx.reply(ctx.t("staff-invite-link", { number: c.number, link: `https://t.me/${username}?start=m_${r.token}` }));
  }
  if (action === "pay" || action === "pan") {
    const r = await ctx.core.cases.partyAnswer(c.id, action === "pay", { mediator: actor });
    return ctx.reply(r.ok ? ctx.t("staff-party-recorded", { number: c.number }) : refusalText(ctx.core.i18n, locale, r, c.number));
  }
  // Check before offering a picker or asking for text, so nobody types an answer that would then be refused.
  if (!(await mayOffer(ctx, STAFF_BUTTON_ACTION[action], c))) return;
  if (action === "out") {
    return ctx.reply(ctx.t("staff-outcome-pick", { number: c.number }), { reply_markup: outcomeKeyboard(ctx.core.i18n, locale, c.id) });
  }
  if (action === "tr") {
    // A mediation may go to a mediation body (人民调解委员会, 司法所) as well as a bureau; other cases to bureaus only.
    const others = await ctx.core.prisma.department.findMany({
      where: { id: { not: c.departmentId ?? -1 }, ...(c.kind === "MEDIATION" ? {} : { kind: "BUREAU" }) },
      orderBy: [{ kind: c.kind === "MEDIATION" ? "desc" : "asc" }, { id: "asc" }],
    });
    return ctx.reply(ctx.t("staff-transfer-pick", { number: c.number }), {
      reply_markup: assignKeyboard(locale, c.id, others, cb.transfer),
    });
  }
  if (action === "ans" && c.kind === "DISCLOSURE") {
    return ctx.reply(ctx.t("staff-reply-type-pick", { number: c.number }), { reply_markup: replyTypeKeyboard(ctx.core.i18n, locale, c.id) });
  }
  await ctx.conversation.exitAll();
  // A complaint's extension is in calendar days, at most the deployment's maximum (信访工作条例 art. 34).
  const extension = action === "ext" && c.kind === "COMPLAINT" ? { maxDays: ctx.core.cases.complaintMaxExtensionDays, calendarDays: true } : {};
  await ctx.conversation.enter(STAFF_INPUT, { action: action as StaffInputAction, caseId, number: c.number, staffId: actor.id, locale, ...extension });
});

/** A mediation outcome was picked: an agreement needs its text, the others are recorded at once. */
caseActions.callbackQuery(CB_PATTERNS.outcome, async (ctx) => {
  await ctx.answerCallbackQuery();
  const c = await ctx.core.cases.get(Number(ctx.match[1]));
  if (!c) return ctx.reply(ctx.t("staff-not-found"));
  const actor = toStaffActor(ctx.staffMember!);
  const locale = ctx.staffMember!.locale;
  const outcome = ctx.match[2] as "agreement" | "no_agreement" | "withdrawn";
  // A picker of its own (not the card): used once.
  await dropButtons(ctx);
  if (outcome === "agreement") {
    if (!(await mayOffer(ctx, "agreement_drafted", c))) return;
    await ctx.conversation.exitAll();
    return ctx.conversation.enter(STAFF_INPUT, { action: "agr", caseId: c.id, number: c.number, staffId: actor.id, locale });
  }
  const r = await ctx.core.cases.conclude(c.id, actor, outcome);
  await ctx.reply(r.ok ? ctx.t("staff-concluded", { number: c.number }) : refusalText(ctx.core.i18n, locale, r, c.number));
});

/** A disclosure answer's statutory type was picked: now its text. */
caseActions.callbackQuery(CB_PATTERNS.replyType, async (ctx) => {
  await ctx.answerCallbackQuery();
  const c = await ctx.core.cases.get(Number(ctx.match[1]));
  const replyType = DISCLOSURE_REPLY_TYPES[Number(ctx.match[2])];
  if (!c || !replyType) return ctx.reply(ctx.t("staff-not-found"));
  const actor = toStaffActor(ctx.staffMember!);
  const locale = ctx.staffMember!.locale;
  if (!(await mayOffer(ctx, "answer", c))) return;
  await dropButtons(ctx);
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(STAFF_INPUT, { action: "ans", caseId: c.id, number: c.number, staffId: actor.id, locale, replyType });
});

/** A supervisor approves or rejects a disclosure request's extension. */
caseActions.callbackQuery(CB_PATTERNS.extension, async (ctx) => {
  await ctx.answerCallbackQuery();
  const c = await ctx.core.cases.get(Number(ctx.match[2]));
  if (!c) return ctx.reply(ctx.t("staff-not-found"));
  const r = await ctx.core.cases.decideExtension(c.id, toStaffActor(ctx.staffMember!), ctx.match[1] === "a");
  if (!r.ok) return ctx.reply(refusalText(ctx.core.i18n, ctx.staffMember!.locale, r, c.number));
  // The buttons were on the supervisor's live card: its redraw (after the change) takes them away.
  await ctx.reply(ctx.t("staff-extension-decided", { number: c.number }));
});

/**
 * Published results (item 31): the handler proposes an answered complaint's result (the button
 * under their answer's confirmation); the supervisor approves or declines the stripped copy
 * they were shown. The case service checks who presses and when; the pressed buttons go.
 */
caseActions.callbackQuery(CB_PATTERNS.publication, async (ctx) => {
  await ctx.answerCallbackQuery();
  const c = await ctx.core.cases.get(Number(ctx.match[2]));
  if (!c) return ctx.reply(ctx.t("staff-not-found"));
  const actor = toStaffActor(ctx.staffMember!);
  const what = ctx.match[1] as "p" | "a" | "d";
  const r =
    what === "p" ? await ctx.core.cases.proposePublication(c.id, actor) : what === "a" ? await ctx.core.cases.approvePublication(c.id, actor) : await ctx.core.cases.declinePublication(c.id, actor);
  if (!r.ok) return ctx.reply(refusalText(ctx.core.i18n, ctx.staffMember!.locale, r, c.number));
  await dropButtons(ctx);
  await ctx.reply(ctx.t(what === "p" ? "staff-publication-proposed-sent" : "staff-publication-decided", { number: c.number }));
});

/**
 * A department button: a dispatcher's assignment or a handler's transfer. The case service checks
 * who presses it; the message's buttons go once it has worked.
 */
function departmentButton(
  pattern: RegExp,
  apply: (core: BotContext["core"], caseId: number, actor: StaffActor, departmentId: number) => Promise<ActionResult>,
  doneKey: string,
  /** Whether the buttons pressed are on the live card (redrawn after the change) rather than a picker of their own. */
  onCard: boolean,
): void {
  caseActions.callbackQuery(pattern, async (ctx) => {
    const caseId = Number(ctx.match[1]);
    const departmentId = Number(ctx.match[2]);
    await ctx.answerCallbackQuery();
    const c = await ctx.core.cases.get(caseId);
    const dept = await ctx.core.prisma.department.findUnique({ where: { id: departmentId } });
    if (!c || !dept) return ctx.reply(ctx.t("staff-not-found"));
    const locale = ctx.staffMember!.locale;
    const r = await apply(ctx.core, caseId, toStaffActor(ctx.staffMember!), departmentId);
    if (!r.ok) return ctx.reply(refusalText(ctx.core.i18n, locale, r, c.number));
    if (!onCard) await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
    await ctx.reply(ctx.t(doneKey, { number: c.number, department: departmentName(dept, locale, dept.code) }));
  });
}

departmentButton(CB_PATTERNS.assign, (core, id, actor, dept) => core.cases.assign(id, actor, dept), "staff-assigned", true);
departmentButton(CB_PATTERNS.transfer, (core, id, actor, dept) => core.cases.transfer(id, actor, dept), "staff-transferred", false);

caseActions.on("callback_query", (ctx) => answerInChat(ctx, ctx.t("button-expired")));
caseActions.on("message", (ctx) => ctx.reply(ctx.t("staff-unknown-input")));
