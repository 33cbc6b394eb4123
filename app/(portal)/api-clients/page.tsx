import type { Metadata } from "next";
import { rolesWith } from "@/lib/permissions";
import { requireStaff } from "@/server/auth/require-staff";
import { listApiClients } from "@/server/api-clients/list-api-clients";
import { listMunicipalities } from "@/server/municipalities/list-municipalities";
import { ApiClientsScreen, type ApiClientRow } from "./_components/api-clients-screen";

export const metadata: Metadata = { title: "APIクライアントの管理" };

export default async function ApiClientsPage() {
  const staff = await requireStaff(...rolesWith("api-clients:manage"));
  const [clients, municipalities] = await Promise.all([listApiClients({ ctx: staff.ctx }), listMunicipalities({ ctx: staff.ctx })]);
  const rows: ApiClientRow[] = clients.map((c) => ({
    id: c.id,
    name: c.name,
    keyId: c.keyId,
    municipalityName: c.municipality?.name ?? null,
    status: c.status,
    scopes: c.scopes,
    createdAt: c.createdAt,
    rotatedAt: c.rotatedAt,
    previousValidUntil: c.previousValidUntil,
    lastUsedAt: c.lastUsedAt,
  }));

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-4">
        <h1 className="text-std-32B-150 text-solid-gray-900">APIクライアントの管理</h1>
        <p className="text-std-16N-170 text-solid-gray-800">
          コンビニ交付センターなど、キオスクAPIを呼び出すクライアントを管理します。要求はキーIDと秘密鍵による署名（HTTPメッセージ署名）で認証されます。秘密鍵は作成時と再発行時に一度だけ表示されます。
        </p>
      </div>
      <ApiClientsScreen clients={rows} municipalities={municipalities.map((m) => ({ code: m.code, name: m.name }))} />
    </div>
  );
}
