import type { Prisma } from "../src/db/prisma.js";
import { DEMO_STAFF, DEPARTMENTS, MEDIATION_BODIES, RECONSIDERATION_OFFICE } from "./seed-data.js";

/** Upserts the departments (and, for the emulator, demo staff). Safe to run on every start. */
export async function seed(prisma: Prisma, opts: { demoStaff: boolean }): Promise<void> {
  for (const d of DEPARTMENTS) {
    const data = { nameZh: d.nameZh, nameEn: d.nameEn, field: d.field };
    await prisma.department.upsert({ where: { code: d.code }, update: data, create: { code: d.code, ...data } });
  }
  const office = { nameZh: RECONSIDERATION_OFFICE.nameZh, nameEn: RECONSIDERATION_OFFICE.nameEn };
  await prisma.department.upsert({ where: { code: RECONSIDERATION_OFFICE.code }, update: office, create: { code: RECONSIDERATION_OFFICE.code, ...office } });
  for (const b of MEDIATION_BODIES) {
    const data = { nameZh: b.nameZh, nameEn: b.nameEn, kind: "MEDIATION_BODY" as const };
    await prisma.department.upsert({ where: { code: b.code }, update: data, create: { code: b.code, ...data } });
  }
  if (!opts.demoStaff) return;
  for (const s of DEMO_STAFF) {
    const dept = s.department ? await prisma.department.findUniqueOrThrow({ where: { code: s.department } }) : null;
    const data = { displayName: s.displayName, role: s.role, departmentId: dept?.id ?? null, active: true };
    await prisma.staffMember.upsert({
      where: { telegramId: BigInt(s.telegramId) },
      update: data,
      create: { telegramId: BigInt(s.telegramId), ...data },
    });
  }
}
