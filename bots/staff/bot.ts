import { Bot } from "grammy";
import { conversations, createConversation } from "@grammyjs/conversations";
import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import type { Core } from "../../src/core.js";
import type { BotContext } from "../shared/context.js";
import type { BotOptions } from "../citizen/bot.js";
import { createConversationStorage } from "../shared/conversation-storage.js";
import { handleBotError } from "../shared/errors.js";
import { sanitizeInput } from "../shared/sanitize-input.js";
import { conversationPlugins } from "../shared/conversation-retry.js";
import { pacedTransformer } from "../../src/telegram/pace.js";
import { lengthGuard } from "../../src/telegram/telegram-text.js";
import { createStaffInputConversation, STAFF_INPUT } from "./conversations/staff-input.js";
import { join } from "./features/join.js";
import { caseActions } from "./features/case-actions.js";
import { webLink } from "./features/web-link.js";
import { disclosureClock } from "./features/disclosure-clock.js";
import { reconsiderationActions } from "./features/reconsideration.js";
import { createReconsiderationInputConversation, RC_INPUT } from "./conversations/reconsideration-input.js";
import { fullText } from "./features/full-text.js";
import { operatorActions } from "./features/operator.js";
import { createOperatorCallConversation, createOperatorReplyConversation, OPERATOR_CALL, OPERATOR_REPLY } from "./conversations/operator-call.js";
import { createBotApiFetch } from "../../src/telegram/http.js";

/** The staff bot: handlers, dispatchers and supervisors work cases here with buttons. */
export function createStaffBot(core: Core, opts: BotOptions = {}): Bot<BotContext> {
  const bot = new Bot<BotContext>(core.config.staffToken, {
    botInfo: opts.botInfo,
    // Every call that went out is counted for /metrics, retries included (a conversation's replayed
    // calls, answered from its log, did not go out: see createBotApiFetch).
    client: { apiRoot: core.config.apiRoot, fetch: createBotApiFetch(core.metrics.botApi("staff")) },
  });
  // Each attempt waits for its slot in the bot's shared budget (src/telegram/pace.ts); a 429 that
  // still comes is waited out by autoRetry.
  bot.api.config.use(pacedTransformer(core.pace, "staff"), autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }), lengthGuard());
  for (const t of opts.transformers ?? []) bot.api.config.use(t);

  bot.use(sanitizeInput);
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
  bot.use((ctx, next) => {
    ctx.core = core;
    return next();
  });
  const privateOnly = bot.chatType("private");
  privateOnly.use(async (ctx, next) => {
    ctx.staffMember = (await core.staff.byTelegramId(ctx.from.id)) ?? undefined;
    return next();
  });
  privateOnly.use(core.i18n.middleware());
  privateOnly.use((ctx, next) => {
    ctx.i18n.useLocale(ctx.staffMember?.locale ?? "zh-CN");
    return next();
  });
  privateOnly.use(
    conversations({
      storage: createConversationStorage(core.prisma, "staff", { ttlDays: core.config.FORM_STATE_TTL_DAYS }),
      plugins: conversationPlugins(core.pace, "staff"),
    }),
  );
  // The menu of the member's role, if their role, language or standing changed since it was set.
  privateOnly.use(async (ctx, next) => {
    if (ctx.staffMember) await core.menus.ensureStaff(ctx.api, ctx.staffMember).catch((err) => core.logger.warn({ err: String(err) }, "could not set a staff menu"));
    return next();
  });
  privateOnly.use(join);
  // Registered before the handlers that enter it. While it waits, commands skip past it.
  privateOnly.use(createConversation(createStaffInputConversation(core), STAFF_INPUT));
  privateOnly.use(createConversation(createReconsiderationInputConversation(core), RC_INPUT));
  privateOnly.use(createConversation(createOperatorCallConversation(core), OPERATOR_CALL));
  privateOnly.use(createConversation(createOperatorReplyConversation(core), OPERATOR_REPLY));
  privateOnly.command("cancel", async (ctx) => {
    await ctx.conversation.exitAll();
    await ctx.reply(ctx.t("staff-input-cancelled"));
  });
  privateOnly.use(webLink);
  privateOnly.use(disclosureClock);
  privateOnly.use(reconsiderationActions);
  privateOnly.use(fullText);
  privateOnly.use(operatorActions);
  privateOnly.use(caseActions);

  bot.catch(handleBotError);
  return bot;
}
