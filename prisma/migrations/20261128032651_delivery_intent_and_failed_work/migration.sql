-- AlterTable
ALTER TABLE "NotificationDelivery" DROP CONSTRAINT "NotificationDelivery_pkey",
ADD COLUMN     "messageId" BIGINT,
ADD COLUMN     "part" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD CONSTRAINT "NotificationDelivery_pkey" PRIMARY KEY ("outboxId", "bot", "chatId", "part");

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "failReason" TEXT,
ADD COLUMN     "failedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "OutboxMessage_completedAt_idx" ON "OutboxMessage"("completedAt");
