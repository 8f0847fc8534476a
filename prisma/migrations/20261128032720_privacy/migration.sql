-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "anonymisedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Citizen" ADD COLUMN     "consentWithdrawnAt" TIMESTAMP(3),
ADD COLUMN     "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "BotState_updatedAt_idx" ON "BotState"("updatedAt");

-- CreateIndex
CREATE INDEX "Case_closedAt_idx" ON "Case"("closedAt");

-- CreateIndex
CREATE INDEX "Citizen_lastSeenAt_idx" ON "Citizen"("lastSeenAt");
