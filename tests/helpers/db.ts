import { inject } from "vitest";
import type { Prisma } from "../../src/db/prisma.js";
import { seed } from "../../prisma/seed.js";

/**
 * Empties every table and seeds the departments (and demo staff), so each file starts clean; the
 * seed classifier model is put back as trained once for the run (global-setup.ts), as a deployment
 * has it after its first classification.
 */
export async function resetDatabase(prisma: Prisma, opts: { demoStaff?: boolean; seedModel?: boolean } = {}): Promise<void> {
  await prisma.$executeRawUnsafe(
    `TRUNCATE "CitizenNotice", "ApiClient", "DisclosureLawsuit", "PublishedResult", "CaseReview", "StaffCard", "MediaFile", "PartyInvite", "SystemNotice", "CalendarDay", "ClassifierModel", "CaseLabel", "HistoricCase", "NotificationDelivery", "CaseMessage", "CaseEvent", "Case", "OutboxMessage", "BotState", "TelegramUpdate", "WebSession", "WebLoginLink", "StaffInvite", "StaffMember", "Citizen", "Department" RESTART IDENTITY CASCADE`,
  );
  await seed(prisma, { demoStaff: opts.demoStaff ?? true });
  if (opts.seedModel ?? true) await prisma.classifierModel.create({ data: JSON.parse(inject("seedModelRow")) });
}
