import type { Prisma } from "../db/prisma.js";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** Citizens are known by their Telegram id only; staff never see it (privacy relay). */
export function createCitizenService(deps: { prisma: Prisma; now?: () => Date }) {
  const { prisma } = deps;
  const now = deps.now ?? (() => new Date());
  return {
    /** The citizen for a Telegram user, created on first contact with the default locale; notes the activity (retention counts from it). */
    ensure: (telegramId: number | bigint, languageCode?: string) =>
      prisma.citizen.upsert({
        where: { telegramId: BigInt(telegramId) },
        update: { lastSeenAt: now() },
        create: { telegramId: BigInt(telegramId), locale: languageCode?.startsWith("en") ? "en" : "zh-CN" },
      }),
    get: (id: number) => prisma.citizen.findUnique({ where: { id } }),
    /** Consent given (again): a withdrawal before it no longer applies. */
    consent: (id: number) => prisma.citizen.update({ where: { id }, data: { consentAt: now(), consentWithdrawnAt: null } }),
    setLocale: (id: number, locale: Locale) => prisma.citizen.update({ where: { id }, data: { locale } }),
  };
}

export type CitizenService = ReturnType<typeof createCitizenService>;
