"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/lib/error-messages";
import { SEAL_MAX_BYTES } from "@/lib/schemas/municipality";

// When the route gives no problem code (the network failed, or a proxy answered).
const FALLBACK = "アップロードできませんでした。しばらく時間をおいてから再度お試しください。";

/** Uploads the 公印 PNG to the seal route (a route handler: server actions cap bodies at 1 MB in total). */
export function SealUpload({ code }: { code: string }) {
  const router = useRouter();
  const inputId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setDone(false);
    const file = fileRef.current?.files?.[0];
    if (!file) return setError(errorMessage("seal_missing"));
    if (file.size > SEAL_MAX_BYTES) return setError(errorMessage("seal_too_large"));
    setBusy(true);
    try {
      const res = await fetch(`/municipalities/${code}/seal`, { method: "POST", headers: { "Content-Type": "image/png" }, body: file });
      if (res.ok) {
        setDone(true);
        if (fileRef.current) fileRef.current.value = "";
        router.refresh();
      } else {
        const problem = (await res.json().catch(() => null)) as { code?: string } | null;
        setError(problem?.code ? errorMessage(problem.code) : FALLBACK);
      }
    } catch {
      setError(FALLBACK);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="flex flex-col gap-4" onSubmit={(e) => void submit(e)} noValidate>
      {done ? (
        <Alert variant="success" role="status">
          公印の画像を登録しました。
        </Alert>
      ) : null}
      <div className="flex flex-col gap-2">
        <label htmlFor={inputId} className="text-std-17B-170 text-solid-gray-800">
          公印の画像ファイル
        </label>
        <p id={`${inputId}-hint`} className="text-std-16N-170 text-solid-gray-700">
          PNG形式、1MB以下、縦横32〜2000ピクセル。背景は透明を推奨します。
        </p>
        <input
          ref={fileRef}
          id={inputId}
          type="file"
          accept="image/png"
          aria-describedby={[`${inputId}-hint`, error ? `${inputId}-error` : null].filter(Boolean).join(" ")}
          aria-invalid={error ? true : undefined}
          className="text-std-16N-170 text-solid-gray-800"
        />
        {error ? (
          <p id={`${inputId}-error`} role="alert" className="text-std-16N-170 text-error-1">
            <span aria-hidden="true">＊</span>
            {error}
          </p>
        ) : null}
      </div>
      <div>
        <Button type="submit" variant="outline" disabled={busy}>
          {busy ? "アップロードしています…" : "公印をアップロードする"}
        </Button>
      </div>
    </form>
  );
}
