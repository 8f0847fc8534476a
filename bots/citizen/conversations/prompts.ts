import { InlineKeyboard } from "grammy";
import type { Conversation } from "@grammyjs/conversations";
import type { BotContext, ConvContext } from "../../shared/context.js";
import type { Core } from "../../../src/core.js";
import type { SubmitInput } from "../../../src/cases/case-service.js";
import { updateKey } from "../../shared/update-key.js";
import { formatDay, formatDue } from "../../../src/i18n/i18n.js";
import type { IntakeArgs } from "./intake.js";
import { withEmergencyFlag } from "../../../src/emergency/flag.js";
import { incomingFile, receiveInForm } from "../../shared/media-input.js";

/** As many files as a complaint's photo step takes. */
const MAX_FORM_FILES = 10;
import { dropButtons } from "../../shared/drop-buttons.js";
import { visibleLength } from "../../../src/text/sanitize.js";

type T = (key: string, vars?: Record<string, string | number>) => string;

import { LINE_MAX } from "../../../src/cases/intake-limits.js";
export { LINE_MAX, LONG_TEXT_MAX } from "../../../src/cases/intake-limits.js";

/** A check that the answer shows at least `min` characters (emoji one each, invisible ones none). */
export const atLeast = (t: T, min: number) => (s: string) => {
  const count = visibleLength(s);
  return count >= min ? null : `!${t("intake-too-short", { min, count })}`;
};

/**
 * The questions a form conversation asks. Its own buttons carry `prefix`; commands and other
 * buttons pass through to the rest of the bot; anything else gets the step's hint again.
 */
export function createPrompts(
  conversation: Conversation<BotContext, ConvContext>,
  ctx: ConvContext,
  t: T,
  prefix: string,
  /** Given, a text step also takes photos and documents (materials for the case), kept in `files`. */
  attach?: { core: Core; citizenId: number },
) {
  /** Kept photos and documents (MediaFile ids) sent during the form, filed with the case. */
  const files: number[] = [];
  const otherwise = (hint: string) => async (c: ConvContext) => {
    const data = c.callbackQuery?.data;
    if ((data !== undefined && !data.startsWith(prefix)) || c.message?.text?.startsWith("/")) return conversation.skip({ next: true });
    if (c.callbackQuery) await c.answerCallbackQuery();
    return c.reply(t(hint));
  };

  /** Keeps a file sent at a text step and says so; the step's question still waits for its answer. */
  async function keep(u: ConvContext): Promise<void> {
    const file = incomingFile(u.message);
    if (!attach || !file) return;
    if (files.length >= MAX_FORM_FILES) {
      await u.reply(t("form-files-full", { max: MAX_FORM_FILES }));
      return;
    }
    const r = await receiveInForm(conversation, u, t, attach.core, { bot: "citizen", id: attach.citizenId }, file);
    if (!r) return;
    files.push(r.id);
    await u.reply(t("form-file-kept", { name: r.name, count: files.length }));
  }

  return {
    otherwise,
    files,

    /**
     * A line of text; `check` returns a locale key (or "!" and a ready message) when it is not
     * acceptable. Nothing invisible alone is an answer, and no answer is longer than `max` UTF-16
     * units (default LINE_MAX): every field has a budget, so what is composed from them fits.
     */
    async text(prompt: string, check: (s: string) => string | null = () => null, max = LINE_MAX): Promise<string> {
      await ctx.reply(prompt);
      for (;;) {
        const u = attach
          ? await conversation.waitFor(["message:text", "message:photo", "message:document"], { otherwise: otherwise("intake-text-expected") })
          : await conversation.waitFor("message:text", { otherwise: otherwise("intake-text-expected") });
        const said = u.message?.text;
        if (said === undefined) {
          await keep(u);
          continue;
        }
        if (said.startsWith("/")) await conversation.skip({ next: true });
        const value = said.trim();
        const problem =
          visibleLength(value) === 0
            ? "intake-text-expected"
            : value.length > max
              ? `!${t("input-too-long", { max, count: value.length })}`
              : check(value);
        if (!problem) return value;
        await u.reply(problem.startsWith("!") ? problem.slice(1) : t(problem));
      }
    },

    /** Shows the summary with submit and cancel; returns the submitting update, or null once cancelled. */
    async confirm(summary: string): Promise<ConvContext | null> {
      await ctx.reply(summary, {
        reply_markup: new InlineKeyboard().text(t("btn-submit"), `${prefix}submit`).text(t("btn-cancel"), `${prefix}cancel`),
      });
      const u = await conversation.waitForCallbackQuery(new RegExp(`^${prefix}(submit|cancel)$`), {
        otherwise: otherwise("intake-choose-button"),
      });
      await u.answerCallbackQuery();
      await dropButtons(u);
      if (u.callbackQuery.data === `${prefix}cancel`) {
        await u.reply(t("intake-cancelled"));
        return null;
      }
      return u;
    },

    /** One of several buttons ([label key, value]); returns the value. */
    async choose(prompt: string, options: [label: string, value: string][], perRow = 3): Promise<string> {
      const kb = new InlineKeyboard();
      options.forEach(([label, value], i) => {
        kb.text(t(label), `${prefix}${value}`);
        if (i % perRow === perRow - 1) kb.row();
      });
      await ctx.reply(prompt, { reply_markup: kb });
      const pattern = new RegExp(`^${prefix}(${options.map(([, v]) => v).join("|")})$`);
      const u = await conversation.waitForCallbackQuery(pattern, { otherwise: otherwise("intake-choose-button") });
      await u.answerCallbackQuery();
      await dropButtons(u);
      return u.callbackQuery.data.slice(prefix.length);
    },
  };
}

/**
 * Files the case a form collected and answers with the receipt. The submission key comes from the
 * confirming update, so the same update delivered twice files one case; the database call goes
 * through conversation.external, so a replay never repeats it.
 */
export async function fileCase(
  conversation: Conversation<BotContext, ConvContext>,
  decision: ConvContext,
  core: Core,
  args: IntakeArgs,
  input: Omit<SubmitInput, "submissionKey" | "citizenId">,
  opts: { receipt?: string } = {},
): Promise<void> {
  const t = (key: string, vars?: Record<string, string | number>) => core.i18n.t(args.locale, key, vars);
  const submissionKey = updateKey(decision.me.id, decision.update);
  // A text that reads as an emergency is flagged at filing, so the case stays urgent and its alert goes out when it is routed.
  const details = withEmergencyFlag(input.details, `${input.text}\n${input.location ?? ""}`) as SubmitInput["details"];
  const filed = await conversation.external(async () => {
    const { case: c, created } = await core.cases.submit({ ...input, details, submissionKey, citizenId: args.citizenId });
    return { number: c.number, due: formatDue(c.dueAt, args.locale), created };
  });
  const receipt = filed.created ? t(opts.receipt ?? "intake-submitted", { number: filed.number, due: filed.due }) : t("intake-already-submitted", { number: filed.number });
  try {
    // Sent through the conversation's Api, which waits out a 429 (conversation-retry.ts).
    await decision.reply(receipt);
  } catch (err) {
    // The case is filed: a receipt Telegram would not take must not turn into "something went wrong".
    // The citizen hears the number again when the case is routed, and /mycases lists it.
    await conversation.external(() =>
      core.logger.warn({ err: err instanceof Error ? err.message : String(err), number: filed.number }, "receipt not delivered; the case is filed"),
    );
  }
}
