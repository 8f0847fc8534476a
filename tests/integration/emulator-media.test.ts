import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, GrammyError, InputFile } from "grammy";
import sharp from "sharp";
import exifr from "exifr";
import { startEmulator, type EmulatorServer } from "../../src/telegram/emulator.js";
import { EmulatorUser, sampleJpeg } from "../../src/telegram/emulator-client.js";
import { freePort } from "../helpers/env.js";

/**
 * The emulator's media methods against what the Bot API documents (core.telegram.org/bots/api:
 * "Sending files", sendPhoto, sendDocument, sendMediaGroup, getFile) and the refusals the Bot API
 * server gives. Two bots, as in the product: file ids belong to one bot.
 */
const CITIZEN = "1000001:citizen-token-for-media-tests-xx";
const STAFF = "1000002:staff-token-for-media-tests-xxxxx";
const CHAT = 4242;
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

async function gpsJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 120, height: 80, channels: 3, background: "#4a8" } })
    .jpeg()
    .withExif({ IFD0: { Make: "TestCam" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "39/1 54/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "116/1 23/1 0/1" } })
    .toBuffer();
}

async function refusal(p: Promise<unknown>): Promise<{ code: number; description: string }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof GrammyError) return { code: err.error_code, description: err.description };
    throw err;
  }
  throw new Error("expected the Bot API to refuse");
}

