-- AlterEnum
ALTER TYPE "StaffRole" ADD VALUE 'LEGAL_OFFICE';

-- CreateTable
CREATE TABLE "WebLoginLink" (
    "tokenHash" TEXT NOT NULL,
    "staffId" INTEGER NOT NULL,
    "role" "StaffRole" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "WebLoginLink_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "WebSession" (
    "idHash" TEXT NOT NULL,
    "staffId" INTEGER NOT NULL,
    "role" "StaffRole" NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "WebSession_pkey" PRIMARY KEY ("idHash")
);

-- CreateIndex
CREATE INDEX "WebLoginLink_staffId_idx" ON "WebLoginLink"("staffId");

-- CreateIndex
CREATE INDEX "WebSession_staffId_idx" ON "WebSession"("staffId");
