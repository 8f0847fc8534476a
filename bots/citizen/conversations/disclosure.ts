import type { Conversation } from "@grammyjs/conversations";
import type { Core } from "../../../src/core.js";
import type { BotContext, ConvContext } from "../../shared/context.js";
import { checkIdNumber, maskIdNumber, type IdCheck } from "../../../src/disclosure/id-number.js";
import type { DisclosureDetails } from "../../../src/notifications/cards.js";
import { normalizePhone, PHONE_PATTERN, type IntakeArgs } from "./intake.js";
import { atLeast, createPrompts, fileCase, LONG_TEXT_MAX } from "./prompts.js";

export const DISCLOSURE_INTAKE = "disclosure";

/**
 * A government information disclosure request, asking what art. 29 of the Regulations requires:
 * the applicant (or organisation and representative), identity document, contacts, a description
 * of the information wanted, and the form and way of delivery; then a summary to confirm.
 */
export function createDisclosureConversation(core: Core) {
  const { i18n } = core;

  return async function disclosure(conversation: Conversation<BotContext, ConvContext>, ctx: ConvContext, args: IntakeArgs) {
    const t = (key: string, vars?: Record<string, string | number>) => i18n.t(args.locale, key, vars);
    // Materials (photos, PDFs, office files) may be sent at any text step and go with the request.
    const { text, choose, confirm, files } = createPrompts(conversation, ctx, t, "d:", { core, citizenId: args.citizenId });

    await ctx.reply(t("disclose-intro"));
    const asOrganisation = (await choose(t("disclose-applicant"), [["btn-as-person", "person"], ["btn-as-organisation", "org"]])) === "org";
    const organisation = asOrganisation ? await text(t("disclose-organisation")) : undefined;
    const name = await text(t("disclose-name"));
    const idInput = await text(t("disclose-id"), (s) => {
      const r = checkIdNumber(s);
      return r.ok ? null : `!${t("disclose-id-invalid", { reason: t(`id-invalid-${r.reason}`) })}`;
    });
    // The prompt accepted only a valid number: this is its normalised form.
    const idNumber = (checkIdNumber(idInput) as Extract<IdCheck, { ok: true }>).normalized;
    const phone = normalizePhone(await text(t("disclose-phone"), (s) => (PHONE_PATTERN.test(normalizePhone(s)) ? null : "intake-phone-invalid")));
    const address = await text(t("disclose-address"), atLeast(t, 4));
    const wanted = await text(t("disclose-wanted"), atLeast(t, 6), LONG_TEXT_MAX);
    const form = (await choose(t("disclose-form"), [["btn-form-electronic", "electronic"], ["btn-form-paper", "paper"]])) as DisclosureDetails["form"];
    const delivery = (await choose(t("disclose-delivery"), [
      ["btn-delivery-email", "email"],
      ["btn-delivery-post", "post"],
      ["btn-delivery-pickup", "pickup"],
    ])) as DisclosureDetails["delivery"];
    const details: DisclosureDetails = {
      name,
      ...(organisation ? { organisation } : {}),
      idNumber,
      phone,
      address,
      form,
      delivery,
    };

    const decision = await confirm(
      t("disclose-summary", {
        applicant: organisation ? `${organisation}（${name}）` : name,
        id: maskIdNumber(idNumber),
        phone,
        address,
        text: wanted,
        form: t(`disclosure-form-${form}`),
        delivery: t(`disclosure-delivery-${delivery}`),
      }),
    );
    if (!decision) return;
    await fileCase(conversation, decision, core, args, {
      kind: "DISCLOSURE",
      mediaIds: files,
      text: wanted,
      anonymous: false,
      contactName: organisation ? `${organisation}（${name}）` : name,
      contactPhone: phone,
      details,
    });
  };
}
