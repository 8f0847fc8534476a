import { randomBytes } from "node:crypto";
import type { Prisma } from "../db/prisma.js";
import type { StaffMember, StaffRole } from "../generated/prisma/client.js";
import type { StaffActor } from "../cases/permissions.js";

export const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;

export type JoinResult =
  | { ok: true; staff: StaffMember }
  | { ok: false; reason: "unknown" | "used" | "expired" | "already_staff" };

export function toStaffActor(s: StaffMember): StaffActor {
  return { kind: "staff", id: s.id, role: s.role, departmentId: s.departmentId, active: s.active };
}

/** Staff accounts: created only through one-time invites, so nobody can make themselves staff. */
export function createStaffService(deps: { prisma: Prisma }) {
  const { prisma } = deps;

  return {
    /** Creates a one-time invite. Handlers and supervisors need a department. */
    async invite(role: StaffRole, departmentCode?: string): Promise<{ token: string; expiresAt: Date }> {
      let departmentId: number | null = null;
      if (departmentCode) {
        const d = await prisma.department.findUnique({ where: { code: departmentCode } });
        if (!d) throw new Error(`unknown department code "${departmentCode}"`);
        departmentId = d.id;
      } else if (role === "HANDLER" || role === "SUPERVISOR") {
        throw new Error(`a ${role.toLowerCase()} needs --department`);
      }
      // Telegram deep-link payloads allow [A-Za-z0-9_-], at most 64 characters.
      const token = randomBytes(18).toString("base64url");
      const expiresAt = new Date(Date.now() + INVITE_TTL_MS);
      await prisma.staffInvite.create({ data: { token, role, departmentId, expiresAt } });
      return { token, expiresAt };
    },

    /** Redeems an invite for a Telegram user, at most once. */
    async join(token: string, telegramId: number, displayName: string): Promise<JoinResult> {
      return prisma.$transaction(async (tx) => {
        const inv = await tx.staffInvite.findUnique({ where: { token } });
        if (!inv) return { ok: false, reason: "unknown" } as const;
        if (inv.usedAt) return { ok: false, reason: "used" } as const;
        if (inv.expiresAt < new Date()) return { ok: false, reason: "expired" } as const;
        const existing = await tx.staffMember.findUnique({ where: { telegramId: BigInt(telegramId) } });
        if (existing) return { ok: false, reason: "already_staff" } as const;
        const claimed = await tx.staffInvite.updateMany({ where: { token, usedAt: null }, data: { usedAt: new Date() } });
        if (claimed.count === 0) return { ok: false, reason: "used" } as const;
        const staff = await tx.staffMember.create({
          data: { telegramId: BigInt(telegramId), displayName, role: inv.role, departmentId: inv.departmentId },
        });
        await tx.staffInvite.update({ where: { token }, data: { usedById: staff.id } });
        return { ok: true, staff } as const;
      });
    },

    /**
     * Changes a staff member's role (and department: handlers and supervisors need one), or
     * deactivates them. Null when there is no such staff member or department.
     */
    async setRole(telegramId: number, change: { role?: StaffRole; departmentCode?: string; active?: boolean }): Promise<StaffMember | null> {
      const member = await prisma.staffMember.findUnique({ where: { telegramId: BigInt(telegramId) } });
      if (!member) return null;
      const dept = change.departmentCode ? await prisma.department.findUnique({ where: { code: change.departmentCode } }) : undefined;
      if (dept === null) return null;
      return prisma.staffMember.update({
        where: { id: member.id },
        data: { ...(change.role ? { role: change.role } : {}), ...(dept ? { departmentId: dept.id } : {}), ...(change.active !== undefined ? { active: change.active } : {}) },
      });
    },

    byTelegramId: (telegramId: number) =>
      prisma.staffMember.findUnique({ where: { telegramId: BigInt(telegramId) }, include: { department: true } }),
    get: (id: number) => prisma.staffMember.findUnique({ where: { id } }),
    /** Active staff of a department with the given roles (who receives its cards and alerts). */
    ofDepartment: (departmentId: number, roles: StaffRole[]) =>
      prisma.staffMember.findMany({ where: { departmentId, role: { in: roles }, active: true } }),
    withRole: (roles: StaffRole[]) => prisma.staffMember.findMany({ where: { role: { in: roles }, active: true } }),
    departments: () => prisma.department.findMany({ orderBy: { id: "asc" } }),
    department: (code: string) => prisma.department.findUnique({ where: { code } }),
  };
}

export type StaffService = ReturnType<typeof createStaffService>;
