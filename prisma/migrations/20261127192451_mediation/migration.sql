-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "otherPartyCitizenId" INTEGER,
ADD COLUMN     "outcome" TEXT;

-- CreateTable
CREATE TABLE "PartyInvite" (
    "token" TEXT NOT NULL,
    "caseId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "PartyInvite_pkey" PRIMARY KEY ("token")
);

-- CreateIndex
CREATE INDEX "PartyInvite_caseId_idx" ON "PartyInvite"("caseId");
