import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { createCore, type Core } from "../../src/core.js";
import { candidatesQuery, findNearDuplicate, keyOpenComplaints } from "../../src/cases/duplicates.js";
import { duplicateKeys } from "../../src/cases/duplicate-keys.js";
import { complaint, rng } from "../../scripts/bench/complaints.js";
import { testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";
import { castOf, type Cast } from "../helpers/case-fixtures.js";
import { waitFor } from "../helpers/wait.js";
import { startUpkeep } from "../../workers/upkeep.js";

// 并单 candidates come from the MinHash keys' index (Case.dupKeys), scored by Dice over text and place.

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

  it("searches of concurrent route jobs share statements, and each finds its own lead", async () => {
    const NOISE = "广场舞音响太吵晚上十点以后还在放，吵得老人孩子都睡不着觉";
    const drainLead = await routed(DRAIN, "幸福路12号幸福小区", cast.housing.id);
    const noiseLead = await routed(NOISE, "和平广场", cast.housing.id);
    const envLead = await routed(DRAIN, "幸福路12号幸福小区", cast.environment.id);
    const repeats = [
      { c: await routed(DRAIN_AGAIN, "幸福路 12 号幸福小区", cast.housing.id), lead: drainLead.id },
      { c: await routed("广场舞音响太吵了，晚上十点以后还在放，吵得老人孩子都睡不着", "和平广场", cast.housing.id), lead: noiseLead.id },
      { c: await routed(DRAIN_AGAIN, "幸福路 12 号幸福小区", cast.environment.id), lead: envLead.id },
      { c: await routed("公交站台的顶棚被风刮坏了", "和平路", cast.housing.id), lead: null },
    ];
    // Counted on the pool the searches use, by statement text.
    const texts: string[] = [];
    const query = core.pool.query.bind(core.pool) as (q: { text: string }) => Promise<unknown>;
    core.pool.query = ((q: { text: string }) => (texts.push(q.text), query(q))) as typeof core.pool.query;
    let found;
    try {
      found = await Promise.all(repeats.map((r) => findNearDuplicate(core.pool, r.c, 0.6)));
    } finally {
      core.pool.query = query as typeof core.pool.query;
    }
    expect(found.map((f) => f?.id ?? null)).toEqual(repeats.map((r) => r.lead));
    const searches = texts.filter((t) => t.includes("case_look_alikes")).length;
    expect(searches).toBeGreaterThanOrEqual(1);
    expect(searches).toBeLessThan(repeats.length);
  });

  it("leaves closed complaints and complaints already linked to another out", async () => {
    const lead = await routed(DRAIN, "幸福路12号幸福小区", cast.housing.id);
    await core.prisma.case.update({ where: { id: lead.id }, data: { status: "CLOSED", closedAt: new Date() } });
    const follower = await routed(DRAIN, "幸福路12号幸福小区", cast.housing.id);
    await core.prisma.case.update({ where: { id: follower.id }, data: { linkedToId: lead.id } });
    const repeat = await routed(DRAIN_AGAIN, "幸福路 12 号幸福小区", cast.housing.id);
    expect(await findNearDuplicate(core.pool, repeat, 0.6)).toBeNull();
  });

  it("stores a complaint's keys when it is filed, and none for other kinds", async () => {
    const lead = await routed(DRAIN, "幸福路12号幸福小区", cast.housing.id);
    const { case: disclosure } = await core.cases.submit({ submissionKey: "dup-disclosure", citizenId: cast.applicant.id, kind: "DISCLOSURE", text: DRAIN, anonymous: false, contactName: "张三" });
    const rows = await core.pool.query<{ id: number; dupKeys: number[] | null }>(`SELECT "id", "dupKeys" FROM "Case" WHERE "id" = ANY($1::int[]) ORDER BY "id"`, [[lead.id, disclosure.id]]);
    expect(rows.rows[0].dupKeys).toEqual(duplicateKeys({ text: DRAIN, location: "幸福路12号幸福小区" }));
    expect(rows.rows[1].dupKeys).toBeNull();
  });

  it("keys the open complaints filed before keys existed, so their repeats are found", async () => {
    const lead = await routed(DRAIN, "幸福路12号幸福小区", cast.housing.id);
    const closed = await routed("路灯坏了好几盏晚上很黑", "和平路", cast.housing.id);
    await core.prisma.case.update({ where: { id: closed.id }, data: { status: "CLOSED", closedAt: new Date() } });
    await core.pool.query(`UPDATE "Case" SET "dupKeys" = NULL`);
    const before = await core.prisma.case.findUniqueOrThrow({ where: { id: lead.id } });

    expect(await keyOpenComplaints(core.pool, 1)).toBe(1);
    expect(await keyOpenComplaints(core.pool)).toBe(0);
    const rows = await core.pool.query<{ id: number; dupKeys: number[] | null; updatedAt: Date }>(`SELECT "id", "dupKeys", "updatedAt" FROM "Case" WHERE "id" = ANY($1::int[]) ORDER BY "id"`, [[lead.id, closed.id]]);
    expect(rows.rows[0].dupKeys).toEqual(duplicateKeys({ text: DRAIN, location: "幸福路12号幸福小区" }));
    // The guarded steps compare updatedAt: keying must not make them lose a race.
    expect(rows.rows[0].updatedAt.getTime()).toBe(before.updatedAt.getTime());
    expect(rows.rows[1].dupKeys).toBeNull();
    const repeat = await routed(DRAIN_AGAIN, "幸福路 12 号幸福小区", cast.housing.id);
    expect(await findNearDuplicate(core.pool, repeat, 0.6)).toMatchObject({ id: lead.id });
  });

  it("has a workers process key them in its first sweep", async () => {
    const lead = await routed(DRAIN, "幸福路12号幸福小区", cast.housing.id);
    await core.pool.query(`UPDATE "Case" SET "dupKeys" = NULL`);
    const workers = createCore(testConfig({ SWEEP_INTERVAL_SECONDS: "1" }));
    const upkeep = startUpkeep(workers, { ensureSchedulers: async () => undefined });
    const keysOf = async () => (await core.pool.query<{ dupKeys: number[] | null }>(`SELECT "dupKeys" FROM "Case" WHERE "id" = $1`, [lead.id])).rows[0].dupKeys;
    try {
      await waitFor("the lead's keys", async () => (await keysOf()) !== null);
    } finally {
      upkeep.stop();
      await workers.close();
    }
    expect(await keysOf()).toEqual(duplicateKeys({ text: DRAIN, location: "幸福路12号幸福小区" }));
  });

  it("reads only the look-alikes, not the department's 2,000 open complaints", async () => {
    const lead = await routed(DRAIN, "幸福路12号幸福小区", cast.housing.id);
    // 2,000 open complaints of the department in the style of the benchmark's (stitched from the seed corpus).
    const r = rng(7);
    const backlog = Array.from({ length: 2000 }, () => complaint(r));
    await core.pool.query(
      `INSERT INTO "Case" ("number", "submissionKey", "kind", "citizenId", "text", "location", "status", "departmentId", "dueAt", "updatedAt", "dupKeys")
       SELECT 'BULK-' || v.i, 'bulk-' || v.i, 'COMPLAINT', $1, v.t, v.l, 'ASSIGNED', $2, now() + interval '20 days', now(), v.k::int[]
         FROM unnest($3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS v(t, l, k, i)`,
      [cast.applicant.id, cast.housing.id, backlog.map((c) => c.text), backlog.map((c) => c.location), backlog.map((c) => `{${duplicateKeys(c).join(",")}}`)],
    );
    await core.pool.query(`ANALYZE "Case"`);
    const repeat = await routed(DRAIN_AGAIN, "幸福路 12 号幸福小区", cast.housing.id);
    expect(await findNearDuplicate(core.pool, repeat, 0.6)).toMatchObject({ id: lead.id });

    // The statement reads through case_look_alikes: its body, explained under its own settings.
    const fn = (await core.pool.query<{ prosrc: string; proconfig: string[] }>(`SELECT prosrc, proconfig FROM pg_proc WHERE proname = 'case_look_alikes'`)).rows[0];
    expect(candidatesQuery([{ ...repeat, departmentId: cast.housing.id, keys: [] }]).text).toContain("case_look_alikes(q.keys::int[])");
    const client = await core.pool.connect();
    let plan;
    try {
      await client.query("BEGIN");
      for (const setting of fn.proconfig) {
        const [name, value] = setting.split("=");
        await client.query(`SELECT set_config($1, $2, true)`, [name, value]);
      }
      plan = (await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${fn.prosrc.replace(/"keys"/g, "$1::int[]")}`, [duplicateKeys(repeat)])).rows[0]["QUERY PLAN"][0].Plan;
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
    const nodes: { "Node Type": string; "Index Name"?: string; "Actual Rows": number; Plans?: unknown[] }[] = [];
    const walk = (n: (typeof nodes)[number]) => (nodes.push(n), (n.Plans ?? []).forEach((p) => walk(p as (typeof nodes)[number])));
    walk(plan);
    expect(nodes.find((n) => n["Node Type"] === "Bitmap Index Scan")?.["Index Name"]).toBe("Case_dupKeys_idx");
    expect(nodes.some((n) => n["Node Type"] === "Seq Scan")).toBe(false);
    // Every row the statement read came through the keys: the lead, the repeat and the few that look alike.
    const read = nodes.find((n) => n["Node Type"] === "Bitmap Heap Scan")!["Actual Rows"];
    expect(read).toBeGreaterThanOrEqual(2);
    expect(read).toBeLessThan(100);
  });
});
