import { randomBytes } from "node:crypto";
import type { Core } from "../../src/core.js";
import type { CaseKind } from "../../src/generated/prisma/client.js";
import type { CitizenActor, StaffActor } from "../../src/cases/permissions.js";
import type { MediationDetails } from "../../src/mediation/mediation.js";
import { toStaffActor } from "../../src/staff/staff-service.js";

const MEDIATION: MediationDetails = {
  applicantName: "孙丽",
  applicantPhone: "13700001111",
  otherParty: { name: "钱先生", contact: "13800002222" },
  disputeType: "neighbours",
  request: "赔偿维修费用",
  people: 2,
  proactive: false,
};
const DISCLOSURE = { name: "赵敏", idNumber: "110101199003074514", phone: "13900001111", address: "幸福路 1 号", form: "electronic", delivery: "email" };

/** Everyone who may try to act on a case, as real rows: staff of two departments, citizens. */
export async function castOf(core: Core) {
  const housing = await core.prisma.department.findUniqueOrThrow({ where: { code: "housing" } });
  const environment = await core.prisma.department.findUniqueOrThrow({ where: { code: "environment" } });
  const tag = randomBytes(3).readUIntBE(0, 3);
  const staff = async (n: number, role: StaffActor["role"], departmentId: number | null, active = true): Promise<StaffActor> =>
    toStaffActor(
      await core.prisma.staffMember.create({
        data: { telegramId: BigInt(800_000_000 + tag * 10 + n), displayName: `s${n}`, role, departmentId, active },
      }),
    );
  const citizen = async (n: number): Promise<CitizenActor> => ({ kind: "citizen", id: (await core.citizens.ensure(700_000_000 + tag * 10 + n)).id });
  return {
    housing,
    environment,
    handler: await staff(1, "HANDLER", housing.id),
    supervisor: await staff(2, "SUPERVISOR", housing.id),
    otherHandler: await staff(3, "HANDLER", environment.id),
    dispatcher: await staff(4, "DISPATCHER", null),
    admin: await staff(5, "ADMIN", null),
    inactiveHandler: await staff(6, "HANDLER", housing.id, false),
    applicant: await citizen(1),
    otherCitizen: await citizen(2),
    otherParty: await citizen(3),
  };
}
export type Cast = Awaited<ReturnType<typeof castOf>>;

/**
 * Files a case of `kind` for the cast's applicant, routes it to housing (or `department`) and
 * accepts it (unless told to stop earlier).
 */
export async function caseOf(
  core: Core,
  cast: Cast,
  kind: CaseKind,
  opts: { routed?: boolean; accepted?: boolean; citizen?: CitizenActor; department?: "housing" | "environment" } = {},
) {
  const { case: c } = await core.cases.submit({
    submissionKey: `fx-${randomBytes(6).toString("hex")}`,
    citizenId: (opts.citizen ?? cast.applicant).id,
    kind,
    text: "幸福小区3栋楼下的下水道堵塞一个星期了",
    location: "幸福路12号",
    anonymous: true,
    details: kind === "MEDIATION" ? MEDIATION : kind === "DISCLOSURE" ? DISCLOSURE : undefined,
  });
  if (opts.routed === false) return c;
  const target = opts.department === "environment" ? cast.environment : cast.housing;
  const routed = await routeAsAsked(core, c.id, target.id);
  if (opts.accepted === false) return routed;
  const accepted = await core.cases.accept(c.id, target.id === cast.housing.id ? cast.handler : cast.otherHandler);
  if (!accepted.ok) throw new Error(`accept refused: ${accepted.reason}`);
  return accepted.case;
}

/**
 * Routes a new case to `departmentId` as the test asks, whatever live workers did first: in a stack
 * with workers the classify job (which routes) may move the case before the test does. Already in
 * the department asked, it is as asked; waiting for a dispatcher, an active dispatcher assigns it;
 * in another department, that department's supervisor (or handler) transfers it. Staff are the
 * database's own rows (the demo staff in a stack, the cast in integration tests).
 */
export async function routeAsAsked(core: Core, caseId: number, departmentId: number) {
  const routed = await core.cases.route(caseId, departmentId);
  if (routed.ok) return routed.case;
  const now = await core.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
  const staffWhere = (where: { role: { in: StaffActor["role"][] }; departmentId: number | null }) =>
    core.prisma.staffMember.findFirstOrThrow({ where: { ...where, active: true }, orderBy: { role: "desc" } });
  let moved: Awaited<ReturnType<Core["cases"]["route"]>> = routed;
  if (now.status === "ASSIGNED" && now.departmentId === departmentId) return now;
  if (now.status === "PENDING_DISPATCH") {
    moved = await core.cases.assign(caseId, toStaffActor(await staffWhere({ role: { in: ["DISPATCHER"] }, departmentId: null })), departmentId);
  } else if (now.status === "ASSIGNED") {
    const mover = toStaffActor(await staffWhere({ role: { in: ["SUPERVISOR", "HANDLER"] }, departmentId: now.departmentId }));
    moved = await core.cases.transfer(caseId, mover, departmentId);
  }
  if (!moved.ok) throw new Error(`route refused: ${moved.reason} (case ${now.status} in department ${now.departmentId})`);
  return moved.case;
}

/** Everything a refused action must leave as it was. */
export async function footprint(core: Core, caseId?: number) {
  return {
    case: caseId ? await core.prisma.case.findUnique({ where: { id: caseId } }) : null,
    events: await core.prisma.caseEvent.count(),
    outbox: await core.prisma.outboxMessage.count(),
    invites: await core.prisma.partyInvite.findMany({ orderBy: { token: "asc" } }),
    messages: await core.prisma.caseMessage.count(),
    labels: await core.prisma.caseLabel.count(),
  };
}
