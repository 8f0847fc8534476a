import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Prisma } from "../db/prisma.js";
import type { StaffMember, StaffRole } from "../generated/prisma/client.js";
import { webScope, type WebScope } from "./scope.js";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const token = () => randomBytes(32).toString("base64url");

/** The signed-in staff member of a request, read fresh from the database on every request. */
export type WebViewer = {
  staffId: number;
  name: string;
  role: StaffRole;
  departmentId: number | null;
  locale: string;
  scope: WebScope;
  csrfToken: string;
};

export type RedeemResult =
  | { ok: true; sessionId: string; expiresAt: Date }
  | { ok: false; reason: "unknown" | "used" | "expired" | "no_access" };

/** Equal-time comparison of two strings (a CSRF token against the session's). */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (typeof given !== "string") return false;
  return timingSafeEqual(createHash("sha256").update(given).digest(), createHash("sha256").update(expected).digest());
}

/**
 * Sign-in without passwords for the web desk: the staff bot's /web issues a one-time link valid for
 * `linkTtlMinutes`; redeeming it creates a session of `sessionHours`. Tokens and session ids are
 * random 256-bit values of which only SHA-256 digests are stored.
 */
export function createWebAuth(deps: { prisma: Prisma; now: () => Date; linkTtlMinutes: number; sessionHours: number }) {
  const { prisma, now } = deps;

  return {
    /** A one-time link token for this staff member and role, or null when the role has no web desk. */
    async issueLink(staff: StaffMember): Promise<{ token: string; expiresAt: Date } | null> {
      if (!staff.active || !webScope(staff.role, staff.departmentId)) return null;
      const t = token();
      const expiresAt = new Date(now().getTime() + deps.linkTtlMinutes * 60_000);
      await prisma.webLoginLink.create({ data: { tokenHash: sha256(t), staffId: staff.id, role: staff.role, expiresAt } });
      return { token: t, expiresAt };
    },

    /** Redeems a link at most once (a conditional update, so two tabs racing get one session). */
    async redeem(t: string): Promise<RedeemResult> {
      const tokenHash = sha256(t);
      const link = await prisma.webLoginLink.findUnique({ where: { tokenHash } });
      if (!link) return { ok: false, reason: "unknown" };
      if (link.usedAt) return { ok: false, reason: "used" };
      if (link.expiresAt <= now()) return { ok: false, reason: "expired" };
      const staff = await prisma.staffMember.findUnique({ where: { id: link.staffId } });
      if (!staff?.active || staff.role !== link.role || !webScope(staff.role, staff.departmentId)) return { ok: false, reason: "no_access" };
      const claimed = await prisma.webLoginLink.updateMany({ where: { tokenHash, usedAt: null }, data: { usedAt: now() } });
      if (claimed.count === 0) return { ok: false, reason: "used" };
      const sessionId = token();
      const expiresAt = new Date(now().getTime() + deps.sessionHours * 3_600_000);
      await prisma.webSession.create({
        data: { idHash: sha256(sessionId), staffId: staff.id, role: staff.role, csrfToken: token(), expiresAt },
      });
      return { ok: true, sessionId, expiresAt };
    },

    /** The viewer behind a session cookie; null for an unknown, expired or revoked session, or changed staff. */
    async viewer(sessionId: string | undefined): Promise<WebViewer | null> {
      if (!sessionId || sessionId.length > 100) return null;
      const s = await prisma.webSession.findUnique({ where: { idHash: sha256(sessionId) } });
      if (!s || s.revokedAt || s.expiresAt <= now()) return null;
      const staff = await prisma.staffMember.findUnique({ where: { id: s.staffId } });
      if (!staff?.active || staff.role !== s.role) return null;
      const scope = webScope(staff.role, staff.departmentId);
      if (!scope) return null;
      return {
        staffId: staff.id,
        name: staff.displayName,
        role: staff.role,
        departmentId: staff.departmentId,
        locale: staff.locale,
        scope,
        csrfToken: s.csrfToken,
      };
    },

    /** Signs out: the session stops working at once, whatever the browser keeps. */
    async revoke(sessionId: string): Promise<void> {
      await prisma.webSession.updateMany({ where: { idHash: sha256(sessionId), revokedAt: null }, data: { revokedAt: now() } });
    },
  };
}

export type WebAuth = ReturnType<typeof createWebAuth>;
