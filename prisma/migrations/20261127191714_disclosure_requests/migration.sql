-- AlterEnum
ALTER TYPE "CaseStatus" ADD VALUE 'AWAITING_CORRECTION';

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "correctionRequestedAt" TIMESTAMP(3),
ADD COLUMN     "details" JSONB,
ADD COLUMN     "extensionDays" INTEGER,
ADD COLUMN     "extensionState" TEXT,
ADD COLUMN     "replyType" TEXT;
