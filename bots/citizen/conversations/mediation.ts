import type { Conversation } from "@grammyjs/conversations";
import type { Core } from "../../../src/core.js";
import type { BotContext, ConvContext } from "../../shared/context.js";
import { DISPUTE_TYPES, isPeopleCount, mediationDetails, type DisputeType } from "../../../src/mediation/mediation.js";
import { normalizePhone, PHONE_PATTERN, type IntakeArgs } from "./intake.js";
import { atLeast, createPrompts, fileCase, LONG_TEXT_MAX } from "./prompts.js";

import { REQUEST_MAX } from "../../../src/cases/intake-limits.js";

export const MEDIATION_INTAKE = "mediation";

/**
 * A mediation application: the applicant, the other party and how to reach them, the kind of
 * dispute, the facts, what the applicant asks for, and how many people are involved.
 */
export function createMediationConversation(core: Core) {
  const { i18n } = core;

  return async function mediation(conversation: Conversation<BotContext, ConvContext>, ctx: ConvContext, args: IntakeArgs) {
    const t = (key: string, vars?: Record<string, string | number>) => i18n.t(args.locale, key, vars);
    // Materials (photos, PDFs, office files) may be sent at any text step and go with the request.
    const { text, choose, confirm, files } = createPrompts(conversation, ctx, t, "m:", { core, citizenId: args.citizenId });

    await ctx.reply(t("mediate-intro"));
    const name = await text(t("mediate-name"));
    const phone = normalizePhone(await text(t("intake-phone"), (s) => (PHONE_PATTERN.test(normalizePhone(s)) ? null : "intake-phone-invalid")));
    const otherName = await text(t("mediate-other-name"));
    const otherContact = await text(t("mediate-other-contact"));
    const disputeType = (await choose(
      t("mediate-type"),
      DISPUTE_TYPES.map((d) => [`dispute-${d}`, d]),
    )) as DisputeType;
    const facts = await text(t("mediate-facts"), atLeast(t, 10), LONG_TEXT_MAX);
    const request = await text(t("mediate-request"), atLeast(t, 2), REQUEST_MAX);
    const people = Number(await text(t("mediate-people"), (s) => (isPeopleCount(s) ? null : "mediate-people-invalid")));
    const details = mediationDetails({ name, phone, otherName, otherContact, disputeType, request, people }, core.config.MEDIATION_MANY_PEOPLE);

    const decision = await confirm(
      t("mediate-summary", {
        type: t(`dispute-${disputeType}`),
        name,
        phone,
        other: `${otherName}（${otherContact}）`,
        text: facts,
        request,
        people,
      }),
    );
    if (!decision) return;
    await fileCase(conversation, decision, core, args, {
      kind: "MEDIATION",
      mediaIds: files,
      text: facts,
      anonymous: false,
      contactName: name,
      contactPhone: phone,
      details,
    });
  };
}
