import { afterEach, describe, expect, it } from "vitest";
import type { Job } from "bullmq";
import { createCore, type Core } from "../../src/core.js";
import { QUEUE_NAMES } from "../../src/queues/definitions.js";
import { createClassifyProcessor } from "../../workers/classify.js";
import { createRouteProcessor } from "../../workers/route.js";
import { detectPriority } from "../../src/classifier/rules.js";
import { withEmergencyFlag } from "../../src/emergency/flag.js";
import { testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";
import { startFakeBotApi } from "../helpers/fake-bot-api.js";

// Demo staff (prisma/seed-data.ts): housing handler 900001, dispatcher 900002, housing supervisor 900003, environment handler 900004.
const ADMIN = 900099;
const job = <T>(data: T) => ({ data, id: "test" }) as unknown as Job<T>;

let api: Awaited<ReturnType<typeof startFakeBotApi>>;
let core: Core;

async function setUp() {
  api = await startFakeBotApi({});
  core = createCore(testConfig({ TELEGRAM_API_ROOT: api.apiRoot }));
  await resetDatabase(core.prisma);
  await core.prisma.staffMember.create({ data: { telegramId: ADMIN, displayName: "管理员", role: "ADMIN" } });
}

afterEach(async () => {
  for (const name of QUEUE_NAMES) await core?.queues[name].obliterate({ force: true });
  await core?.close();
  await api?.stop();
});

/** Files a complaint the way the citizen bot does: flagged when the text reads as an emergency. */
async function file(key: string, text: string, details?: object) {
  const citizen = await core.citizens.ensure(5151);
  const { case: c } = await core.cases.submit({
    submissionKey: key,
    citizenId: citizen.id,
    kind: "COMPLAINT",
    text,
    location: "幸福路 8 号",
    anonymous: true,
    details: (details ?? withEmergencyFlag(undefined, text)) as never,
  });
  return c;
}

const outboxOf = (caseId: number, type: string) =>
  core.prisma.outboxMessage.findMany({ where: { name: type, payload: { path: ["caseId"], equals: caseId } } });

describe("an emergency through classification, routing and notification", () => {
  it("stays urgent whatever the classifier makes of the text", async () => {
    await setUp();
    const text = "三楼那户门口有人一直在喊，声音很大"; // nothing urgent in the words themselves
    expect(detectPriority(text)).toBe("NORMAL");
    const flagged = await file("e1", text, { emergency: { kinds: ["crime"], numbers: ["110"] } });
    const plain = await file("e2", text);
    const classify = createClassifyProcessor(core);
    await classify(job({ caseId: flagged.id }));
    await classify(job({ caseId: plain.id }));
    const [a, b] = await Promise.all([flagged.id, plain.id].map((id) => core.prisma.case.findUniqueOrThrow({ where: { id } })));
    expect(a.priority).toBe("URGENT");
    expect(b.priority).toBe("NORMAL");
    expect(a.dueAt.getTime()).toBeLessThan(b.dueAt.getTime());
  });

  it("alerts the department's supervisors and handlers when routed, with the text and the numbers", async () => {
    await setUp();
    const c = await file("e3", "楼道里有很重的煤气味，三楼那户敲门没人应");
    expect(c.details).toEqual({ emergency: { kinds: ["gas"], numbers: ["119"] } });
    await core.cases.recordClassification(c.id, { departmentCode: "housing", confidence: 0.99, priority: "NORMAL", modelVersion: "test" });
    await createRouteProcessor(core)(job({ caseId: c.id }));

    const [row] = await outboxOf(c.id, "emergency_reported");
    expect(row).toBeDefined();
    const r = await core.notifier.deliver({ type: "emergency_reported", caseId: c.id, outboxId: row.id });
    expect(r).toEqual({ sent: 2, skipped: 0, unreachable: 0, noChat: 0 });
    expect(api.sent.map((m) => m.chatId).sort()).toEqual([900001, 900003]);
    for (const m of api.sent) {
      expect(m.text).toMatch(new RegExp(`^🚨 紧急警情 ${c.number}`));
      expect(m.text).toContain("119（火警、救援）");
      expect(m.text).toContain("楼道里有很重的煤气味，三楼那户敲门没人应");
      expect(m.text).toContain("幸福路 8 号");
    }
  });

  it("alerts the dispatchers and administrators when it goes to dispatch", async () => {
    await setUp();
    const c = await file("e4", "路口两辆车撞了，有人被困在车里出不来");
    await core.cases.recordClassification(c.id, { departmentCode: null, confidence: 0.1, priority: "URGENT", modelVersion: "test" });
    await createRouteProcessor(core)(job({ caseId: c.id }));
    const [row] = await outboxOf(c.id, "emergency_reported");
    await core.notifier.deliver({ type: "emergency_reported", caseId: c.id, outboxId: row.id });
    expect(api.sent.map((m) => m.chatId).sort()).toEqual([900002, ADMIN]);
    expect(api.sent[0].text).toContain("119（火警、救援）、122（交通事故）、120（急救）");
  });

  it("sends no emergency alert for an ordinary case", async () => {
    await setUp();
    const c = await file("e5", "小区垃圾好几天没人清运，臭气熏天");
    expect(c.details).toBeNull();
    await core.cases.recordClassification(c.id, { departmentCode: "housing", confidence: 0.99, priority: "NORMAL", modelVersion: "test" });
    await createRouteProcessor(core)(job({ caseId: c.id }));
    expect(await outboxOf(c.id, "case_routed")).toHaveLength(1);
    expect(await outboxOf(c.id, "emergency_reported")).toHaveLength(0);
  });
});
