import { describe, expect, it } from "vitest";
import sharp from "sharp";
import exifr from "exifr";
import { acceptedType, stripImageMetadata } from "../../src/media/media-types.js";

describe("what a case takes", () => {
  it("takes photos, PDFs, images and office files, by Telegram's type or by the file name", () => {
    expect(acceptedType("photo")).toEqual({ mimeType: "image/jpeg", image: true });
    expect(acceptedType("document", "答复.pdf", "application/pdf")).toEqual({ mimeType: "application/pdf", image: false });
    // Telegram reports a generic type for names it does not know; the extension decides.
    expect(acceptedType("document", "台账.XLSX", "application/octet-stream")?.mimeType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(acceptedType("document", "现场.png")).toEqual({ mimeType: "image/png", image: true });
  });

  it("refuses programs, archives, unknown types, and images whose metadata it cannot remove", () => {
    expect(acceptedType("document", "setup.exe", "application/x-msdownload")).toBeNull();
    expect(acceptedType("document", "all.zip", "application/zip")).toBeNull();
    expect(acceptedType("document", "noname")).toBeNull();
    expect(acceptedType("document", "IMG_0001.HEIC", "image/heic")).toBeNull();
  });

  it("removes EXIF and GPS, keeps the picture upright and in its format", async () => {
    const tagged = await sharp({ create: { width: 40, height: 20, channels: 3, background: "#888" } })
      .withMetadata({ orientation: 6 })
      .withExif({ IFD3: { GPSLatitudeRef: "N", GPSLatitude: "31/1 14/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "121/1 28/1 0/1" } })
      .png()
      .toBuffer();
    expect(await exifr.gps(tagged)).toMatchObject({ latitude: expect.closeTo(31.233, 2) });
    expect((await sharp(tagged).metadata()).orientation).toBe(6);
    const clean = (await stripImageMetadata(tagged, "image/png"))!;
    expect(await exifr.gps(clean)).toBeUndefined();
    const meta = await sharp(clean).metadata();
    // Orientation 6 (rotate 90°) is applied, then dropped with the rest: 40×20 becomes 20×40.
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(["png", 20, 40, undefined]);
    expect(await stripImageMetadata(Buffer.from("not an image"), "image/jpeg")).toBeNull();
  });
});
