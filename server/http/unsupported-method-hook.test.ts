import { describe, expect, it } from "vitest";
import { ORIGINAL_METHOD_HEADER } from "@/lib/http-methods";
import { carryUnroutedMethod } from "./unsupported-method-hook";

describe("carryUnroutedMethod", () => {
  it("carries a method Next cannot route as OPTIONS, marked with the method sent", () => {
    for (const method of ["TRACE", "TRACK", "PROPFIND", "PURGE"]) {
      const req = { method, headers: {} as Record<string, string | string[] | undefined> };
      carryUnroutedMethod(req);
      expect(req).toEqual({ method: "OPTIONS", headers: { [ORIGINAL_METHOD_HEADER]: method } });
    }
  });

  it("leaves routed methods alone and drops a client-sent marker", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"]) {
      const req = { method, headers: { [ORIGINAL_METHOD_HEADER]: "TRACE", host: "x" } as Record<string, string | string[] | undefined> };
      carryUnroutedMethod(req);
      expect(req).toEqual({ method, headers: { host: "x" } });
    }
  });
});
