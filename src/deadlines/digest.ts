import { InlineKeyboard } from "grammy";
import type { I18n } from "@grammyjs/i18n";
import type { Prisma } from "../db/prisma.js";
import type { StaffMember } from "../generated/prisma/client.js";
import { CLOCK_RUNNING_STATUSES } from "../cases/state-machine.js";
import { dueAfterWorkingDays, workingDaysBetween } from "../clock/calendar.js";
import { formatDay, formatDue } from "../i18n/i18n.js";
import { departmentName } from "../notifications/cards.js";
import { cb } from "../telegram/callback-data.js";
import { detailsOf } from "../reconsideration/reconsideration.js";

/** Cases per message: keeps each under Telegram's 4,096 characters and its keyboard small. */
export const DIGEST_CASES_PER_MESSAGE = 15;
export const SOON_WORKING_DAYS = 3;

export type DigestMessage = { text: string; keyboard?: InlineKeyboard };

/**
 * What a staff member should chase: overdue cases and those due within three working days, of
 * their department (an administrator: of all), grouped by department, oldest due date first.
 * Supervisors and administrators get a 催办 button per case. Long digests are split by case.
 */
export async function buildDigest(deps: { prisma: Prisma; i18n: I18n }, staff: StaffMember, now: Date): Promise<DigestMessage[]> {
  const { prisma, i18n } = deps;
  const t = (k: string, v?: Record<string, string | number>) => i18n.t(staff.locale, k, v);
  const soonLimit = dueAfterWorkingDays(now, SOON_WORKING_DAYS);
  const cases = await prisma.case.findMany({
    where: {
      status: { in: [...CLOCK_RUNNING_STATUSES] },
      dueAt: { lte: soonLimit },
      ...(staff.role === "ADMIN" ? {} : { departmentId: staff.departmentId ?? -1 }),
    },
    include: { department: true },
    orderBy: [{ departmentId: "asc" }, { dueAt: "asc" }],
  });
  const header = t("digest-header", { date: formatDay(now, staff.locale) });
  const replies = await respondentReplies(prisma, staff, soonLimit);
  const replyMessages: DigestMessage[] = chunk(replies, DIGEST_CASES_PER_MESSAGE).map((list) => ({
    text: [
      header,
      t("digest-replies", { count: replies.length }),
      ...list.map((r) => t(r.dueAt <= now ? "digest-line-reply-overdue" : "digest-line-reply-soon", { number: r.number, due: formatDay(r.dueAt, staff.locale) })),
    ].join("\n"),
  }));
  if (cases.length === 0) return replyMessages.length ? replyMessages : [{ text: `${header}\n${t("digest-empty")}` }];

  const canUrge = staff.role === "SUPERVISOR" || staff.role === "ADMIN";
  const byDept = new Map<string, typeof cases>();
  for (const c of cases) {
    const name = departmentName(c.department, staff.locale, t("department-pending"));
    byDept.set(name, [...(byDept.get(name) ?? []), c]);
  }
  // One block per department, then cut into messages at case boundaries.
  const blocks: { lines: string[]; caseIds: { id: number; number: string }[] }[] = [];
  for (const [name, list] of byDept) {
    const overdue = list.filter((c) => c.dueAt <= now);
    const lines = [t("digest-department", { department: name, overdue: overdue.length, soon: list.length - overdue.length })];
    const ids: { id: number; number: string }[] = [];
    for (const c of list) {
      const vars = { number: c.number, status: t(`status-${c.status}`), due: formatDue(c.dueAt, staff.locale) };
      lines.push(
        c.dueAt <= now
          ? t("digest-line-overdue", { ...vars, days: Math.max(1, workingDaysBetween(c.dueAt, now)) })
          : t("digest-line-soon", vars),
      );
      ids.push({ id: c.id, number: c.number });
    }
    blocks.push({ lines, caseIds: ids });
  }
  const messages: { lines: string[]; ids: { id: number; number: string }[] }[] = [];
  let current = { lines: [] as string[], ids: [] as { id: number; number: string }[] };
  for (const b of blocks) {
    b.caseIds.forEach((c, i) => {
      if (current.ids.length === DIGEST_CASES_PER_MESSAGE) {
        messages.push(current);
        current = { lines: [b.lines[0]], ids: [] };
      }
      if (i === 0) current.lines.push(b.lines[0]);
      current.lines.push(b.lines[i + 1]);
      current.ids.push(c);
    });
  }
  if (current.ids.length) messages.push(current);
  return messages.map((m, i): DigestMessage => {
    const part = messages.length > 1 ? ` ${t("digest-more", { part: i + 1, parts: messages.length })}` : "";
    const keyboard = canUrge ? new InlineKeyboard() : undefined;
    m.ids.forEach((c, k) => {
      keyboard?.text(t("btn-urge", { number: c.number }), cb.urge(c.id));
      if (k % 2 === 1) keyboard?.row();
    });
    return { text: [`${header}${part}`, ...m.lines].join("\n"), keyboard };
  }).concat(replyMessages);
}

/**
 * Reconsideration cases where the staff member's department is the respondent (被申请人) and its
 * written reply is still owed, due within the digest's horizon or overdue (行政复议法 art. 48: within
 * 10 days of receiving the application's copy; art. 88 ¶2: working days). An administrator sees all.
 */
async function respondentReplies(prisma: Prisma, staff: StaffMember, until: Date): Promise<{ number: string; dueAt: Date }[]> {
  if (staff.role !== "ADMIN" && staff.departmentId === null) return [];
  const cases = await prisma.case.findMany({
    where: {
      kind: "RECONSIDERATION",
      status: { not: "CLOSED" },
      ...(staff.role === "ADMIN" ? {} : { details: { path: ["respondent", "departmentId"], equals: staff.departmentId as number } }),
    },
    select: { number: true, details: true },
  });
  return cases
    .flatMap((c) => {
      const reply = detailsOf(c).reply;
      const dueAt = reply && !reply.receivedAt ? new Date(reply.dueAt) : null;
      return dueAt && dueAt <= until ? [{ number: c.number, dueAt }] : [];
    })
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

function chunk<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
