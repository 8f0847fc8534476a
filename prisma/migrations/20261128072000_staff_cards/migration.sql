-- CreateTable
CREATE TABLE "StaffCard" (
    "caseId" INTEGER NOT NULL,
    "bot" TEXT NOT NULL,
    "chatId" BIGINT NOT NULL,
    "messageId" BIGINT NOT NULL,
    "version" BIGINT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffCard_pkey" PRIMARY KEY ("caseId","bot","chatId")
);
