// The per-municipality daily cap on web pre-registrations (PRE_REGISTRATION_DAILY_CAP): counted per JST day
// over every caller, judged under a per-municipality lock so parallel submissions cannot overshoot it.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/server/env";
import { submitPreRegistration } from "@/server/koseki-registration/submit-pre-registration";
import { ownerDb } from "@/tests/setup/owner-db";
import { createKosekiMunicipality, preRegistrationForm } from "../factories/koseki-registration";

const CAP = 3;
const client = () => `client-${crypto.randomUUID()}`;
const saved = process.env.PRE_REGISTRATION_DAILY_CAP;

beforeAll(() => {
  process.env.PRE_REGISTRATION_DAILY_CAP = String(CAP);
});
afterAll(() => {
  if (saved === undefined) delete process.env.PRE_REGISTRATION_DAILY_CAP;
  else process.env.PRE_REGISTRATION_DAILY_CAP = saved;
});

const submit = (code: string, now: Date) => submitPreRegistration({ input: preRegistrationForm(code), clientKey: client(), now });
const webRows = (municipalityId: string) => ownerDb().kosekiRegistration.count({ where: { municipalityId, source: "web" } });

describe("the daily cap on web pre-registrations", () => {
  it("refuses the cap+1-th of a JST day from any address, and accepts again on the next JST day", async () => {
    const town = await createKosekiMunicipality();
    const other = await createKosekiMunicipality();
    // 08:00 JST is still the previous day in UTC: the day is Japan's, not the server's.
    for (let i = 0; i < CAP; i++) await submit(town.code, new Date("2026-11-27T08:00:00+09:00"));
    await expect(submit(town.code, new Date("2026-11-27T23:59:00+09:00"))).rejects.toMatchObject({ code: "rate_limited", status: 429 });
    expect(await webRows(town.id)).toBe(CAP);
    // Another municipality has its own count.
    await expect(submit(other.code, new Date("2026-11-27T23:59:00+09:00"))).resolves.toMatchObject({ receiptNo: expect.any(String) });
    // 00:00 JST of the next day (15:00 UTC of the same UTC day as 23:59 JST).
    await expect(submit(town.code, new Date("2026-11-28T00:00:00+09:00"))).resolves.toMatchObject({ receiptNo: expect.any(String) });
    expect(await webRows(town.id)).toBe(CAP + 1);
  });

  it("never lets parallel submissions exceed the cap", async () => {
    const town = await createKosekiMunicipality();
    const now = new Date("2026-11-27T10:00:00+09:00");
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => submit(town.code, now)));
    const accepted = results.filter((r) => r.status === "fulfilled").length;
    const refused = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason?.code);
    expect({ accepted, refused }).toEqual({ accepted: CAP, refused: Array(8 - CAP).fill("rate_limited") });
    expect(await webRows(town.id)).toBe(CAP);
  });
});

describe("PRE_REGISTRATION_DAILY_CAP", () => {
  it("is 500 unless set, and refuses anything but a whole number of at least 1", () => {
    expect(parseEnv({}).PRE_REGISTRATION_DAILY_CAP).toBe(500);
    expect(parseEnv({ PRE_REGISTRATION_DAILY_CAP: "20" }).PRE_REGISTRATION_DAILY_CAP).toBe(20);
    for (const bad of ["0", "-1", "2.5", "many"]) expect(() => parseEnv({ PRE_REGISTRATION_DAILY_CAP: bad })).toThrow(/PRE_REGISTRATION_DAILY_CAP/);
  });
});
