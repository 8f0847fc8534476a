import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../helpers/stack.js";
import { createHttpApp } from "../../http/server.js";
import { routeAsAsked } from "../helpers/case-fixtures.js";

// Issue 13, "Published results (item 31)": the handler proposes the answered complaint's result with
// the button under the answer's confirmation, the supervisor approves the stripped copy shown to
// them, and it appears on the public /results page and in the public channel (RESULTS_CHANNEL_ID).
const HOUSING_HANDLER = 900001;
const HOUSING_SUPERVISOR = 900003;
const CHANNEL = -1001234567890;
const NAME = "刘明";
const PHONE = "13800138000";
const ID_NUMBER = "11010119900307451X";
const CITIZEN_TELEGRAM = 10777;

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ env: { RESULTS_CHANNEL_ID: String(CHANNEL) } });
});
afterAll(async () => {
  await stack?.stop();
});

describe("publishing a complaint's result through the staff bot", () => {
  it("goes from the handler's proposal to the supervisor's approval, the public page and the channel", async () => {
    const core = stack.core;
    const citizen = await core.citizens.ensure(CITIZEN_TELEGRAM);
    const housing = await core.prisma.department.findUniqueOrThrow({ where: { code: "housing" } });
    const { case: filed } = await core.cases.submit({
      submissionKey: "pub-e2e-1",
      citizenId: citizen.id,
      kind: "COMPLAINT",
      text: `我是${NAME}，电话 ${PHONE}，身份证${ID_NUMBER}。幸福小区3栋楼下的下水道堵塞一个星期了，物业一直不处理。`,
      location: "幸福路 12 号幸福小区东门",
      anonymous: false,
      contactName: NAME,
      contactPhone: PHONE,
    });
    // Live workers classify and route the case too; whichever comes first, it ends in housing.
    await routeAsAsked(core, filed.id, housing.id);

    const handler = stack.staff(HOUSING_HANDLER);
    const supervisor = stack.staff(HOUSING_SUPERVISOR);
    const card = await handler.expect(new RegExp(filed.number));
    await handler.press(card, "签收");
    await handler.expectEdit(card.messageId, /状态：办理中/);
    await handler.press(card, "答复并办结");
    await handler.expect(/请输入给群众的答复/);
    await handler.send(`已责成物业三日内疏通下水道，并请${NAME}（${PHONE}）确认。`);
    const done = await handler.expect(new RegExp(`${filed.number} 已办结`));
    expect(done.buttons.flat().map((b) => b.text)).toEqual(["申请公开办理结果"]);
    await handler.press(done, "申请公开办理结果");
    await handler.expect(/已将 .* 的办理结果提交部门负责人审核公开/);

    // The supervisor sees exactly what would be published, personal data already taken out.
    const preview = await supervisor.expect(/申请公开办理结果/);
    for (const secret of [NAME, PHONE, ID_NUMBER, String(CITIZEN_TELEGRAM), "12 号"]) expect(preview.text).not.toContain(secret);
    expect(preview.text).toContain("地点：幸福路");
    expect(preview.text).toContain("下水道堵塞一个星期了");
    await supervisor.press(preview, "批准公开");
    await supervisor.expect(/已处理 .* 的公开申请/);
    await handler.expect(new RegExp(`${filed.number} 的办理结果已批准公开`));

    const post = await stack.citizen(CHANNEL).expect(/【办理结果公开】/);
    expect(post.text).toContain(filed.number);
    expect(post.text).toContain("区住房和城乡建设局");
    for (const secret of [NAME, PHONE, ID_NUMBER]) expect(post.text).not.toContain(secret);

    const page = await (await createHttpApp(core).request(`/results?q=${encodeURIComponent(filed.number)}`)).text();
    expect(page).toContain(filed.number);
    expect(page).toContain("已责成物业三日内疏通下水道");
    for (const secret of [NAME, PHONE, ID_NUMBER, String(CITIZEN_TELEGRAM)]) expect(page).not.toContain(secret);

    // The audit trail has the proposal and the approval, by whom.
    const events = (await core.cases.events(filed.id)).map((e) => e.action);
    expect(events).toEqual(expect.arrayContaining(["answer", "propose_publication", "approve_publication"]));

    // A second press of the used approval changes nothing and says why.
    await supervisor.pressData(preview.messageId, `pb:a:${filed.id}`);
    await supervisor.expect(new RegExp(filed.number));
    expect((await core.cases.events(filed.id)).filter((e) => e.action === "approve_publication")).toHaveLength(1);
  }, 90_000);
});
