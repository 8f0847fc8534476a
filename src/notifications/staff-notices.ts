import type { I18n } from "@grammyjs/i18n";
import type { Prisma } from "../db/prisma.js";
import type { NotifyType, Payload } from "../queues/definitions.js";
import { PermanentJobError } from "../queues/job-errors.js";
import { buildDigest } from "../deadlines/digest.js";
import type { Outgoing } from "./notifier.js";
import type { StaffMember } from "../generated/prisma/client.js";
import { renderWeekChart, weekFigures } from "../deadlines/week-chart.js";
import { departmentName } from "./cards.js";

const STAFF_NOTICES = new Set<NotifyType>(["digest", "calendar_fallback", "admin_alert"]);

/** Notices to staff that are not about one case's lifecycle. */
export const isStaffNotice = (type: NotifyType): boolean => STAFF_NOTICES.has(type);

/**
 * The digest and the calendar notice go to one staff member per outbox row (written by the
 * maintenance job), so a supervisor who blocked the bot is recorded as unreachable and nobody
 * else hears it twice. Alerts go to every active administrator.
 */
export function createStaffNotices(deps: { prisma: Prisma; i18n: I18n; now: () => Date }) {
  const { prisma, i18n } = deps;

  async function one(staffId: number | undefined) {
    if (!staffId) throw new PermanentJobError("staff notice names no staff member");
    // Someone deactivated since the row was written simply gets nothing.
    return prisma.staffMember.findFirst({ where: { id: staffId, active: true } });
  }

  async function weekChartMessage(s: StaffMember, now: Date): Promise<Outgoing> {
    const t = (k: string, v?: Record<string, string | number>) => i18n.t(s.locale, k, v);
    const dept = await prisma.department.findUniqueOrThrow({ where: { id: s.departmentId! } });
    const figures = await weekFigures(prisma, dept.id, now);
    const name = departmentName(dept, s.locale, dept.code);
    const { png } = await renderWeekChart(figures, {
      title: t("digest-chart-title", { department: name }),
      received: t("web-fig-received"),
      closed: t("web-fig-closed"),
      onTime: t("web-fig-on-time"),
      overdue: t("digest-chart-overdue"),
    });
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const caption = t("digest-chart-caption", {
      department: name,
      received: sum(figures.received),
      closed: sum(figures.closed),
      onTime: sum(figures.closedOnTime),
      overdue: figures.overdueAtDayEnd[6],
    });
    return { bot: "staff", chatId: s.telegramId, locale: s.locale, text: caption, photo: { bytes: png, fileName: `week-${figures.days[6]}.png` } };
  }

  async function build(p: Payload<"notify">): Promise<Outgoing[]> {
    switch (p.type) {
      case "digest": {
        const s = await one(p.staffId);
        if (!s) return [];
        const now = deps.now();
        const messages = await buildDigest({ prisma, i18n }, s, now);
        const out: Outgoing[] = messages.map((m) => ({ bot: "staff" as const, chatId: s.telegramId, locale: s.locale, text: m.text, keyboard: m.keyboard }));
        // A supervisor's digest also brings one picture of their department's week (issue 13, "Figures").
        if (s.role === "SUPERVISOR" && s.departmentId !== null) out.push(await weekChartMessage(s, now));
        return out;
      }
      case "calendar_fallback": {
        const s = await one(p.staffId);
        if (!s) return [];
        return [{ bot: "staff", chatId: s.telegramId, locale: s.locale, text: i18n.t(s.locale, "calendar-fallback", { year: String(p.year ?? "") }) }];
      }
      case "admin_alert": {
        const c = p.caseId ? await prisma.case.findUnique({ where: { id: p.caseId }, select: { number: true } }) : null;
        const admins = await prisma.staffMember.findMany({ where: { active: true, role: "ADMIN" } });
        return admins.map((s) => ({
          bot: "staff" as const,
          chatId: s.telegramId,
          locale: s.locale,
          text: i18n.t(s.locale, "admin-alert", { number: c?.number ?? i18n.t(s.locale, "admin-alert-no-case"), reason: p.reason ?? "-" }),
        }));
      }
      default:
        throw new PermanentJobError(`${p.type} is not a staff notice`);
    }
  }

  return { build };
}
