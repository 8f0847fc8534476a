import { Composer } from "grammy";
import type { BotContext } from "../../shared/context.js";
import { departmentName } from "../../../src/notifications/cards.js";
import { answerInChat } from "../../shared/answer.js";

const INVITE_TOKEN = /^[\w-]{16,64}$/;

/** Joining through a one-time invite (deep link /start <token>); everyone else is told how to join. */
export const join = new Composer<BotContext>();

join.command("start", async (ctx, next) => {
  const token = ctx.match.trim();
  if (!token) return next();
  if (!INVITE_TOKEN.test(token)) return ctx.reply(ctx.t("staff-invite-unknown"));
  const name = [ctx.from?.first_name, ctx.from?.last_name].filter(Boolean).join(" ") || `#${ctx.from!.id}`;
  const r = await ctx.core.staff.join(token, ctx.from!.id, name);
  if (!r.ok) return ctx.reply(ctx.t(`staff-invite-${r.reason}`));
  ctx.staffMember = r.staff;
  await ctx.core.menus.setStaff(ctx.api, r.staff).catch((err) => ctx.core.logger.warn({ err: String(err) }, "could not set a staff menu"));
  const dept = r.staff.departmentId ? await ctx.core.prisma.department.findUnique({ where: { id: r.staff.departmentId } }) : null;
  await ctx.reply(
    ctx.t("staff-joined", {
      name: r.staff.displayName,
      role: ctx.t(`role-${r.staff.role}`),
      department: dept ? ` · ${departmentName(dept, r.staff.locale, dept.code)}` : "",
    }),
  );
});

/** Below this point only registered staff get through. */
join.use(async (ctx, next) => {
  if (ctx.staffMember?.active) return next();
  await answerInChat(ctx, ctx.t("staff-not-registered"));
});
