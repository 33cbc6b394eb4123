"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { disableStaffUserAction, enableStaffUserAction } from "../actions";

type Props = { staffUserId: string; loginId: string; status: "active" | "disabled"; isSelf: boolean };

export function StatusToggle({ staffUserId, loginId, status, isSelf }: Props) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const label = status === "active" ? "有効" : "無効";
  if (isSelf) return <span>{label}（本人）</span>;

  const toggle = () =>
    startTransition(async () => {
      setMessage(null);
      const input = { staffUserId };
      const result = status === "active" ? await disableStaffUserAction(input) : await enableStaffUserAction(input);
      if (!result.ok) setMessage(result.message);
    });

  return (
    <div className="flex flex-col items-start gap-1">
      <div className="flex items-center gap-2">
        <span>{label}</span>
        <Button variant="outline" size="sm" disabled={pending} onClick={toggle} aria-label={`${loginId}を${status === "active" ? "無効にする" : "有効にする"}`}>
          {status === "active" ? "無効にする" : "有効にする"}
        </Button>
      </div>
      {message ? (
        <p role="alert" className="text-std-16N-170 text-error-1">
          {message}
        </p>
      ) : null}
    </div>
  );
}
