"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useFormAction, useFormAlert } from "@/components/form/use-form-action";
import { DataTable } from "@/components/ui/data-table";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { formatJstShort } from "@/lib/jst";
import { API_CLIENT_SCOPE_LABELS, API_CLIENT_STATUS_LABELS, ZApiClientCreate, type ApiClientCreateInput, type ApiClientScopeName } from "@/lib/schemas/api-client";
import { SelectField } from "@/components/ui/select-field";
import { createApiClientAction, revokeApiClientAction, rotateApiClientAction } from "../actions";
import { ScopeFieldset } from "./scope-fieldset";
import { ScopesEditor } from "./scopes-editor";
import { SecretOnce, type ShownSecret } from "./secret-once";

export type ApiClientRow = {
  id: string;
  name: string;
  keyId: string;
  municipalityName: string | null;
  status: "active" | "revoked";
  scopes: ApiClientScopeName[];
  createdAt: string;
  rotatedAt: string | null;
  previousValidUntil: string | null;
  lastUsedAt: string | null;
};


export function ApiClientsScreen({ clients, municipalities }: { clients: ApiClientRow[]; municipalities: { code: string; name: string }[] }) {
  const router = useRouter();
  const [shown, setShown] = useState<ShownSecret | null>(null);
  // One banner for the create form and the buttons of the list.
  const alert = useFormAlert();
  const setFailure = alert.setMessage;
  const [busyId, setBusyId] = useState<string | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const editing = clients.find((c) => c.id === editingId && c.status === "active") ?? null;
  const form = useForm<ApiClientCreateInput>({ resolver: zodResolver(ZApiClientCreate), defaultValues: { name: "", municipalityCode: "", scopes: [] }, reValidateMode: "onChange" });
  const {
    register,
    formState: { errors, isSubmitting },
  } = form;
  const create = (values: ApiClientCreateInput) => {
    setDone(null);
    return createApiClientAction(values);
  };
  const { onSubmit: onCreate } = useFormAction(form, create, {
    alert,
    onSuccess: (data) => {
      form.reset();
      setShown({ kind: "created", ...data });
      router.refresh();
    },
  });

  async function rotate(c: ApiClientRow) {
    if (!window.confirm(`「${c.name}」の秘密鍵を再発行します。以前の秘密鍵は24時間後に使えなくなります。よろしいですか。`)) return;
    setBusyId(c.id);
    setFailure(null);
    setDone(null);
    const result = await rotateApiClientAction({ id: c.id });
    setBusyId(null);
    if (!result.ok) return setFailure(result.message);
    setShown({ kind: "rotated", ...result.data });
    router.refresh();
  }

  async function revoke(c: ApiClientRow) {
    if (!window.confirm(`「${c.name}」を失効させます。このクライアントからの要求はすぐに拒否され、元に戻せません。よろしいですか。`)) return;
    setBusyId(c.id);
    setFailure(null);
    setDone(null);
    const result = await revokeApiClientAction({ id: c.id });
    setBusyId(null);
    if (!result.ok) return setFailure(result.message);
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-10">
      {alert.message ? (
        <Alert variant="error" role="alert" title="操作できませんでした">
          {alert.message}
        </Alert>
      ) : null}
      {done ? (
        <Alert variant="success" role="status">
          {done}
        </Alert>
      ) : null}
      {shown ? <SecretOnce shown={shown} onDismiss={() => setShown(null)} /> : null}

      <section aria-labelledby="list-heading" className="flex flex-col gap-4">
        <h2 id="list-heading" className="text-std-24B-150 text-solid-gray-900">
          登録済みのAPIクライアント
        </h2>
        <DataTable
          label="APIクライアントの一覧"
          caption="APIクライアントの名称、キーID、対象自治体、権限、状態、作成日時、秘密鍵の再発行日時、最終利用日時と操作"
          rows={clients}
          rowKey={(c) => c.id}
          rowClassName="border-b border-solid-gray-200 last:border-b-0"
          empty={<p className="text-std-16N-170">APIクライアントはまだありません。</p>}
          columns={[
            { header: "名称", rowHeader: true, className: "px-3 py-3 font-normal", cell: (c) => c.name },
            { header: "キーID", className: "px-3 py-3 font-mono", cell: (c) => c.keyId },
            { header: "対象自治体", className: "whitespace-nowrap px-3 py-3", cell: (c) => c.municipalityName ?? "すべて" },
            {
              header: "権限",
              className: "px-3 py-3",
              cell: (c) =>
                c.scopes.length ? (
                  <ul className="flex flex-col gap-1">
                    {c.scopes.map((s) => (
                      <li key={s} className="whitespace-nowrap">{API_CLIENT_SCOPE_LABELS[s]}</li>
                    ))}
                  </ul>
                ) : (
                  "なし"
                ),
            },
            { header: "状態", className: "whitespace-nowrap px-3 py-3", cell: (c) => API_CLIENT_STATUS_LABELS[c.status] },
            { header: "作成", className: "whitespace-nowrap px-3 py-3", cell: (c) => formatJstShort(c.createdAt) },
            {
              header: "再発行",
              className: "px-3 py-3",
              cell: (c) => (
                <>
                  {formatJstShort(c.rotatedAt)}
                  {c.previousValidUntil && new Date(c.previousValidUntil) > new Date() ? <span className="block text-solid-gray-700">旧鍵の期限 {formatJstShort(c.previousValidUntil)}</span> : null}
                </>
              ),
            },
            { header: "最終利用", className: "whitespace-nowrap px-3 py-3", cell: (c) => formatJstShort(c.lastUsedAt) },
            {
              header: "操作",
              className: "px-3 py-3",
              cell: (c) =>
                c.status === "active" ? (
                  <div className="flex flex-wrap gap-2">
                    <Button
                      size="sm"
                      variant="outline"
                      disabled={busyId === c.id}
                      onClick={() => {
                        setDone(null);
                        setEditingId(c.id);
                      }}
                      aria-label={`${c.name}の権限を変更`}
                    >
                      権限を変更
                    </Button>
                    <Button size="sm" variant="outline" disabled={busyId === c.id} onClick={() => void rotate(c)} aria-label={`${c.name}の秘密鍵を再発行`}>
                      再発行
                    </Button>
                    <Button size="sm" variant="outline" disabled={busyId === c.id} onClick={() => void revoke(c)} aria-label={`${c.name}を失効`}>
                      失効
                    </Button>
                  </div>
                ) : (
                  "—"
                ),
            },
          ]}
        />
      </section>

      {editing ? (
        <ScopesEditor
          key={editing.id}
          client={editing}
          onCancel={() => setEditingId(null)}
          onDone={(message) => {
            setEditingId(null);
            setDone(message);
            router.refresh();
          }}
        />
      ) : null}

      <section aria-labelledby="create-heading" className="flex max-w-2xl flex-col gap-4">
        <h2 id="create-heading" className="text-std-24B-150 text-solid-gray-900">
          APIクライアントを作成する
        </h2>
        <form noValidate className="flex flex-col gap-6" onSubmit={onCreate}>
          <TextField label="名称" hint="例：コンビニ交付センター（本番）" required error={errors.name?.message} {...register("name")} />
          <SelectField
            label="対象自治体"
            hint="特定の自治体だけに使わせる場合に選びます。"
            placeholder="すべての自治体"
            options={municipalities.map((m) => ({ value: m.code, label: `${m.name}（${m.code}）` }))}
            error={errors.municipalityCode?.message}
            {...register("municipalityCode")}
          />
          <ScopeFieldset registration={register("scopes")} error={errors.scopes?.message} />
          <div>
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? "作成しています…" : "作成する"}
            </Button>
          </div>
        </form>
      </section>
    </div>
  );
}
