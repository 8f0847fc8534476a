-- AlterTable
ALTER TABLE "TelegramUpdate" ADD COLUMN     "repeatKey" TEXT,
ADD COLUMN     "sentAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "TelegramUpdate_bot_chatId_updateId_idx" ON "TelegramUpdate"("bot", "chatId", "updateId");
