-- CreateTable
CREATE TABLE "TelegramUpdate" (
    "id" BIGSERIAL NOT NULL,
    "bot" TEXT NOT NULL,
    "updateId" BIGINT NOT NULL,
    "chatId" BIGINT NOT NULL,
    "payload" JSONB,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "handledAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "notBefore" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TelegramUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TelegramUpdate_handledAt_bot_chatId_updateId_idx" ON "TelegramUpdate"("handledAt", "bot", "chatId", "updateId");

-- CreateIndex
CREATE UNIQUE INDEX "TelegramUpdate_bot_updateId_key" ON "TelegramUpdate"("bot", "updateId");
