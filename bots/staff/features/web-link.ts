import { Composer } from "grammy";
import type { BotContext } from "../../shared/context.js";
import { webBaseUrl } from "../../../src/web/base-url.js";

/** /web: a one-time sign-in link to the web desk (issue 13), for roles that have one. */
export const webLink = new Composer<BotContext>();

webLink.command("web", async (ctx) => {
  const staff = ctx.staffMember;
  if (!staff) return;
  const link = await ctx.core.webAuth.issueLink(staff);
  if (!link) return ctx.reply(ctx.t("web-link-no-access"));
  const url = `${webBaseUrl(ctx.core.config)}/web/login?token=${link.token}`;
  // No preview: a preview fetch must not be what opens the link (it only shows a button anyway).
  await ctx.reply(ctx.t("web-link", { url, minutes: ctx.core.config.WEB_LINK_TTL_MINUTES }), {
    link_preview_options: { is_disabled: true },
  });
});
