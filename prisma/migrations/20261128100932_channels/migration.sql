-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "accessSecretHash" TEXT;

-- AlterTable
ALTER TABLE "Citizen" ADD COLUMN     "channel" TEXT NOT NULL DEFAULT 'telegram',
ALTER COLUMN "telegramId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "ApiClient" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiClient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CitizenNotice" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "outboxId" INTEGER,
    "part" INTEGER NOT NULL DEFAULT 0,
    "type" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CitizenNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiClient_name_key" ON "ApiClient"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ApiClient_keyHash_key" ON "ApiClient"("keyHash");

-- CreateIndex
CREATE INDEX "CitizenNotice_caseId_idx" ON "CitizenNotice"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "CitizenNotice_outboxId_part_key" ON "CitizenNotice"("outboxId", "part");
