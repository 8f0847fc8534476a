-- AlterTable: JSON text, since jsonb refuses the \u0000 escape of a NUL in a message
ALTER TABLE "TelegramUpdate" ALTER COLUMN "payload" SET DATA TYPE TEXT USING "payload"::text;
