import { InlineKeyboard } from "grammy";
import type { Conversation } from "@grammyjs/conversations";
import type { Core } from "../../../src/core.js";
import type { BotContext, ConvContext } from "../../shared/context.js";
import { fileCase } from "./prompts.js";
import { answerInChat } from "../../shared/answer.js";
import { incomingFile, receiveInForm } from "../../shared/media-input.js";
import { dropButtons } from "../../shared/drop-buttons.js";
import { visibleLength } from "../../../src/text/sanitize.js";

export const INTAKE = "intake";
import { LOCATION_MAX, normalizePhone, PHONE_PATTERN, TEXT_MAX, TEXT_MIN } from "../../../src/cases/intake-limits.js";
export { LOCATION_MAX, normalizePhone, PHONE_PATTERN, TEXT_MAX, TEXT_MIN } from "../../../src/cases/intake-limits.js";
export const MAX_PHOTOS = 10;

/** `text`: a description already given (an emergency typed outside a form), so step 1 is not asked. */
export type IntakeArgs = { citizenId: number; locale: string; text?: string };

type Draft = {
  text: string;
  location: string;
  /** Kept photos and documents (MediaFile ids), and the citizen bot's file ids of them. */
  media: number[];
  photos: string[];
  anonymous: boolean;
  name: string | null;
  phone: string | null;
};

/**
 * The guided complaint intake: what happened, where, optional photos, named or anonymous, then a
 * summary to confirm, edit or cancel. Every database call goes through conversation.external so a
 * replay never repeats it; the submission key comes from the confirming update, so the same update
 * delivered twice files one case.
 */
