import { Composer, InlineKeyboard } from "grammy";
import { createConversation, type Conversation } from "@grammyjs/conversations";
import type { Core } from "../../../src/core.js";
import type { BotContext, ConvContext } from "../../shared/context.js";
import { detectEmergency } from "../../../src/emergency/detect.js";
import { emergencyAlert } from "../../../src/emergency/alert.js";
import { createIntakeConversation, type IntakeArgs } from "../conversations/intake.js";
import { privacyNoticeText } from "./privacy.js";

export const EMERGENCY_INTAKE = "emergency-intake";

type EmergencyIntakeArgs = IntakeArgs & { text: string; consented: boolean };

/** Updates this process answered with an emergency alert (per update object, never kept). */
const alerted = new WeakSet<object>();

/**
 * The complaint intake started by an emergency typed outside a form: the message is the
 * description. A citizen who has not yet consented is shown the privacy notice first — only after
 * the alert, so nobody waits on paperwork to hear which number to call.
 */
function createEmergencyIntake(core: Core) {
  const intake = createIntakeConversation(core);
  return async function emergencyIntake(conversation: Conversation<BotContext, ConvContext>, ctx: ConvContext, args: EmergencyIntakeArgs) {
    if (!args.consented) {
      const t = (key: string) => core.i18n.t(args.locale, key);
      await ctx.reply(`${t("emergency-consent-first")}\n\n${privacyNoticeText(core, args.locale)}`, {
        reply_markup: new InlineKeyboard().text(t("btn-consent"), "consent"),
      });
      const u = await conversation.waitForCallbackQuery("consent", {
        otherwise: async (c) => {
          // Commands (/cancel, /start) and other buttons (language) are for the rest of the bot.
          if (c.callbackQuery || c.message?.text?.startsWith("/")) return conversation.skip({ next: true });
          await c.reply(t("consent-required"));
        },
      });
      await u.answerCallbackQuery();
      await conversation.external(async () => {
        await core.citizens.consent(args.citizenId);
      });
    }
    return intake(conversation, ctx, args);
  };
}

/**
 * Emergencies first. Installed before the forms: a text that reads as a danger to life or property
 * now gets, as the bot's first answer, the numbers to call and what to do (in the citizen's
 * language, before consent too). Inside a form the form then goes on with the message as usual;
 * outside one, the complaint intake starts with the message as its description, so the case is
 * still filed (flagged as an emergency at filing: urgent, and the department alerted on routing).
 */
export function createEmergencyFirst(core: Core): Composer<BotContext> {
  const emergency = new Composer<BotContext>();

  emergency.on("message:text", async (ctx, next) => {
    if (ctx.message.text.startsWith("/")) return next();
    const verdict = detectEmergency(ctx.message.text);
    if (!verdict.emergency) return next();
    await ctx.reply(emergencyAlert((key, vars) => ctx.t(key, vars), verdict, core.config.EMERGENCY_GAS_HOTLINE));
    alerted.add(ctx.update);
    return next();
  });

  // Registered here, between the alert and the start below, so that it can be entered from this composer.
  emergency.use(createConversation(createEmergencyIntake(core), EMERGENCY_INTAKE));

  emergency.on("message:text", async (ctx, next) => {
    if (!alerted.has(ctx.update) || Object.keys(ctx.conversation.active()).length > 0) return next();
    const citizen = ctx.citizen!;
    // A handler is waiting for this citizen's answer: the message goes to that case as usual.
    if (citizen.consentAt && (await core.cases.awaitingCitizen(citizen.id)).length > 0) return next();
    const args: EmergencyIntakeArgs = {
      citizenId: citizen.id,
      locale: citizen.locale,
      text: ctx.message.text,
      consented: citizen.consentAt !== null,
    };
    await ctx.conversation.enter(EMERGENCY_INTAKE, args);
  });

  return emergency;
}
