import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import exifr from "exifr";
import { startStack, type Stack } from "../helpers/stack.js";
import { consent } from "../helpers/flows.js";
import { waitFor } from "../helpers/wait.js";
import { sampleJpeg, type BotMessage, type EmulatorUser } from "../../src/telegram/emulator-client.js";

// Demo staff seeded for the emulator (prisma/seed-data.ts).
const HOUSING_HANDLER = 900001;
const HOUSING_SUPERVISOR = 900003;
/** A small limit for this file, so "too large" is tried without building 10 MB files. */
const MEDIA_MAX_BYTES = 200_000;

const PDF = Buffer.from("%PDF-1.4\n% 幸福小区漏水照片说明\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

/** A JPEG carrying EXIF with GPS (39°54′N 116°23′E), as a phone writes it. */
async function gpsJpeg(seed: string): Promise<Buffer> {
  return sharp(await sampleJpeg(seed, { width: 160, height: 120 }))
    .withExif({ IFD0: { Make: "TestPhone" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "39/1 54/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "116/1 23/1 0/1" } })
    .jpeg()
    .toBuffer();
}

let stack: Stack;
/** The album deliveries (part 1: after the card) of a notify job. */
const albums = (outboxId: number) => stack.core.prisma.notificationDelivery.findMany({ where: { outboxId, part: 1 } });
beforeAll(async () => {
  stack = await startStack({ env: { MEDIA_MAX_BYTES: String(MEDIA_MAX_BYTES) } });
});
afterAll(async () => {
  await stack?.stop();
});

/** /new up to the photo step (a housing complaint, which the seed classifier routes to the housing bureau). */
async function toPhotoStep(citizen: EmulatorUser): Promise<BotMessage> {
  await citizen.send("/new");
  await citizen.expect(/第 1 步/);
  await citizen.send("开发商交房两年了还办不下房产证，小区业主多次找过都没有结果，楼道还漏水。");
  await citizen.expect(/第 2 步/);
  await citizen.send("新城区锦绣花园 3 号楼");
  return citizen.expect(/第 3 步/);
}

/** From the photo step's "done" to the receipt, anonymously; returns the case number. */
async function finish(citizen: EmulatorUser, last: BotMessage): Promise<string> {
  await citizen.press(last, "完成");
  await citizen.press(await citizen.expect(/第 4 步/), "匿名");
  await citizen.press(await citizen.expect(/请核对/), "确认提交");
  return /MS-\d{4}-\d{6}/.exec((await citizen.expect(/已受理。事项编号/)).text)![0];
}

/**
 * How long a card may take on a loaded machine: the first case of the file waits for the classifier
 * to be trained and every step runs beside the rest of the suite.
 */
const CARD_WAIT_MS = 60_000;

/** The staff member's card of the case, then the media that followed it, in order. */
async function cardAndMedia(staff: EmulatorUser, number: string, albums: number): Promise<{ card: BotMessage; media: BotMessage[] }> {
  const card = await staff.expect(new RegExp(`【投诉举报】${number}`), CARD_WAIT_MS);
  const media: BotMessage[] = [];
  for (let i = 0; i < albums; i++) {
    const first = await staff.expect(new RegExp(`${number} · 群众提交的附件`), CARD_WAIT_MS);
    media.push(first);
    // The album's other items carry no caption; they arrive with it.
    if (first.mediaGroupId) media.push(...staff.received.filter((m) => m.mediaGroupId === first.mediaGroupId && m !== first));
  }
  return { card, media };
}

// Whole flows through both bots and the workers: on a loaded machine one takes more than the default 30 s.
describe("photos and documents", { timeout: 120_000 }, () => {
  it("a complaint with two photos and a PDF reaches the handler and the supervisor as media, without the photos' GPS", async () => {
    const citizen = stack.citizen(60001);
    const handler = stack.staff(HOUSING_HANDLER);
    const supervisor = stack.staff(HOUSING_SUPERVISOR);
    await consent(citizen);
    await toPhotoStep(citizen);
    const original = await gpsJpeg("leak");
    expect(await exifr.gps(original)).toMatchObject({ latitude: 39.9 });
    await citizen.sendPhoto(original);
    await citizen.expect(/已收到第 1 张照片/);
    // The same photo "as a file" keeps its EXIF in Telegram: only Minsheng's removal protects it.
    await citizen.sendDocument(original, "楼道漏水.jpg");
    await citizen.expect(/已收到文件「楼道漏水.jpg」（共 2 个附件）/);
    await citizen.sendPhoto(await gpsJpeg("ceiling"));
    await citizen.expect(/已收到第 3 张照片/);
    await citizen.sendDocument(PDF, "物业维修记录.pdf");
    const last = await citizen.expect(/已收到文件「物业维修记录.pdf」（共 4 个附件）/);
    const number = await finish(citizen, last);

    for (const staff of [handler, supervisor]) {
      const { card, media } = await cardAndMedia(staff, number, 2);
      expect(card.text).toContain("附件（照片、文件）：4 个");
      // Telegram keeps photos and documents in separate albums: two photos, then the two documents.
      expect(media.map((m) => m.media?.kind)).toEqual(["photo", "photo", "document", "document"]);
      expect(media[0].text).toBe(`${number} · 群众提交的附件（4 个）`);
      expect(media.slice(2).map((m) => m.media?.fileName)).toEqual(["楼道漏水.jpg", "物业维修记录.pdf"]);
      expect((await staff.download(media[3].media!)).equals(PDF)).toBe(true);
      // No location in anything staff receive, the document sent as a file included.
      for (const m of media.filter((x) => x.media!.mimeType !== "application/pdf")) {
        const bytes = await staff.download(m.media!);
        expect((await sharp(bytes).metadata()).width).toBeGreaterThan(0);
        expect(await exifr.gps(bytes)).toBeUndefined();
      }
    }

    // Fetched once through the citizen bot, kept, uploaded once through the staff bot, then its cached id reused.
    const c = await stack.core.prisma.case.findUniqueOrThrow({ where: { number } });
    const kept = await stack.core.prisma.mediaFile.findMany({ where: { caseId: c.id }, orderBy: { id: "asc" } });
    expect(kept.map((f) => [f.kind, f.source, f.metadataStripped])).toEqual([
      ["photo", "citizen", true],
      ["document", "citizen", true],
      ["photo", "citizen", true],
      ["document", "citizen", false],
    ]);
    expect(kept.every((f) => f.staffFileId)).toBe(true);
    const handlerFiles = handler.received.filter((m) => m.media).map((m) => m.media!.fileId);
    const supervisorFiles = supervisor.received.filter((m) => m.media).map((m) => m.media!.fileId);
    expect(new Set(supervisorFiles)).toEqual(new Set(handlerFiles));
    // Every album is a recorded delivery of its notify job, sent.
    const deliveries = await stack.core.prisma.notificationDelivery.findMany({ where: { bot: "staff", chatId: BigInt(HOUSING_HANDLER) } });
    expect(deliveries.filter((d) => d.outcome === "sent").length).toBeGreaterThanOrEqual(3);
  });

  it("keeps a photo's location only when the citizen chose to share it", async () => {
    const citizen = stack.citizen(60002);
    const handler = stack.staff(HOUSING_HANDLER);
    await consent(citizen);
    const step = await toPhotoStep(citizen);
    await citizen.press(step, "保留照片位置");
    await citizen.expect(/将保留其中的位置信息/);
    await citizen.sendDocument(await gpsJpeg("located"), "位置.jpg");
    const number = await finish(citizen, await citizen.expect(/已收到文件「位置.jpg」/));
    const { media } = await cardAndMedia(handler, number, 1);
    expect(await exifr.gps(await handler.download(media[0].media!))).toMatchObject({ latitude: 39.9 });
  });

  it("answers a file over the size limit clearly and keeps nothing of it", async () => {
    const citizen = stack.citizen(60003);
    await consent(citizen);
    await toPhotoStep(citizen);
    const before = await stack.core.prisma.mediaFile.count();
    // 300,000 bytes against MEDIA_MAX_BYTES = 200,000: 0.3 MB of at most 0.2 MB (1 MB = 1,048,576 bytes, rounded to 0.1).
    await citizen.sendDocument(Buffer.concat([PDF, Buffer.alloc(300_000 - PDF.length, 32)]), "全部材料.pdf");
    await citizen.expect(/文件太大（0\.3 MB），上限为 0\.2 MB，未能接收/);
    await citizen.sendDocument(Buffer.from("MZ\x90\x00"), "setup.exe");
    await citizen.expect(/这种文件无法接收/);
    expect(await stack.core.prisma.mediaFile.count()).toBe(before);
    // The step goes on: a good file is still taken.
    await citizen.sendDocument(PDF, "说明.pdf");
    await citizen.expect(/已收到文件「说明.pdf」（共 1 个附件）/);
  });

  it("a disclosure request's materials reach the handler, and its answer with an attached document reaches the applicant", async () => {
    const citizen = stack.citizen(60004, "赵敏");
    const handler = stack.staff(HOUSING_HANDLER);
    await consent(citizen);
    await citizen.send("/disclose");
    await citizen.press(await citizen.expect(/个人还是单位/), "个人");
    await citizen.expect(/申请人姓名/);
    await citizen.send("赵敏");
    await citizen.expect(/身份证号码/);
    await citizen.send("11010519491231002X");
    await citizen.expect(/联系电话/);
    await citizen.send("13911112222");
    await citizen.expect(/通信地址或电子邮箱/);
    await citizen.send("zhaomin@example.com");
    await citizen.expect(/申请公开的政府信息/);
    // Materials may come at any text step of a form; the step's question still waits.
    await citizen.sendDocument(PDF, "身份证复印件.pdf");
    await citizen.expect(/已收到文件「身份证复印件.pdf」，将随申请一并提交（共 1 个附件）/);
    await citizen.send("幸福小区老旧小区改造工程的施工合同");
    await citizen.press(await citizen.expect(/什么形式/), "电子文本");
    await citizen.press(await citizen.expect(/怎样获取/), "电子邮件");
    await citizen.press(await citizen.expect(/请核对/), "确认提交");
    const number = /MS-\d{4}-\d{6}/.exec((await citizen.expect(/已受理。事项编号/)).text)![0];

    const card = await handler.expect(new RegExp(`【政府信息公开申请】${number}`), CARD_WAIT_MS);
    const material = await handler.expect(new RegExp(`${number} · 群众提交的附件（1 个）`), CARD_WAIT_MS);
    expect(material.media).toMatchObject({ kind: "document", fileName: "身份证复印件.pdf" });
    await handler.press(card, "签收");
    await handler.expectEdit(card.messageId, /状态：办理中/);
    await handler.press(card, "答复并办结");
    await handler.press(await handler.expect(/请选择 .* 的答复类型/), "予以公开");
    await handler.expect(/请输入给群众的答复/);
    const contract = Buffer.from("%PDF-1.4\n% 幸福小区改造工程施工合同\n%%EOF\n");
    await handler.sendDocument(contract, "施工合同.pdf");
    await handler.expect(/已附上「施工合同.pdf」（共 1 个附件）/);
    await handler.send("您申请的施工合同予以公开，见附件。");
    await handler.expect(/已办结/);

    const answer = await citizen.expect(/信息公开申请 .* 已答复/);
    expect(answer.text).toContain("见附件");
    const attachment = await citizen.expect(new RegExp(`${number} · 答复附件（1 个）`));
    expect(attachment.media).toMatchObject({ kind: "document", fileName: "施工合同.pdf", mimeType: "application/pdf" });
    expect((await citizen.download(attachment.media!)).equals(contract)).toBe(true);
    // Received through the staff bot, sent through the citizen bot (its own file id cached).
    const kept = await stack.core.prisma.mediaFile.findFirstOrThrow({ where: { source: "staff" }, orderBy: { id: "desc" } });
    expect(kept.caseMessageId).not.toBeNull();
    expect(kept.citizenFileId).toBe(attachment.media!.fileId);
  });

  it("an album Telegram fails or rate-limits is sent again, once; one it refuses is recorded as refused, never as sent", async () => {
    const citizen = stack.citizen(60006);
    const handler = stack.staff(HOUSING_HANDLER);
    await consent(citizen);
    await toPhotoStep(citizen);
    await citizen.sendPhoto("retry-1");
    await citizen.expect(/已收到第 1 张照片/);
    await citizen.sendPhoto("retry-2");
    const last = await citizen.expect(/已收到第 2 张照片/);
    const fired = stack.proxy.stats.faultsFired;
    // The first album send meets a server error, the second a 429 (retry_after 1), the third a refusal.
    stack.proxy.fault({ method: "sendMediaGroup", answer: { status: 500, body: { ok: false, error_code: 500, description: "Internal Server Error" } } });
    stack.proxy.fault({
      method: "sendMediaGroup",
      answer: { status: 429, body: { ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } } },
    });
    stack.proxy.fault({ method: "sendMediaGroup", answer: { status: 400, body: { ok: false, error_code: 400, description: "Bad Request: group send failed" } } });
    const number = await finish(citizen, last);
    await handler.expect(new RegExp(`【投诉举报】${number}`), CARD_WAIT_MS);
    // Handler and supervisor each get the album: three faults used, then it went through for one of them.
    const c = await stack.core.prisma.case.findUniqueOrThrow({ where: { number } });
    const outbox = await stack.core.prisma.outboxMessage.findMany({ where: { queue: "notify" } });
    const routed = outbox.filter((o) => (o.payload as { caseId?: number; type?: string }).caseId === c.id && (o.payload as { type?: string }).type === "case_routed");
    expect(routed).toHaveLength(1);
    await waitFor("both albums settled after three faults", async () => stack.proxy.stats.faultsFired === fired + 3 && (await albums(routed[0].id)).length === 2 && (await albums(routed[0].id)).every((d) => d.outcome !== "sending"), 30_000);
    const outcomes = (await albums(routed[0].id)).map((d) => d.outcome).sort();
    expect(outcomes).toEqual(["refused: Bad Request: group send failed", "sent"]);
    // The recipient whose album went through got it once (the server error and the 429 sent nothing).
    const sentTo = (await albums(routed[0].id)).find((d) => d.outcome === "sent")!.chatId;
    const receiver = sentTo === BigInt(HOUSING_HANDLER) ? handler : stack.staff(HOUSING_SUPERVISOR);
    await receiver.unread();
    expect(receiver.received.filter((m) => m.text === `${number} · 群众提交的附件（2 个）`)).toHaveLength(1);
  });

  it("uploads again when Telegram no longer knows a cached file id, and caches the new one", async () => {
    const handler = stack.staff(HOUSING_HANDLER);
    const row = await stack.core.prisma.mediaFile.findFirstOrThrow({ where: { kind: "document", source: "citizen" }, orderBy: { id: "asc" } });
    // Another bot's id (the citizen bot's), as a cache gone stale would be: Telegram refuses it.
    const foreign = row.citizenFileId ?? "BQACnot-this-bots-id";
    await stack.core.prisma.mediaFile.update({ where: { id: row.id }, data: { staffFileId: foreign } });
    await stack.core.media.send("staff", HOUSING_HANDLER, [row.id], "重发测试");
    const again = await handler.expect(/重发测试/);
    const fresh = await stack.core.prisma.mediaFile.findUniqueOrThrow({ where: { id: row.id } });
    expect(fresh.staffFileId).not.toBe(foreign);
    expect(fresh.staffFileId).toBe(again.media!.fileId);
    expect((await handler.download(again.media!)).equals(Buffer.from(fresh.data))).toBe(true);
  });

  it("a citizen's reply with a photo reaches the handler with the photo", async () => {
    const citizen = stack.citizen(60005);
    const handler = stack.staff(HOUSING_HANDLER);
    await consent(citizen);
    await toPhotoStep(citizen);
    const number = await finish(citizen, await (async () => {
      await citizen.sendPhoto("reply-first");
      return citizen.expect(/已收到第 1 张照片/);
    })());
    const { card } = await cardAndMedia(handler, number, 1);
    await handler.press(card, "签收");
    await handler.expectEdit(card.messageId, /状态：办理中/);
    await handler.press(card, "询问群众");
    await handler.expect(/请输入要问群众的问题/);
    await handler.send("请拍一张漏水处的近照。");
    await citizen.expect(/请拍一张漏水处的近照/);
    await citizen.sendPhoto(await gpsJpeg("close-up"), "这是近照");
    await citizen.expect(new RegExp(`已收到您对 ${number} 的回复，正在转交承办人员`));
    await handler.expect(/这是近照/);
    const photo = await handler.expect(new RegExp(`${number} · 群众回复的附件（1 个）`));
    expect(photo.media?.kind).toBe("photo");
    expect(await exifr.gps(await handler.download(photo.media!))).toBeUndefined();
  });
});
