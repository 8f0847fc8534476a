-- CreateTable
CREATE TABLE "NotificationDelivery" (
    "outboxId" INTEGER NOT NULL,
    "bot" TEXT NOT NULL,
    "chatId" BIGINT NOT NULL,
    "outcome" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotificationDelivery_pkey" PRIMARY KEY ("outboxId","bot","chatId")
);
