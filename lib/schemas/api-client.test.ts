import { describe, expect, it } from "vitest";
import { API_CLIENT_SCOPE_LABELS, API_CLIENT_SCOPES, ZApiClientCreate, ZApiClientScopesUpdate } from "./api-client";

const ID = "0193a4c2-7b1e-7000-8000-000000000001";
const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.success ? [] : r.error!.issues.map((i) => [i.path.join("."), i.message]);

describe("API client scopes", () => {
  it("has a Japanese label for every scope", () => {
    expect(Object.keys(API_CLIENT_SCOPE_LABELS).sort()).toEqual([...API_CLIENT_SCOPES].sort());
  });

  it("requires at least one known scope, and stores each once in the fixed order", () => {
    expect(ZApiClientScopesUpdate.parse({ id: ID, scopes: ["imports", "kiosk_issuance", "imports"] })).toEqual({ id: ID, scopes: ["kiosk_issuance", "imports"] });
    expect(messages(ZApiClientScopesUpdate.safeParse({ id: ID, scopes: [] }))).toEqual([["scopes", "権限を1つ以上選択してください。"]]);
    expect(messages(ZApiClientScopesUpdate.safeParse({ id: ID, scopes: ["admin"] }))).toEqual([["scopes.0", "権限の指定が正しくありません。"]]);
    expect(ZApiClientScopesUpdate.safeParse({ id: ID }).success).toBe(false);
    expect(ZApiClientScopesUpdate.safeParse({ id: "x", scopes: ["imports"] }).success).toBe(false);
  });

  it("asks for the scopes at creation and grants imports only to a client confined to one municipality", () => {
    expect(ZApiClientCreate.parse({ name: " 取込 ", municipalityCode: "131016", scopes: ["imports"] })).toEqual({ name: "取込", municipalityCode: "131016", scopes: ["imports"] });
    expect(ZApiClientCreate.parse({ name: "センター", municipalityCode: "", scopes: ["koseki_intake", "kiosk_issuance"] }).scopes).toEqual(["kiosk_issuance", "koseki_intake"]);
    expect(ZApiClientCreate.safeParse({ name: "センター", municipalityCode: "" }).success).toBe(false);
    expect(messages(ZApiClientCreate.safeParse({ name: "センター", municipalityCode: "", scopes: ["kiosk_issuance", "imports"] }))).toEqual([
      ["scopes", "取込の権限は、対象自治体を1つに限定したクライアントにだけ付与できます。"],
    ]);
  });
});
