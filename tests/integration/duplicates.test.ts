import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { createCore, type Core } from "../../src/core.js";
import { findNearDuplicate } from "../../src/cases/duplicates.js";
import { testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";
import { castOf, type Cast } from "../helpers/case-fixtures.js";

// 并单 candidates come from the trigram index (pg_trgm), scored by Dice over text and place.

let core: Core;
let cast: Cast;

beforeAll(() => {
  core = createCore(testConfig());
});
beforeEach(async () => {
  await resetDatabase(core.prisma);
  cast = await castOf(core);
});
afterAll(async () => {
  await core.close();
});

const DRAIN = "幸福小区3栋楼下的下水道堵塞一个星期了，物业一直不处理，污水流到路上。";
const DRAIN_AGAIN = "幸福小区3栋楼下下水道堵塞快一个星期了，物业不处理，污水都流到路上了！";

async function routed(text: string, location: string, departmentId: number) {
  const { case: c } = await core.cases.submit({ submissionKey: `dup-${randomBytes(6).toString("hex")}`, citizenId: cast.applicant.id, kind: "COMPLAINT", text, location, anonymous: true });
  const r = await core.cases.route(c.id, departmentId);
  if (!r.ok) throw new Error(`route refused: ${r.reason}`);
  return r.case;
}

describe("findNearDuplicate", () => {
  it("finds the open complaint of the same department that another resident repeats, and nothing else", async () => {
    const lead = await routed(DRAIN, "幸福路12号幸福小区", cast.housing.id);
    // Unrelated complaints of the same department, and the same complaint in another department.
    for (const t of ["广场舞音响太吵晚上十点以后还在放", "小区物业收了物业费却不管事，电梯坏了一个月", "路灯坏了好几盏晚上很黑"]) await routed(t, "和平路", cast.housing.id);
    const elsewhere = await routed(DRAIN, "幸福路12号幸福小区", cast.environment.id);
    const repeat = await routed(DRAIN_AGAIN, "幸福路 12 号幸福小区", cast.housing.id);

    const found = await findNearDuplicate(core.pool, repeat, 0.6);
    expect(found).toMatchObject({ id: lead.id, number: lead.number });
    expect(found!.similarity).toBeGreaterThanOrEqual(0.6);
    // Above the found similarity nothing qualifies; an unrelated text finds nothing.
    expect(await findNearDuplicate(core.pool, repeat, 0.99)).toBeNull();
    const noise = await routed("公交站台的顶棚被风刮坏了", "和平路", cast.housing.id);
    expect(await findNearDuplicate(core.pool, noise, 0.6)).toBeNull();
    // The other department's copy finds its own department's only.
    expect(await findNearDuplicate(core.pool, elsewhere, 0.6)).toBeNull();
  });

  it("leaves closed complaints and complaints already linked to another out", async () => {
    const lead = await routed(DRAIN, "幸福路12号幸福小区", cast.housing.id);
    await core.prisma.case.update({ where: { id: lead.id }, data: { status: "CLOSED", closedAt: new Date() } });
    const follower = await routed(DRAIN, "幸福路12号幸福小区", cast.housing.id);
    await core.prisma.case.update({ where: { id: follower.id }, data: { linkedToId: lead.id } });
    const repeat = await routed(DRAIN_AGAIN, "幸福路 12 号幸福小区", cast.housing.id);
    expect(await findNearDuplicate(core.pool, repeat, 0.6)).toBeNull();
  });

  it("reads the candidates by the trigram index, not by the department's open complaints", async () => {
    // A small test table may be cheaper to scan: ask the planner as a large table would make it answer.
    const client = await core.pool.connect();
    try {
      await client.query("SET enable_seqscan = off");
      const plan = await client.query(`EXPLAIN (FORMAT JSON) SELECT "id" FROM "Case" WHERE "text" % $1`, [DRAIN]);
      expect(JSON.stringify(plan.rows[0])).toContain("Case_text_trgm_idx");
    } finally {
      await client.query("RESET enable_seqscan");
      client.release();
    }
  });
});
