-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "publicationState" TEXT;

-- CreateTable
CREATE TABLE "PublishedResult" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "departmentId" INTEGER,
    "text" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "place" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3) NOT NULL,
    "approvedById" INTEGER NOT NULL,
    "approvedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PublishedResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseReview" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "reviewerId" INTEGER NOT NULL,
    "procedureProper" BOOLEAN NOT NULL,
    "evidenceSufficient" BOOLEAN NOT NULL,
    "findings" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PublishedResult_caseId_key" ON "PublishedResult"("caseId");

-- CreateIndex
CREATE INDEX "PublishedResult_approvedAt_idx" ON "PublishedResult"("approvedAt");

-- CreateIndex
CREATE INDEX "CaseReview_caseId_idx" ON "CaseReview"("caseId");

-- AddForeignKey
ALTER TABLE "PublishedResult" ADD CONSTRAINT "PublishedResult_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
