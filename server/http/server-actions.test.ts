import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SignedInStaff } from "../auth/require-staff";
import { AppError } from "../errors";

// The session, the revalidation, the request headers and the proof's secret are the framework's: stubbed, so
// these tests pin what each wrapper lets through and what it answers.
const session = vi.hoisted(() => ({ current: null as SignedInStaff | null }));
vi.mock("../auth/require-staff", () => ({
  getSignedInStaff: vi.fn(async () => session.current),
  getStaffSessionForPasswordChange: vi.fn(async () => (session.current?.mfa === "passed" ? session.current : null)),
}));
vi.mock("../auth/mfa-proof", () => ({ signMfaProof: vi.fn((staffId: string, signedInAt: number) => `proof:${staffId}:${signedInAt}`) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
const requestHeaders = vi.hoisted(() => ({ current: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => requestHeaders.current }));

const { revalidatePath } = await import("next/cache");
const { runMfaStepAction, runPublicAction, runStaffAction } = await import("./server-actions");

function staff(over: Partial<SignedInStaff> = {}): SignedInStaff {
  const ctx = { actor: { type: "staff" as const, id: "staff-1", role: "clerk" as const, municipalityId: "m-1" }, municipalityId: "m-1", requestId: "r-1" };
  return { staffId: "staff-1", loginId: "clerk", displayName: "職員", role: "clerk", municipality: null, ctx, mfa: "passed", mustChangePassword: false, mfaEnrolled: true, signedInAt: 1_800_000_000, ...over };
}

beforeEach(() => {
  session.current = null;
  requestHeaders.current = new Headers();
  vi.mocked(revalidatePath).mockClear();
});

describe("runStaffAction", () => {
  it("runs the verb with the session's context, revalidates the area and returns the data", async () => {
    session.current = staff();
    const verb = vi.fn(async () => "done");
    expect(await runStaffAction(verb, { revalidate: "/incidents", layout: true })).toEqual({ ok: true, data: "done" });
    expect(verb).toHaveBeenCalledWith(session.current.ctx);
    expect(revalidatePath).toHaveBeenCalledWith("/incidents", "layout");
  });

  it("refuses without a session, at the MFA step, and while a forced password change is pending", async () => {
    const verb = vi.fn(async () => "done");
    expect(await runStaffAction(verb)).toMatchObject({ ok: false, code: "unauthenticated", message: "ログインしてください。" });
    session.current = staff({ mfa: "verify" });
    expect(await runStaffAction(verb)).toMatchObject({ ok: false, code: "unauthenticated" });
    session.current = staff({ mustChangePassword: true });
    expect(await runStaffAction(verb)).toMatchObject({ ok: false, code: "password_change_required" });
    expect(verb).not.toHaveBeenCalled();
  });

  it("lets only the password change through while it is pending", async () => {
    session.current = staff({ mustChangePassword: true });
    expect(await runStaffAction(async () => null, { duringPasswordChange: true })).toEqual({ ok: true, data: null });
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("maps a refusal to the form, at the field the action names, and revalidates nothing", async () => {
    session.current = staff();
    const r = await runStaffAction(
      async () => {
        throw new AppError("login_id_taken", "the login id is in use");
      },
      { revalidate: "/staff", fields: { login_id_taken: "loginId" } },
    );
    expect(r).toEqual({ ok: false, code: "login_id_taken", message: "このログインIDはすでに使われています。", fieldErrors: { loginId: "このログインIDはすでに使われています。" } });
    expect(revalidatePath).not.toHaveBeenCalled();
  });
});

describe("runMfaStepAction", () => {
  it("lets only a session at its step through, and signs the proof for that session", async () => {
    session.current = staff({ mfa: "verify" });
    const r = await runMfaStepAction("verify", async ({ ctx, proof }) => ({ actor: ctx.actor.id, proof: proof() }));
    expect(r).toEqual({ ok: true, data: { actor: "staff-1", proof: "proof:staff-1:1800000000" } });

    const verb = vi.fn(async () => "x");
    expect(await runMfaStepAction("enrol", verb)).toMatchObject({ ok: false, code: "unauthenticated" });
    session.current = staff({ mfa: "passed" });
    expect(await runMfaStepAction("verify", verb)).toMatchObject({ ok: false, code: "unauthenticated" });
    session.current = null;
    expect(await runMfaStepAction("verify", verb)).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(verb).not.toHaveBeenCalled();
  });

  it("maps a refused code to the form, without a proof", async () => {
    session.current = staff({ mfa: "enrol", mfaEnrolled: false });
    const proof = vi.fn();
    const r = await runMfaStepAction(
      "enrol",
      async (s) => {
        proof.mockImplementation(s.proof);
        throw new AppError("invalid_code", "wrong code");
      },
      { fields: { invalid_code: "code" } },
    );
    expect(r).toMatchObject({ ok: false, code: "invalid_code", fieldErrors: { code: expect.any(String) } });
    expect(proof).not.toHaveBeenCalled();
  });
});

describe("runPublicAction", () => {
  it("hands the verb the caller's key and returns its data", async () => {
    const verb = vi.fn(async (key: string) => ({ key }));
    expect(await runPublicAction(verb)).toEqual({ ok: true, data: { key: "unknown" } });
    expect(verb).toHaveBeenCalledOnce();
  });

  it("shows a municipality's notice after the message, and a code at its field", async () => {
    const closed = await runPublicAction(async () => {
      throw new AppError("registration_intake_closed", "planned stop", { details: { notice: "庁舎の停電のため" } });
    });
    expect(closed).toEqual({
      ok: false,
      code: "registration_intake_closed",
      message: "ただいま、この市区町村では利用登録の受付を停止しています。停止期間が終わってから申請してください。（お知らせ：庁舎の停電のため）",
    });
    const unknown = await runPublicAction(
      async () => {
        throw new AppError("municipality_unknown", "no such municipality");
      },
      { fields: { municipality_unknown: "honsekiMunicipalityCode" } },
    );
    expect(unknown).toMatchObject({ ok: false, code: "municipality_unknown", fieldErrors: { honsekiMunicipalityCode: "選択された市区町村では受け付けていません。" } });
  });

  it("rethrows what is not an AppError", async () => {
    const boom = new Error("boom");
    await expect(
      runPublicAction(async () => {
        throw boom;
      }),
    ).rejects.toBe(boom);
  });
});
