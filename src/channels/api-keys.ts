import { createHash, randomBytes } from "node:crypto";
import type { Prisma } from "../db/prisma.js";

const KEY_PATTERN = /^ms311_[\w-]{43}$/;
const hashOf = (key: string) => createHash("sha256").update(key).digest("hex");

/**
 * Open311 API keys (`api_key`), issued by an administrator with `npm run api:key -- --name …`. The
 * key (a random 256-bit value) is shown once; only its SHA-256 is kept, so the table cannot be
 * replayed into keys. A lookup by digest compares nothing secret character by character.
 */
export function createApiKeys(deps: { prisma: Prisma }) {
  const { prisma } = deps;
  return {
    /** A new client and its key; a name already issued is refused (revoke it first). */
    async issue(name: string): Promise<{ ok: true; key: string } | { ok: false; reason: "name_taken" }> {
      const key = `ms311_${randomBytes(32).toString("base64url")}`;
      try {
        await prisma.apiClient.create({ data: { name, keyHash: hashOf(key) } });
        return { ok: true, key };
      } catch (err) {
        if ((err as { code?: string }).code === "P2002") return { ok: false, reason: "name_taken" };
        throw err;
      }
    },
    /** The client a key belongs to, or null for a missing, malformed, unknown or revoked key. */
    async clientOf(key: string | undefined): Promise<{ id: number; name: string } | null> {
      if (!key || !KEY_PATTERN.test(key)) return null;
      const c = await prisma.apiClient.findUnique({ where: { keyHash: hashOf(key) } });
      return c && !c.revokedAt ? { id: c.id, name: c.name } : null;
    },
    revoke: (name: string) => prisma.apiClient.updateMany({ where: { name, revokedAt: null }, data: { revokedAt: new Date() } }),
  };
}

export type ApiKeys = ReturnType<typeof createApiKeys>;
