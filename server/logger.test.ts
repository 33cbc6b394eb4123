import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, logger: createLogger({ level: "info" }, stream) };
}

describe("logger redaction", () => {
  it("censors personal fields at the top level and nested", () => {
    const { lines, logger } = capture();
    logger.info(
      { myNumber: "123456789018", resident: { familyName: "山川", address: "中央市桜町1-2-3" }, deep: { x: { dateOfBirth: "1980-04-01" } }, issuanceNo: "A-1" },
      "issued",
    );
    const out = lines.join("");
    expect(out).not.toContain("123456789018");
    expect(out).not.toContain("山川");
    expect(out).not.toContain("桜町");
    expect(out).not.toContain("1980-04-01");
    expect(out).toContain("A-1");
    expect(out).toContain("[redacted]");
  });
});
