-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "classifierReasons" JSONB;

-- AlterTable
ALTER TABLE "ClassifierModel" ADD COLUMN     "heldOutCoverage" DOUBLE PRECISION,
ADD COLUMN     "labels" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "routingThreshold" DOUBLE PRECISION,
ADD COLUMN     "targetPrecision" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "HistoricCase" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "departmentCode" TEXT NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HistoricCase_pkey" PRIMARY KEY ("id")
);
