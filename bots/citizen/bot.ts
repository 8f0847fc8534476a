import { Bot, type Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { conversations, createConversation } from "@grammyjs/conversations";
import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import type { Core } from "../../src/core.js";
import type { BotContext } from "../shared/context.js";
import { createConversationStorage } from "../shared/conversation-storage.js";
import { updateScope } from "../../src/inbox/update-scope.js";
import { handleBotError } from "../shared/errors.js";
import { sanitizeInput } from "../shared/sanitize-input.js";
import { conversationPlugins } from "../shared/conversation-retry.js";
import { pacedTransformer } from "../../src/telegram/pace.js";
import { lengthGuard } from "../../src/telegram/telegram-text.js";
import { createIntakeConversation, INTAKE } from "./conversations/intake.js";
import { createDisclosureConversation, DISCLOSURE_INTAKE } from "./conversations/disclosure.js";
import { createMediationConversation, MEDIATION_INTAKE } from "./conversations/mediation.js";
import { mediation } from "./features/mediation.js";
import { createReconsiderationConversation, RECONSIDERATION_INTAKE } from "./conversations/reconsideration.js";
import { reconsideration } from "./features/reconsideration.js";
import { onboarding } from "./features/onboarding.js";
import { cases } from "./features/cases.js";
import { replies } from "./features/replies.js";
import { fallback } from "./features/fallback.js";
import { createEmergencyFirst } from "./features/emergency.js";
import { consentGate, forget } from "./features/privacy.js";
import { createBotApiFetch } from "../../src/telegram/http.js";

export type BotOptions = { botInfo?: UserFromGetMe; transformers?: Transformer[] };

/** The citizen bot: private chats only; every update first resolves the citizen and their language. */
export function createCitizenBot(core: Core, opts: BotOptions = {}): Bot<BotContext> {
  const bot = new Bot<BotContext>(core.config.citizenToken, {
    botInfo: opts.botInfo,
    // Every call that went out is counted for /metrics, retries included (a conversation's replayed
    // calls, answered from its log, did not go out: see createBotApiFetch).
    client: { apiRoot: core.config.apiRoot, fetch: createBotApiFetch(core.metrics.botApi("citizen")) },
  });
  // Each attempt waits for its slot in the bot's shared budget (src/telegram/pace.ts); a 429 that
  // still comes is waited out by autoRetry.
  bot.api.config.use(pacedTransformer(core.pace, "citizen"), autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }), lengthGuard());
  for (const t of opts.transformers ?? []) bot.api.config.use(t);

  bot.use(sanitizeInput);
  // One update at a time per chat: conversation state is read and written per update.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
  bot.use((ctx, next) => {
    ctx.core = core;
    return next();
  });
  // Groups and channels are not for filing cases: ignore them rather than leak anything there.
  bot.chatType("private").use(async (ctx, next) => {
    // The inbox read the citizen with the update (update-inbox.ts `next`): usually no query here.
    ctx.citizen = await core.citizens.ensure(ctx.from.id, ctx.from.language_code, updateScope.of(ctx.update)?.prefetched?.citizen);
    return next();
  });
  const privateOnly = bot.chatType("private");
  privateOnly.use(core.i18n.middleware());
  privateOnly.use((ctx, next) => {
    ctx.i18n.useLocale(ctx.citizen!.locale);
    return next();
  });
  privateOnly.use(
    conversations({
      storage: createConversationStorage(core.prisma, "citizen", { ttlDays: core.config.FORM_STATE_TTL_DAYS }),
      plugins: conversationPlugins(core.pace, "citizen"),
    }),
  );
  // Before the forms, and before the consent gate: a message that reads as an emergency is answered
  // with the numbers to call first, whoever sends it.
  privateOnly.use(createEmergencyFirst(core));
  privateOnly.use(consentGate);
  // Registered before the handlers that enter it. While it waits, commands skip past it (see intake.ts).
  privateOnly.use(createConversation(createIntakeConversation(core), INTAKE));
  privateOnly.use(createConversation(createDisclosureConversation(core), DISCLOSURE_INTAKE));
  privateOnly.use(createConversation(createMediationConversation(core), MEDIATION_INTAKE));
  privateOnly.use(createConversation(createReconsiderationConversation(core), RECONSIDERATION_INTAKE));
  privateOnly.use(mediation);
  privateOnly.use(reconsideration);
  privateOnly.use(onboarding);
  privateOnly.use(forget);
  privateOnly.use(cases);
  privateOnly.use(replies);
  privateOnly.use(fallback);

  bot.catch(handleBotError);
  return bot;
}