export function createIntakeConversation(core: Core) {
  const { i18n } = core;

  return async function intake(conversation: Conversation<BotContext, ConvContext>, ctx: ConvContext, args: IntakeArgs) {
    const { locale } = args;
    const t = (key: string, vars?: Record<string, string | number>) => i18n.t(locale, key, vars);

    /**
     * What does not answer the current step: commands (/cancel, /mycases …) and buttons that are not
     * the intake's (a rating, a reply pick) pass through to the rest of the bot; the rest gets a hint.
     */
    const otherwise = (hint: string) => async (c: ConvContext) => {
      const data = c.callbackQuery?.data;
      if (data !== undefined && !data.startsWith("i:")) return conversation.skip({ next: true });
      if (c.message?.text?.startsWith("/")) return conversation.skip({ next: true });
      return answerInChat(c, t(hint));
    };

    async function askText(prompt: string, min: number, max: number): Promise<string> {
      await ctx.reply(prompt);
      for (;;) {
        const answer = await conversation.waitFor("message:text", { otherwise: otherwise("intake-text-expected") });
        // A command (/cancel, /mycases, /new …) is for the bot, not an answer: let it through.
        if (answer.message.text.startsWith("/")) await conversation.skip({ next: true });
        const text = answer.message.text.trim();
        // Counted as people see it (emoji one each, zero-width characters not at all); the upper
        // limit in UTF-16 units, as Telegram counts the messages the text goes into.
        const seen = visibleLength(text);
        if (seen < min) await answer.reply(t("intake-too-short", { min, count: seen }));
        else if (text.length > max) await answer.reply(t("intake-too-long", { max, count: text.length }));
        else return text;
      }
    }

    async function choose(prompt: string, keyboard: InlineKeyboard, pattern: RegExp): Promise<string> {
      await ctx.reply(prompt, { reply_markup: keyboard });
      const pick = await conversation.waitForCallbackQuery(pattern, { otherwise: otherwise("intake-choose-button") });
      await pick.answerCallbackQuery();
      await dropButtons(pick);
      return pick.callbackQuery.data;
    }

    /**
     * Photos and documents, fetched once through this bot and kept (src/media/): too large or of a
     * type cases do not take gets a clear answer and the step goes on. Location metadata is removed
     * from photos unless the citizen chose to keep it. Only the newest prompt keeps its buttons: an
     * older one's go when the next is sent.
     */
    async function askPhotos(draft: Draft): Promise<void> {
      let keepLocation = false;
      let prompt = await ctx.reply(t("intake-photo"), {
        reply_markup: new InlineKeyboard().text(t("btn-skip"), "i:skip").text(t("btn-keep-location"), "i:keeploc"),
      });
      while (draft.media.length < MAX_PHOTOS) {
        const u = await conversation.waitFor(["message:photo", "message:document", "callback_query:data"], { otherwise: otherwise("intake-photo-expected") });
        if (u.callbackQuery) {
          if (!u.callbackQuery.data.startsWith("i:")) await conversation.skip({ next: true });
          await u.answerCallbackQuery();
          if (u.callbackQuery.data === "i:skip" || u.callbackQuery.data === "i:done") {
            await dropButtons(u);
            break;
          }
          if (u.callbackQuery.data === "i:keeploc") {
            keepLocation = true;
            await u.reply(t("intake-location-kept"));
          }
          continue;
        }
        const file = incomingFile(u.message, keepLocation);
        if (!file) continue;
        const r = await receiveInForm(conversation, u, t, core, { bot: "citizen", id: args.citizenId }, file);
        if (!r) continue;
        draft.media.push(r.id);
        draft.photos.push(r.fileId);
        const count = draft.media.length;
        await u.api.editMessageReplyMarkup(prompt.chat.id, prompt.message_id).catch(() => undefined);
        prompt = await u.reply(r.kind === "photo" ? t("intake-photo-added", { count }) : t("intake-file-added", { name: r.name, count }), {
          reply_markup: new InlineKeyboard().text(t("btn-done"), "i:done"),
        });
      }
    }

    async function askIdentity(draft: Draft): Promise<void> {
      const pick = await choose(
        t("intake-identity"),
        new InlineKeyboard().text(t("btn-named"), "i:named").text(t("btn-anonymous"), "i:anon"),
        /^i:(named|anon)$/,
      );
      draft.anonymous = pick === "i:anon";
      if (draft.anonymous) {
        draft.name = null;
        draft.phone = null;
        return;
      }
      draft.name = await askText(t("intake-name"), 1, 50);
      await ctx.reply(t("intake-phone"));
      for (;;) {
        const u = await conversation.waitFor("message:text", { otherwise: otherwise("intake-text-expected") });
        if (u.message.text.startsWith("/")) await conversation.skip({ next: true });
        const phone = normalizePhone(u.message.text);
        if (PHONE_PATTERN.test(phone)) {
          draft.phone = phone;
          return;
        }
        await u.reply(t("intake-phone-invalid"));
      }
    }

    // Taken as said, however short ("着火了！"): the citizen is not asked again in an emergency.
    const given = args.text?.trim();
    const taken = given && given.length <= TEXT_MAX && visibleLength(given) > 0 ? given : undefined;
    const draft: Draft = {
      text: taken ?? (await askText(t("intake-what"), TEXT_MIN, TEXT_MAX)),
      location: "",
      media: [],
      photos: [],
      anonymous: true,
      name: null,
      phone: null,
    };
    draft.location = await askText(taken ? `${t("intake-text-taken")}\n\n${t("intake-where")}` : t("intake-where"), 2, LOCATION_MAX);
    await askPhotos(draft);
    await askIdentity(draft);

    for (;;) {
      const summary = t("intake-summary", {
        kind: t("kind-COMPLAINT"),
        text: draft.text,
        location: draft.location,
        photos: draft.photos.length,
        identity: draft.anonymous
          ? t("identity-anonymous")
          : t("identity-named", { name: draft.name ?? "", phone: draft.phone ?? "" }),
      });
      await ctx.reply(summary, {
        reply_markup: new InlineKeyboard()
          .text(t("btn-submit"), "i:submit")
          .text(t("btn-edit"), "i:edit")
          .text(t("btn-cancel"), "i:cancel"),
      });
      const decision = await conversation.waitForCallbackQuery(/^i:(submit|edit|cancel)$/, { otherwise: otherwise("intake-choose-button") });
      await decision.answerCallbackQuery();
      await dropButtons(decision);
      const choice = decision.callbackQuery.data;

      if (choice === "i:cancel") {
        await decision.reply(t("intake-cancelled"));
        return;
      }
      if (choice === "i:edit") {
        const field = await choose(
          t("intake-edit-which"),
          new InlineKeyboard()
            .text(t("btn-edit-text"), "i:e:text")
            .text(t("btn-edit-location"), "i:e:loc")
            .text(t("btn-edit-identity"), "i:e:id"),
          /^i:e:(text|loc|id)$/,
        );
        if (field === "i:e:text") draft.text = await askText(t("intake-what"), TEXT_MIN, TEXT_MAX);
        else if (field === "i:e:loc") draft.location = await askText(t("intake-where"), 2, LOCATION_MAX);
        else await askIdentity(draft);
        continue;
      }

      await fileCase(conversation, decision, core, args, {
        kind: "COMPLAINT",
        text: draft.text,
        location: draft.location,
        attachments: draft.photos,
        mediaIds: draft.media,
        anonymous: draft.anonymous,
        contactName: draft.name,
        contactPhone: draft.phone,
      });
      return;
    }
  };
}
