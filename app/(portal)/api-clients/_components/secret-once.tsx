"use client";

import { useEffect, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export type ShownSecret = { kind: "created" | "rotated"; name: string; keyId: string; secret: string };

/** The secret, shown once after create or rotate; it lives only in this component's state. */
export function SecretOnce({ shown, onDismiss }: { shown: ShownSecret; onDismiss: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [shown]);
  return (
    <div ref={ref} tabIndex={-1} className="flex flex-col gap-4">
      <Alert variant="warning" role="status" title={shown.kind === "created" ? "APIクライアントを作成しました" : "秘密鍵を再発行しました"}>
        <p>この秘密鍵はこの画面でしか表示されません。いま控えて、センターの設定に安全な方法で渡してください。</p>
        {shown.kind === "rotated" ? <p>以前の秘密鍵は、24時間後まで引き続き使えます。</p> : null}
      </Alert>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 rounded-8 border border-solid-gray-420 p-4 text-std-16N-170 desktop:grid-cols-[max-content_1fr]">
        <dt className="font-bold">名称</dt>
        <dd>{shown.name}</dd>
        <dt className="font-bold">キーID</dt>
        <dd className="break-all font-mono" data-testid="shown-key-id">
          {shown.keyId}
        </dd>
        <dt className="font-bold">秘密鍵</dt>
        <dd className="break-all font-mono" data-testid="shown-secret">
          {shown.secret}
        </dd>
      </dl>
      <div className="flex flex-wrap gap-4">
        <Button variant="outline" onClick={() => void navigator.clipboard?.writeText(shown.secret)}>
          秘密鍵をコピーする
        </Button>
        <Button variant="text" onClick={onDismiss}>
          控えたので閉じる
        </Button>
      </div>
    </div>
  );
}
