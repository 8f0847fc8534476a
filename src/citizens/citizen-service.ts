import type { Prisma } from "../db/prisma.js";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** Citizens are known by their Telegram id only; staff never see it (privacy relay). */
export function createCitizenService(deps: { prisma: Prisma }) {
  const { prisma } = deps;
  return {
    /** The citizen for a Telegram user, created on first contact with the default locale. */
    ensure: (telegramId: number | bigint, languageCode?: string) =>
      prisma.citizen.upsert({
        where: { telegramId: BigInt(telegramId) },
        update: {},
        create: { telegramId: BigInt(telegramId), locale: languageCode?.startsWith("en") ? "en" : "zh-CN" },
      }),
    get: (id: number) => prisma.citizen.findUnique({ where: { id } }),
    consent: (id: number) => prisma.citizen.update({ where: { id }, data: { consentAt: new Date() } }),
    setLocale: (id: number, locale: Locale) => prisma.citizen.update({ where: { id }, data: { locale } }),
  };
}

export type CitizenService = ReturnType<typeof createCitizenService>;
