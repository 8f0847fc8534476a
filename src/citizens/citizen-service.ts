import type { Prisma } from "../db/prisma.js";
import type { Citizen } from "../generated/prisma/client.js";

/** How often a citizen's activity (lastSeenAt) is written at most: retention counts in days. */
const TOUCH_EVERY_MS = 3600_000;

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** Citizens are known by their Telegram id only; staff never see it (privacy relay). */
export function createCitizenService(deps: { prisma: Prisma; now?: () => Date }) {
  const { prisma } = deps;
  const now = deps.now ?? (() => new Date());
  return {
    /**
     * The citizen for a Telegram user, created on first contact with the default locale; notes the
     * activity (retention counts from it). `known`: the row as just read with the update (the inbox
     * reads it in the same statement); it is used as is when its activity was noted within the last
     * hour (retention counts in days), so most updates cost no query here.
     */
    ensure: async (telegramId: number | bigint, languageCode?: string, known?: Citizen | null): Promise<Citizen> => {
      if (known && known.telegramId === BigInt(telegramId) && Math.abs(now().getTime() - known.lastSeenAt.getTime()) < TOUCH_EVERY_MS) return known;
      return prisma.citizen.upsert({
        where: { telegramId: BigInt(telegramId) },
        update: { lastSeenAt: now() },
        create: { telegramId: BigInt(telegramId), locale: languageCode?.startsWith("en") ? "en" : "zh-CN" },
      });
    },
    get: (id: number) => prisma.citizen.findUnique({ where: { id } }),
    /** Consent given (again): a withdrawal before it no longer applies. */
    consent: (id: number) => prisma.citizen.update({ where: { id }, data: { consentAt: now(), consentWithdrawnAt: null } }),
    setLocale: (id: number, locale: Locale) => prisma.citizen.update({ where: { id }, data: { locale } }),
  };
}

export type CitizenService = ReturnType<typeof createCitizenService>;
