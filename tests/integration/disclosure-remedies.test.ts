import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCore, type Core } from "../../src/core.js";
import { QUEUE_NAMES } from "../../src/queues/definitions.js";
import { toStaffActor } from "../../src/staff/staff-service.js";
import { DISCLOSURE_REPLY_TYPES, type DisclosureReplyType } from "../../src/disclosure/reply-types.js";
import { testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";

// The notice each statutory answer type gives the applicant (政府信息公开条例 arts. 35–39, 51;
// 行政复议法 2023 arts. 20, 23, 24; 行政诉讼法 arts. 45, 46), built as the applicant receives it.
const BODY = "北京市朝阳区人民政府";
const OVERSIGHT = "朝阳区政务服务管理局";
let core: Core;

beforeAll(async () => {
  core = createCore(testConfig({ RECONSIDERATION_BODY: BODY, DISCLOSURE_OVERSIGHT_BODY: OVERSIGHT }));
  await resetDatabase(core.prisma);
});
afterAll(async () => {
  for (const name of QUEUE_NAMES) await core?.queues[name].obliterate({ force: true });
  await core?.close();
});

async function answered(type: DisclosureReplyType, again = "") {
  const citizen = await core.citizens.ensure(7000 + DISCLOSURE_REPLY_TYPES.indexOf(type));
  const { case: c } = await core.cases.submit({
    submissionKey: `remedy-${type}${again}`,
    citizenId: citizen.id,
    kind: "DISCLOSURE",
    text: "申请公开本小区加装电梯项目的审批文件",
    anonymous: false,
  });
  const housing = await core.prisma.department.findUniqueOrThrow({ where: { code: "housing" } });
  expect((await core.cases.route(c.id, housing.id)).ok).toBe(true);
  const handler = toStaffActor(await core.prisma.staffMember.findUniqueOrThrow({ where: { telegramId: 900001n } }));
  expect((await core.cases.accept(c.id, handler)).ok).toBe(true);
  expect((await core.cases.answer(c.id, handler, "答复正文", type)).ok).toBe(true);
  const [notice] = await core.notifier.build({ type: "case_answered", caseId: c.id });
  return { ...notice, caseId: c.id };
}

describe("the remedy a disclosure answer states", () => {
  it.each(["not_disclosed", "requires_compilation", "unreasonable_volume", "repeat_request"] as const)(
    "%s is a refusal: reconsideration first, naming the body (复议法 art. 23 ¶1 (4), ¶2; 诉讼法 art. 45)",
    async (type) => {
      const n = await answered(type);
      expect(n.text).toContain(`应当先自收到答复之日起 60 日内向${BODY}申请行政复议`);
      expect(n.text).toContain("可以自收到行政复议决定书之日起 15 日内向人民法院提起行政诉讼");
      expect(n.text).not.toContain("6 个月");
    },
  );

  it("a partial disclosure: the withheld part reconsideration first, the rest either route (条例 art. 37)", async () => {
    const n = await answered("partly_disclosed");
    expect(n.text).toContain(`对其中不予公开的部分不服的，依照《行政复议法》第二十三条第一款第四项，应当先自收到答复之日起 60 日内向${BODY}申请行政复议`);
    expect(n.text).toContain("也可以在 6 个月内向人民法院提起行政诉讼");
  });

  it.each(["disclosed", "already_public", "does_not_exist", "not_held", "not_a_request", "special_procedure", "publication"] as const)(
    "%s informs: reconsideration within 60 days or a lawsuit within 6 months (复议法 art. 20; 诉讼法 art. 46)",
    async (type) => {
      const n = await answered(type);
      expect(n.text).toContain(`可以自收到答复之日起 60 日内向${BODY}申请行政复议（《行政复议法》第二十条），也可以自收到答复之日起 6 个月内向人民法院提起行政诉讼`);
      expect(n.text).not.toContain("应当先");
    },
  );

  it("every type names the oversight route of 条例 art. 51 and asks for no satisfaction rating: its one button starts a reconsideration (issue 12)", async () => {
    const n = await answered("does_not_exist", "-routes");
    expect(n.text).toContain(`还可以向${OVERSIGHT}投诉、举报（《政府信息公开条例》第五十一条）`);
    expect(n.text).not.toContain("满意");
    expect(n.keyboard?.inline_keyboard.flat().map((b) => [b.text, "callback_data" in b ? b.callback_data : null])).toEqual([["申请行政复议", `rcs:${n.caseId}`]]);
  });

  it("a complaint's answer is still rated", async () => {
    const citizen = await core.citizens.ensure(7999);
    const { case: c } = await core.cases.submit({ submissionKey: "remedy-complaint", citizenId: citizen.id, kind: "COMPLAINT", text: "楼道灯坏了", anonymous: false });
    const housing = await core.prisma.department.findUniqueOrThrow({ where: { code: "housing" } });
    await core.cases.route(c.id, housing.id);
    const handler = toStaffActor(await core.prisma.staffMember.findUniqueOrThrow({ where: { telegramId: 900001n } }));
    await core.cases.accept(c.id, handler);
    await core.cases.answer(c.id, handler, "已修好");
    const [n] = await core.notifier.build({ type: "case_answered", caseId: c.id });
    expect(n.keyboard).toBeDefined();
    expect(n.text).not.toContain("行政复议");
  });
});
