"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { MUNICIPALITY_STATUS_LABELS, MUNICIPALITY_STATUSES, type MunicipalityStatusName } from "@/lib/schemas/municipality";
import { setMunicipalityStatusAction } from "../actions";
import { SelectField } from "@/components/ui/select-field";

const OPTIONS = MUNICIPALITY_STATUSES.map((s) => ({ value: s, label: MUNICIPALITY_STATUS_LABELS[s] }));

/** Switches the municipality between 準備中, 稼働中 and 停止中. */
export function StatusForm({ code, status }: { code: string; status: MunicipalityStatusName }) {
  const router = useRouter();
  const [value, setValue] = useState<MunicipalityStatusName>(status);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    const result = await setMunicipalityStatusAction({ code, status: value });
    setBusy(false);
    setMessage(result.ok ? { ok: true, text: `状態を「${MUNICIPALITY_STATUS_LABELS[value]}」にしました。` } : { ok: false, text: result.message });
    if (result.ok) router.refresh();
  }

  return (
    <form className="flex flex-col gap-4" onSubmit={(e) => void submit(e)}>
      {message ? (
        <Alert variant={message.ok ? "success" : "error"} role={message.ok ? "status" : "alert"}>
          {message.text}
        </Alert>
      ) : null}
      <SelectField label="状態" options={OPTIONS} value={value} onChange={(e) => setValue(e.target.value as MunicipalityStatusName)} />
      <div>
        <Button type="submit" variant="outline" disabled={busy || value === status}>
          状態を変更する
        </Button>
      </div>
    </form>
  );
}
