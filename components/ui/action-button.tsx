"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";

/** What the button needs of a server action's FormResult: success, or the message to show. */
type ActionOutcome = { ok: true } | { ok: false; message: string };

type Props = { action: (input: unknown) => Promise<ActionOutcome>; input: unknown; label: string; pendingLabel: string; confirm?: string };

/** A one-click mutation (cancel a stop, end an emergency stop) with its error shown beside it. */
export function ActionButton({ action, input, label, pendingLabel, confirm }: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-1">
      <Button
        variant="outline"
        size="sm"
        disabled={pending}
        onClick={() => {
          if (confirm && !window.confirm(confirm)) return;
          start(async () => {
            const result = await action(input);
            setError(result.ok ? null : result.message);
            if (result.ok) router.refresh();
          });
        }}
      >
        {pending ? pendingLabel : label}
      </Button>
      {error ? (
        <p role="alert" className="text-std-16N-170 text-error-1">
          {error}
        </p>
      ) : null}
    </div>
  );
}
