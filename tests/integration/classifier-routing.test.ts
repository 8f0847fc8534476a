import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Job } from "bullmq";
import { createCore, type Core } from "../../src/core.js";
import { QUEUE_NAMES } from "../../src/queues/definitions.js";
import { toStaffActor } from "../../src/staff/staff-service.js";
import { createModelRegistry } from "../../src/classifier/registry.js";
import { trainModel } from "../../src/classifier/model.js";
import { SEED_CORPUS } from "../../src/classifier/seed-corpus.js";
import { createClassifyProcessor } from "../../workers/classify.js";
import { createRouteProcessor } from "../../workers/route.js";
import { createMaintenanceProcessor } from "../../workers/maintenance.js";
import { testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";

let core: Core;
let citizenId: number;
const job = <T>(data: T) => ({ data, id: "test" }) as unknown as Job<T>;

beforeAll(() => {
  core = createCore(testConfig());
});
beforeEach(async () => {
  await resetDatabase(core.prisma);
  citizenId = (await core.citizens.ensure(77)).id;
});
afterEach(async () => {
  for (const name of QUEUE_NAMES) await core.queues[name].obliterate({ force: true });
});
afterAll(async () => {
  await core.close();
});

async function fileAndRoute(text: string, key: string) {
  const { case: c } = await core.cases.submit({ submissionKey: key, citizenId, kind: "COMPLAINT", text, anonymous: true });
  await createClassifyProcessor(core)(job({ caseId: c.id }));
  await createRouteProcessor(core)(job({ caseId: c.id }));
  return core.prisma.case.findUniqueOrThrow({ where: { id: c.id }, include: { department: true } });
}

describe("routing by the classifier", () => {
  it("routes a clear case to its department and records the model version", async () => {
    const c = await fileAndRoute("小区物业不管下水道堵塞，污水流得到处都是", "r1");
    expect(c.status).toBe("ASSIGNED");
    expect(c.department?.code).toBe("housing");
    expect(c.confidence).toBeGreaterThanOrEqual(core.config.ROUTING_CONFIDENCE);
    const model = await core.prisma.classifierModel.findFirstOrThrow();
    expect(model.source).toBe("seed");
    expect(c.modelVersion).toBe(model.version);
  });

  it("sends a low-confidence case to the dispatcher, whose choice is stored as a label", async () => {
    const c = await fileAndRoute("每天晚上都有人在空地上聚集，不知道该找谁", "r2");
    expect(c.status).toBe("PENDING_DISPATCH");
    expect(c.confidence).toBeLessThan(core.config.ROUTING_CONFIDENCE);

    const dispatcher = await core.prisma.staffMember.findFirstOrThrow({ where: { role: "DISPATCHER" } });
    const environment = await core.prisma.department.findUniqueOrThrow({ where: { code: "environment" } });
    const r = await core.cases.assign(c.id, toStaffActor(dispatcher), environment.id);
    expect(r.ok).toBe(true);
    const labels = await core.prisma.caseLabel.findMany({ where: { caseId: c.id } });
    expect(labels).toMatchObject([{ departmentCode: "environment", source: "dispatcher", actor: `staff:${dispatcher.id}` }]);
  });

  it("retrains from the labels into a new version that workers then use", async () => {
    const dispatcher = toStaffActor(await core.prisma.staffMember.findFirstOrThrow({ where: { role: "DISPATCHER" } }));
    const environment = await core.prisma.department.findUniqueOrThrow({ where: { code: "environment" } });
    const first = await core.classifier.current();
    // Dispatchers keep telling it that gatherings on empty lots (noise at night) are the environment bureau's.
    const texts = [
      "每天晚上都有人在空地上聚集喧哗，吵得没法睡觉",
      "空地上夜里有人聚集放音乐跳舞，声音很大",
      "晚上空地聚集的人大声喧哗到凌晨",
      "楼下空地每晚聚集一群人喧闹",
      "小区外空地夜间聚集人员喧哗扰民",
      "空地上的人每天聚集到深夜，音响开得很响",
    ];
    for (const [i, text] of texts.entries()) {
      const c = await fileAndRoute(text, `label-${i}`);
      if (c.status === "PENDING_DISPATCH") await core.cases.assign(c.id, dispatcher, environment.id);
      else await core.prisma.caseLabel.create({ data: { caseId: c.id, departmentCode: "environment", source: "transfer", actor: "test" } });
    }
    // Another worker process, already running with the old model, checks the database every time.
    const otherWorker = createModelRegistry({ prisma: core.prisma, logger: core.logger, refreshMs: 0 });
    expect((await otherWorker.current()).version).toBe(first.version);

    await createMaintenanceProcessor(core)(job({ task: "retrain" as const }));
    const newest = await core.prisma.classifierModel.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(newest.source).toBe("retrain");
    expect(newest.version).not.toBe(first.version);
    expect(newest.documents).toBe(84 + texts.length);

    const c = await fileAndRoute("晚上空地上总有人聚集喧哗", "after");
    expect(c.modelVersion).toBe(newest.version);
    expect(c.department?.code).toBe("environment");
    expect((await otherWorker.current()).version).toBe(newest.version);
  });

  it("keeps the model in use when retraining adds nothing new", async () => {
    // A fresh registry: core's still caches the previous test's model, which resetDatabase removed.
    const registry = createModelRegistry({ prisma: core.prisma, logger: core.logger, refreshMs: 0 });
    const before = await registry.current();
    const r = await registry.retrain();
    expect(r).toMatchObject({ changed: false, labels: 0, version: before.version });
    expect(await core.prisma.classifierModel.count()).toBe(1);
  });

  it("leaves a model installed from the district's history alone", async () => {
    const registry = createModelRegistry({ prisma: core.prisma, logger: core.logger, refreshMs: 0 });
    const history = trainModel([
      ...SEED_CORPUS,
      { title: "", body: "历史案件：小区路灯不亮", label: "housing" },
    ]);
    await registry.install(history, "file");
    const r = await registry.retrain();
    expect(r).toMatchObject({ changed: false, skipped: "installed from a file", version: history.version });
    expect((await registry.current()).version).toBe(history.version);
  });
});
