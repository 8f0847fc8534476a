-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "consultationEndsAt" TIMESTAMP(3),
ADD COLUMN     "consultationKind" TEXT,
ADD COLUMN     "consultationRemainingDays" INTEGER,
ADD COLUMN     "consultationStartedAt" TIMESTAMP(3),
ADD COLUMN     "correctionDueAt" TIMESTAMP(3),
ADD COLUMN     "correctionLapseAskedAt" TIMESTAMP(3),
ADD COLUMN     "dueFrom" TIMESTAMP(3),
ADD COLUMN     "dueProvisional" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "dueWorkingDays" INTEGER;
