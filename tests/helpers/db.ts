import type { Prisma } from "../../src/db/prisma.js";
import { seed } from "../../prisma/seed.js";

/** Empties every table and seeds the departments (and demo staff), so each file starts clean. */
export async function resetDatabase(prisma: Prisma, opts: { demoStaff?: boolean } = {}): Promise<void> {
  await prisma.$executeRawUnsafe(
    `TRUNCATE "StaffCard", "PartyInvite", "SystemNotice", "CalendarDay", "ClassifierModel", "CaseLabel", "HistoricCase", "NotificationDelivery", "CaseMessage", "CaseEvent", "Case", "OutboxMessage", "BotState", "TelegramUpdate", "StaffInvite", "StaffMember", "Citizen", "CaseNumberCounter", "Department" RESTART IDENTITY CASCADE`,
  );
  await seed(prisma, { demoStaff: opts.demoStaff ?? true });
}
