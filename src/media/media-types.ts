/**
 * What a case takes: photos, PDFs, images and office files (the documents people and offices
 * exchange). Telegram names a document's type from its file name, so the name's extension decides
 * when the type it reports is generic.
 */
const DOCUMENT_TYPES: Record<string, string> = {
  pdf: "application/pdf",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  heic: "image/heic",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ppt: "application/vnd.ms-powerpoint",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  wps: "application/vnd.ms-works",
  txt: "text/plain",
};
const ACCEPTED_MIME = new Set(Object.values(DOCUMENT_TYPES));

/** Images whose metadata sharp can remove by re-encoding (HEIC it cannot write: refused rather than kept with GPS). */
const STRIPPABLE = new Set(["image/jpeg", "image/png", "image/webp"]);

/** The type a file is kept as, and whether it is an image (whose metadata is removed), or null when not taken. */
export function acceptedType(kind: "photo" | "document", fileName?: string, mimeType?: string): { mimeType: string; image: boolean } | null {
  if (kind === "photo") return { mimeType: "image/jpeg", image: true };
  const ext = /\.([a-z0-9]+)$/i.exec(fileName ?? "")?.[1]?.toLowerCase() ?? "";
  const byName = DOCUMENT_TYPES[ext];
  const type = mimeType && ACCEPTED_MIME.has(mimeType) ? mimeType : byName;
  if (!type) return null;
  if (type.startsWith("image/")) return STRIPPABLE.has(type) ? { mimeType: type, image: true } : null;
  return { mimeType: type, image: false };
}

/**
 * The image without EXIF, XMP, IPTC or GPS: decoded and written again in its own format, turned
 * upright first (the orientation tag goes with the rest). Null when it cannot be decoded.
 */
export async function stripImageMetadata(bytes: Buffer, mimeType: string): Promise<Buffer | null> {
  // Loaded on first use: sharp (libvips) adds ~24 MB to every process that merely imports it.
  const { default: sharp } = await import("sharp");
  try {
    // sharp writes no metadata unless asked (keepMetadata/withMetadata), so re-encoding drops it all.
    const img = sharp(bytes).rotate();
    if (mimeType === "image/png") return await img.png().toBuffer();
    if (mimeType === "image/webp") return await img.webp({ quality: 90 }).toBuffer();
    return await img.jpeg({ quality: 90 }).toBuffer();
  } catch {
    return null;
  }
}
