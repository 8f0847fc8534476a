-- CreateTable
CREATE TABLE "DisclosureLawsuit" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "afterReconsideration" BOOLEAN NOT NULL,
    "filedOn" TIMESTAMP(3) NOT NULL,
    "result" TEXT,
    "decidedOn" TIMESTAMP(3),
    "recordedById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DisclosureLawsuit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DisclosureLawsuit_caseId_idx" ON "DisclosureLawsuit"("caseId");
