import type { Core } from "../src/core.js";
import { OPEN_STATUSES } from "../src/cases/state-machine.js";

/** Open, overdue and closed cases per department: the supervisors' figures as JSON (GET /figures). */
export async function departmentFigures(core: Core, now = new Date()) {
  const departments = await core.prisma.department.findMany({ orderBy: { id: "asc" } });
  const [open, overdue, closed] = await Promise.all([
    core.prisma.case.groupBy({ by: ["departmentId"], where: { status: { in: [...OPEN_STATUSES] } }, _count: true }),
    core.prisma.case.groupBy({
      by: ["departmentId"],
      where: { status: { in: [...OPEN_STATUSES] }, dueAt: { lt: now } },
      _count: true,
    }),
    core.prisma.case.groupBy({ by: ["departmentId"], where: { status: "CLOSED" }, _count: true }),
  ]);
  const count = (rows: { departmentId: number | null; _count: number }[], id: number | null) =>
    rows.find((r) => r.departmentId === id)?._count ?? 0;
  return {
    departments: departments.map((d) => ({
      code: d.code,
      name: d.nameZh,
      open: count(open, d.id),
      overdue: count(overdue, d.id),
      closed: count(closed, d.id),
    })),
    unassigned: { open: count(open, null), overdue: count(overdue, null) },
  };
}
