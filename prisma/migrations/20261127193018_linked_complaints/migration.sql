-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "linkedToId" INTEGER;

-- CreateIndex
CREATE INDEX "Case_linkedToId_idx" ON "Case"("linkedToId");
