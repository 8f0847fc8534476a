import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Job } from "bullmq";
import { createCore, type Core } from "../../src/core.js";
import { createCaseService } from "../../src/cases/case-service.js";
import { QUEUE_NAMES } from "../../src/queues/definitions.js";
import { startWorkers } from "../../workers/runner.js";
import { createRouteProcessor } from "../../workers/route.js";
import { createClassifyProcessor } from "../../workers/classify.js";
import { createMaintenanceProcessor } from "../../workers/maintenance.js";
import { testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";

let core: Core;
let citizenId: number;

beforeAll(() => {
  core = createCore(testConfig());
});
beforeEach(async () => {
  // With the demo staff: a case is routed only to a department someone works in.
  await resetDatabase(core.prisma);
  citizenId = (await core.citizens.ensure(42)).id;
});
afterEach(async () => {
  for (const name of QUEUE_NAMES) await core.queues[name].obliterate({ force: true });
});
afterAll(async () => {
  await core.close();
});

const input = (submissionKey: string, text = "小区物业不管下水道堵塞，污水流到路上") => ({
  submissionKey,
  citizenId,
  kind: "COMPLAINT" as const,
  text,
  location: "幸福路",
  anonymous: true,
});
const job = <T>(data: T) => ({ data, id: "test" }) as unknown as Job<T>;

async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("submitting and routing cases", () => {
  it("numbers cases MS-<year>-<6 digits> in sequence", async () => {
    const a = await core.cases.submit(input("k1"));
    const b = await core.cases.submit(input("k2"));
    expect(a.case.number).toMatch(/^MS-\d{4}-000001$/);
    expect(b.case.number).toMatch(/^MS-\d{4}-000002$/);
  });

  it("files one case for a submission key, however often and however concurrently it is sent", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => core.cases.submit(input("same-key"))));
    expect(new Set(results.map((r) => r.case.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await core.prisma.case.count()).toBe(1);
    const again = await core.cases.submit(input("same-key"));
    expect(again).toMatchObject({ created: false, case: { id: results[0].case.id } });
    expect(await core.prisma.caseEvent.count({ where: { action: "submit" } })).toBe(1);
    // Its classify job and its two deadline alarms once, not once per attempt.
    expect(await core.prisma.outboxMessage.count()).toBe(3);
  });

  it("writes the case, its first event and its classify job in one transaction", async () => {
    const { case: c } = await core.cases.submit(input("k3"));
    const events = await core.cases.events(c.id);
    expect(events).toMatchObject([{ action: "submit", fromStatus: null, toStatus: "SUBMITTED", actor: "citizen" }]);
    const row = await core.prisma.outboxMessage.findFirstOrThrow({ where: { queue: "classify" } });
    expect(row.payload).toEqual({ caseId: c.id });
    expect(row.enqueuedAt).not.toBeNull();
    const queued = await core.queues.classify.getJob(`ob-${row.id}`);
    expect(queued?.data).toEqual({ caseId: c.id, outboxId: row.id });
  });

  it("changes state once when the classify and route jobs run twice", async () => {
    const { case: c } = await core.cases.submit(input("k4"));
    const classify = createClassifyProcessor(core);
    const route = createRouteProcessor(core);
    await classify(job({ caseId: c.id }));
    await classify(job({ caseId: c.id }));
    await route(job({ caseId: c.id }));
    await route(job({ caseId: c.id }));
    const after = await core.prisma.case.findUniqueOrThrow({ where: { id: c.id }, include: { department: true } });
    expect(after.status).toBe("ASSIGNED");
    expect(after.department?.code).toBe("housing");
    expect(after.modelVersion).toBe((await core.classifier.current()).version);
    expect(after.modelVersion).toMatch(/^m-[0-9a-f]{12}$/);
    const actions = (await core.cases.events(c.id)).map((e) => e.action);
    expect(actions).toEqual(["submit", "classify", "route"]);
  });

  it("routes in the classify job itself, and a rerun routes a case whose job died between the two steps", async () => {
    const { case: c } = await core.cases.submit(input("k4a"));
    await createClassifyProcessor(core)(job({ caseId: c.id }));
    // Routed by the classify job: no route job was written for it.
    expect(await core.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: "ASSIGNED" });
    expect((await core.prisma.outboxMessage.findMany({ where: { queue: "route" } })).length).toBe(0);

    // A job that died after its classification committed: the case is classified and still SUBMITTED.
    const { case: d } = await core.cases.submit(input("k4b"));
    expect((await core.cases.recordClassification(d.id, await core.classifier.classify(d.text))).ok).toBe(true);
    expect(await core.prisma.case.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ status: "SUBMITTED" });
    await createClassifyProcessor(core)(job({ caseId: d.id }));
    expect(await core.prisma.case.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ status: "ASSIGNED" });
    // The same text as the first: routed, then linked to it as a repeat (并单), all in the classify job.
    expect((await core.cases.events(d.id)).map((e) => e.action)).toEqual(["submit", "classify", "route", "link"]);
    expect((await core.prisma.case.findUniqueOrThrow({ where: { id: d.id } })).linkedToId).toBe(c.id);
  });

  it("marks a hazard urgent and shortens its deadline to one working day", async () => {
    const { case: c } = await core.cases.submit(input("k5", "小区楼道里燃气泄漏，味道很大，物业不管"));
    await createClassifyProcessor(core)(job({ caseId: c.id }));
    const after = await core.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(after.priority).toBe("URGENT");
    expect(after.dueAt.getTime()).toBeLessThan(c.dueAt.getTime());
  });

  it("loses no case when the process dies between commit and enqueue: the sweep recovers it", async () => {
    // A case service whose after-commit flush never happens, as if the process died right there.
    const crashing = createCaseService({
      prisma: core.prisma,
      pool: core.pool,
      logger: core.logger,
      outbox: { ...core.outbox, flushQuietly: async () => undefined },
    });
    const { case: c } = await crashing.submit(input("k6"));
    expect(await core.queues.classify.count()).toBe(0);

    const runner = startWorkers(core);
    try {
      await createMaintenanceProcessor(core)(job({ task: "sweep" as const }));
      // Rows younger than the grace period are left to the after-commit flush.
      expect(await core.queues.classify.getJobCounts()).toMatchObject({ waiting: 0, completed: 0, active: 0 });
      await core.prisma.outboxMessage.updateMany({ data: { createdAt: new Date(Date.now() - 60_000) } });
      await createMaintenanceProcessor(core)(job({ task: "sweep" as const }));
      const routed = await waitFor(async () => {
        const x = await core.prisma.case.findUnique({ where: { id: c.id } });
        return x?.status === "ASSIGNED" ? x : null;
      });
      expect(routed.departmentId).not.toBeNull();
      // Once the route step's own after-commit flush has run, sweeping again finds nothing.
      await waitFor(async () => (await core.prisma.outboxMessage.count({ where: { enqueuedAt: null } })) === 0);
      expect(await core.outbox.flush(undefined, 0)).toBe(0);
      expect((await core.cases.events(c.id)).map((e) => e.action)).toEqual(["submit", "classify", "route"]);
    } finally {
      await runner.close();
    }
  });

  it("fails a malformed job for good instead of retrying it", async () => {
    const runner = startWorkers(core, ["route"]);
    try {
      const bad = await core.queues.route.add("route", { caseId: "not-a-number" } as never, { attempts: 5 });
      const failed = await waitFor(async () => {
        const j = await core.queues.route.getJob(bad.id!);
        return (await j?.isFailed()) ? j : null;
      });
      expect(failed!.attemptsMade).toBe(1);
      expect(failed!.failedReason).toMatch(/invalid route payload/);
    } finally {
      await runner.close();
    }
  });
});

describe("staff invites", () => {
  it("works once, for the role and department it names", async () => {
    const { token } = await core.staff.invite("HANDLER", "health");
    const first = await core.staff.join(token, 777, "赵医生");
    expect(first.ok && first.staff.role).toBe("HANDLER");
    expect(await core.staff.join(token, 778, "someone else")).toEqual({ ok: false, reason: "used" });
    expect(await core.staff.join("no-such-token-at-all", 779, "x")).toEqual({ ok: false, reason: "unknown" });
    const dept = await core.prisma.department.findUniqueOrThrow({ where: { code: "health" } });
    expect((await core.staff.byTelegramId(777))?.departmentId).toBe(dept.id);
  });

  it("refuses an expired invite and a handler without a department", async () => {
    const { token } = await core.staff.invite("DISPATCHER");
    await core.prisma.staffInvite.update({ where: { token }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await core.staff.join(token, 780, "x")).toEqual({ ok: false, reason: "expired" });
    await expect(core.staff.invite("HANDLER")).rejects.toThrow(/needs --department/);
    await expect(core.staff.invite("HANDLER", "nope")).rejects.toThrow(/unknown department code "nope"/);
  });
});
