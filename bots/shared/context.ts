import type { Context } from "grammy";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { ConversationFlavor } from "@grammyjs/conversations";
import type { Core } from "../../src/core.js";
import type { Citizen, StaffMember } from "../../src/generated/prisma/client.js";

type Extra = { core: Core; citizen?: Citizen; staffMember?: StaffMember };

/** Context inside the bots' middleware: dependencies reach handlers through ctx.core. */
export type BotContext = ConversationFlavor<Context & I18nFlavor & Extra>;
/** Context inside conversations (plugins are not carried in; conversations receive what they need as arguments). */
export type ConvContext = Context;
