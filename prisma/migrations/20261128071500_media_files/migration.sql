-- CreateTable
CREATE TABLE "MediaFile" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER,
    "caseMessageId" INTEGER,
    "kind" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "senderId" INTEGER NOT NULL,
    "fileName" TEXT,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "metadataStripped" BOOLEAN NOT NULL DEFAULT false,
    "sourceUniqueId" TEXT NOT NULL,
    "citizenFileId" TEXT,
    "staffFileId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MediaFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MediaFile_caseId_idx" ON "MediaFile"("caseId");

-- CreateIndex
CREATE INDEX "MediaFile_caseMessageId_idx" ON "MediaFile"("caseMessageId");
