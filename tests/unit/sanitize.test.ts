import { describe, expect, it } from "vitest";
import { sanitizeDeep, sanitizeText, sanitizeWithEntities } from "../../src/text/sanitize.js";
import { sanitizeUpdate } from "../../bots/shared/sanitize-input.js";
import type { Update } from "grammy/types";

describe("sanitizeText", () => {
  it("removes NUL and the other C0 and C1 controls but keeps newlines and tabs", () => {
    expect(sanitizeText("楼下\u0000烧烤\u0007油烟\u001B很大")).toBe("楼下烧烤油烟很大");
    expect(sanitizeText("a\u007Fb\u0085c\u009Fd")).toBe("abcd");
    expect(sanitizeText("第一行\n第二行\t列")).toBe("第一行\n第二行\t列");
    expect(sanitizeText("windows\r\nline")).toBe("windows\nline");
  });

  it("replaces lone surrogates and keeps well-formed pairs", () => {
    expect(sanitizeText("a\uD800b")).toBe("a\uFFFDb");
    expect(sanitizeText("a\uDC00b")).toBe("a\uFFFDb");
    expect(sanitizeText("end\uD83D")).toBe("end\uFFFD");
    expect(sanitizeText("笑😀脸")).toBe("笑😀脸");
    // Two halves separated by a NUL stay two replacements: removing the NUL must not pair them.
    expect(sanitizeText("\uD83D\u0000\uDE00")).toBe("\uFFFD\uFFFD");
    // The result survives a JSON round trip as the same string (what jsonb needs).
    const s = sanitizeText("x\uDBFFy\uDFFFz");
    expect(JSON.parse(JSON.stringify(s))).toBe(s);
    expect(encodeURIComponent(s)).toBeTypeOf("string"); // throws URIError on a lone surrogate
  });

  it("normalises to NFC and trims", () => {
    expect(sanitizeText("Cafe\u0301")).toBe("Caf\u00E9");
    expect(sanitizeText("  \n 幸福路 12 号 \t ")).toBe("幸福路 12 号");
    expect(sanitizeText("\u0000\u0000")).toBe("");
  });
});

describe("sanitizeWithEntities", () => {
  it("keeps a command entity on the command after characters before it are removed", () => {
    const text = " \u0000/status MS-2026-000001";
    const r = sanitizeWithEntities(text, [{ type: "bot_command", offset: 2, length: 7 }]);
    expect(r.text).toBe("/status MS-2026-000001");
    expect(r.entities).toEqual([{ type: "bot_command", offset: 0, length: 7 }]);
    expect(r.text.slice(r.entities[0].offset, r.entities[0].offset + r.entities[0].length)).toBe("/status");
  });

  it("shifts later entities by what was removed inside and drops emptied ones", () => {
    const text = "看\u0000这个 https://example.org \u0001\u0002";
    const url = text.indexOf("https");
    const r = sanitizeWithEntities(text, [
      { type: "url", offset: url, length: 19 },
      { type: "bold", offset: text.length - 2, length: 2 },
    ]);
    expect(r.text).toBe("看这个 https://example.org");
    expect(r.entities).toHaveLength(1);
    expect(r.text.slice(r.entities[0].offset, r.entities[0].offset + r.entities[0].length)).toBe("https://example.org");
  });
});

describe("sanitizeDeep and sanitizeUpdate", () => {
  it("cleans every string of a details object", () => {
    expect(sanitizeDeep({ name: " 王\u0000芳 ", other: { contact: "138\uD800" }, people: 3, list: ["a\u0007"] })).toEqual({
      name: "王芳",
      other: { contact: "138\uFFFD" },
      people: 3,
      list: ["a"],
    });
  });

  it("cleans message texts, captions and button data in place", () => {
    const u = {
      update_id: 1,
      message: { message_id: 1, date: 0, chat: { id: 1, type: "private" }, text: "\u0000/new", entities: [{ type: "bot_command", offset: 1, length: 4 }] },
    } as unknown as Update;
    sanitizeUpdate(u);
    expect(u.message!.text).toBe("/new");
    expect(u.message!.entities).toEqual([{ type: "bot_command", offset: 0, length: 4 }]);
    const photo = { update_id: 2, message: { message_id: 2, date: 0, chat: { id: 1, type: "private" }, caption: "图\uDC00 " } } as unknown as Update;
    sanitizeUpdate(photo);
    expect(photo.message!.caption).toBe("图\uFFFD");
    const press = { update_id: 3, callback_query: { id: "1", chat_instance: "1", from: { id: 1 }, data: "i:submit\u0000" } } as unknown as Update;
    sanitizeUpdate(press);
    expect(press.callback_query!.data).toBe("i:submit");
  });
});
