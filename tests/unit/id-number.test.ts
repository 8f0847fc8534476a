import { describe, expect, it } from "vitest";
import { checkIdNumber, maskIdNumber } from "../../src/disclosure/id-number.js";

describe("resident identity numbers", () => {
  it.each(["11010519491231002X", "110105194912310021".slice(0, 17) + "X", " 11010519491231002x "])("accepts %s", (id) => {
    expect(checkIdNumber(id)).toEqual({ ok: true, normalized: "11010519491231002X" });
  });

  it.each([
    ["1101051949123100", "format"],
    ["11010519491231002A", "format"],
    ["110105194902300020", "birthdate"],
    ["110105209912310020", "birthdate"],
    ["110105194912310021", "checksum"],
  ])("refuses %s (%s)", (id, reason) => {
    expect(checkIdNumber(id)).toEqual({ ok: false, reason });
  });

  it("shows staff only the region and the last four characters", () => {
    expect(maskIdNumber("11010519491231002X")).toBe("110105********002X");
  });
});
