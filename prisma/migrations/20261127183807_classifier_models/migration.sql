-- AlterTable
ALTER TABLE "Department" DROP COLUMN "keywords";

-- CreateTable
CREATE TABLE "ClassifierModel" (
    "id" SERIAL NOT NULL,
    "version" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "documents" INTEGER NOT NULL,
    "data" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClassifierModel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseLabel" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "departmentCode" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseLabel_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ClassifierModel_version_key" ON "ClassifierModel"("version");

-- CreateIndex
CREATE INDEX "CaseLabel_caseId_idx" ON "CaseLabel"("caseId");