describe("emulator media methods", () => {
  let emulator: EmulatorServer;
  let citizen: Api;
  let staff: Api;
  let root: string;
  const download = async (token: string, path: string) => fetch(`${root}/file/bot${token}/${path}`);

  beforeAll(async () => {
    emulator = await startEmulator(await freePort());
    root = emulator.config.apiURL;
    citizen = new Api(CITIZEN, { apiRoot: root });
    staff = new Api(STAFF, { apiRoot: root });
  });
  afterAll(() => emulator.stop());

  it("sendDocument uploads a file (multipart), keeps its bytes and name, and getFile + download return them", async () => {
    const m = await staff.sendDocument(CHAT, new InputFile(PDF, "答复-政府信息公开.pdf"), { caption: "附件" });
    expect(m.document).toMatchObject({ file_name: "答复-政府信息公开.pdf", mime_type: "application/pdf", file_size: PDF.length });
    expect(m.caption).toBe("附件");
    const f = await staff.getFile(m.document!.file_id);
    expect(f.file_path).toMatch(/^documents\/file_\d+\.pdf$/);
    const res = await download(STAFF, f.file_path!);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
  });

  it("sendPhoto stores the photo in sizes re-encoded as Telegram does, the largest last", async () => {
    const m = await staff.sendPhoto(CHAT, new InputFile(await sampleJpeg("x", { width: 2000, height: 1000 })));
    const sizes = m.photo!;
    expect(sizes.length).toBe(2);
    expect(sizes[0].width).toBeLessThanOrEqual(90);
    // Telegram keeps at most 1280 px on the long side for the size bots get (documented sizes up to 1280).
    expect(sizes.at(-1)).toMatchObject({ width: 1280, height: 640 });
  });

  it("a file id is reused by the bot that owns it, and refused to another bot", async () => {
    const m = await citizen.sendDocument(CHAT, new InputFile(PDF, "a.pdf"));
    const id = m.document!.file_id;
    const again = await citizen.sendDocument(CHAT, id);
    expect(again.document!.file_unique_id).toBe(m.document!.file_unique_id);

    expect(await refusal(staff.sendDocument(CHAT, id))).toEqual({ code: 400, description: "Bad Request: wrong file identifier/HTTP URL specified" });
    expect(await refusal(staff.getFile(id))).toEqual({ code: 400, description: "Bad Request: wrong file_id or the file is temporarily unavailable" });
    const path = (await citizen.getFile(id)).file_path!;
    expect((await download(STAFF, path)).status).toBe(404);
    expect((await download(CITIZEN, path)).status).toBe(200);
    // A document's id is not a photo's.
    expect(await refusal(citizen.sendPhoto(CHAT, id))).toEqual({ code: 400, description: "Bad Request: type of file mismatch" });
  });

  it("refuses what Telegram refuses: empty files, non-images as photos, captions over 1,024 characters", async () => {
    expect(await refusal(staff.sendDocument(CHAT, new InputFile(Buffer.alloc(0), "empty.pdf")))).toEqual({
      code: 400,
      description: "Bad Request: file must be non-empty",
    });
    expect(await refusal(staff.sendPhoto(CHAT, new InputFile(PDF, "not-a-photo.jpg")))).toEqual({ code: 400, description: "Bad Request: IMAGE_PROCESS_FAILED" });
    expect(await refusal(staff.sendPhoto(CHAT, new InputFile(await sampleJpeg("tall", { width: 10, height: 400 }))))).toEqual({
      code: 400,
      description: "Bad Request: PHOTO_INVALID_DIMENSIONS",
    });
    expect(await refusal(staff.sendDocument(CHAT, new InputFile(PDF, "a.pdf"), { caption: "字".repeat(1025) }))).toEqual({
      code: 400,
      description: "Bad Request: message caption is too long",
    });
    const ok = await staff.sendDocument(CHAT, new InputFile(PDF, "a.pdf"), { caption: "字".repeat(1024) });
    expect(ok.caption!.length).toBe(1024);
  });

  it("sendMediaGroup sends 2–10 items as one album, one item as a plain message, and refuses the rest whole", async () => {
    const photos = await Promise.all([1, 2, 3].map((i) => sampleJpeg(`album-${i}`)));
    type Sent = { media_group_id?: string; caption?: string; photo?: { file_id: string }[]; document?: { file_name?: string } };
    const album: Sent[] = await staff.sendMediaGroup(CHAT, [
      { type: "photo", media: new InputFile(photos[0]), caption: "MS-2026-000001" },
      { type: "photo", media: new InputFile(photos[1]) },
    ]);
    expect(album).toHaveLength(2);
    expect(album[0].media_group_id).toBeDefined();
    expect(new Set(album.map((m) => m.media_group_id)).size).toBe(1);
    expect(album[0].caption).toBe("MS-2026-000001");

    const docs: Sent[] = await staff.sendMediaGroup(CHAT, [
      { type: "document", media: new InputFile(PDF, "1.pdf") },
      { type: "document", media: new InputFile(PDF, "2.pdf") },
    ]);
    expect(docs.map((m) => m.document!.file_name)).toEqual(["1.pdf", "2.pdf"]);

    const single: Sent[] = await staff.sendMediaGroup(CHAT, [{ type: "photo", media: album[0].photo!.at(-1)!.file_id }]);
    expect(single).toHaveLength(1);
    expect(single[0].media_group_id).toBeUndefined();

    const before = emulator.storage.botMessages.length;
    const photo = { type: "photo" as const, media: new InputFile(photos[2]) };
    expect(await refusal(staff.sendMediaGroup(CHAT, []))).toEqual({ code: 400, description: "Bad Request: there are no messages to send" });
    expect(await refusal(staff.sendMediaGroup(CHAT, Array.from({ length: 11 }, () => photo)))).toEqual({
      code: 400,
      description: "Bad Request: too many messages to send as an album",
    });
    const mixed = [photo, { type: "document", media: new InputFile(PDF, "x.pdf") }] as unknown as (typeof photo)[];
    expect(await refusal(staff.sendMediaGroup(CHAT, mixed))).toEqual({
      code: 400,
      description: "Bad Request: document can't be mixed with other media types",
    });
    const foreign = (await citizen.sendPhoto(CHAT, new InputFile(photos[2]))).photo!.at(-1)!.file_id;
    expect(await refusal(staff.sendMediaGroup(CHAT, [photo, { type: "photo", media: foreign }]))).toEqual({
      code: 400,
      description: 'Bad Request: failed to send message #2 with the error message "Wrong file identifier/HTTP URL specified"',
    });
    // Refused albums sent nothing (the citizen bot's own photo above is the only new message).
    expect(emulator.storage.botMessages.length).toBe(before + 1);
  });

  it("a person's photo and document reach the bot with the bot's own file ids; the other bot cannot fetch them", async () => {
    const user = new EmulatorUser(root, CITIZEN, 7001);
    const gps = await gpsJpeg();
    expect(await exifr.gps(gps)).toMatchObject({ latitude: 39.9 });
    const photoId = await user.sendPhoto(gps, "楼道");
    const docId = await user.sendDocument(gps, "现场.jpg");
    const updates = emulator.getUpdates(CITIZEN) as unknown as { message: { photo?: { file_id: string }[]; document?: { file_id: string; file_name: string }; caption?: string } }[];
    const mine = updates.filter((u) => u.message.photo || u.message.document);
    expect(mine.map((u) => u.message.caption ?? null)).toEqual(["楼道", null]);
    expect(mine[0].message.photo!.at(-1)!.file_id).toBe(photoId);
    expect(mine[1].message.document).toMatchObject({ file_id: docId, file_name: "现场.jpg" });

    // A photo is re-encoded by Telegram (no EXIF left); a document is kept byte for byte, GPS and all.
    const photoBytes = Buffer.from(await (await download(CITIZEN, (await citizen.getFile(photoId)).file_path!)).arrayBuffer());
    expect(await exifr.gps(photoBytes)).toBeUndefined();
    const docBytes = Buffer.from(await (await download(CITIZEN, (await citizen.getFile(docId)).file_path!)).arrayBuffer());
    expect(docBytes.equals(gps)).toBe(true);
    expect(await refusal(staff.getFile(docId))).toMatchObject({ code: 400 });
  });

  it("the person sees the media a bot sent: kind, file name, and the bytes through getFile", async () => {
    const user = new EmulatorUser(root, STAFF, 7002);
    await staff.sendMessage(7002, "卡片");
    await staff.sendDocument(7002, new InputFile(PDF, "材料.pdf"), { caption: "MS-2026-000002 附件 1" });
    await staff.sendPhoto(7002, new InputFile(await sampleJpeg("seen")));
    const seen = await user.poll();
    expect(seen.map((m) => [m.text, m.media?.kind ?? null, m.media?.fileName ?? null])).toEqual([
      ["卡片", null, null],
      ["MS-2026-000002 附件 1", "document", "材料.pdf"],
      ["", "photo", null],
    ]);
    expect((await user.download(seen[1].media!)).equals(PDF)).toBe(true);
  });
});
