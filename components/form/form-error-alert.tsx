import type { RefObject } from "react";
import { Alert } from "@/components/ui/alert";

// The banner of a refused form (useFormAction's `message`), focused by its `alertRef` when it appears so that
// keyboard and screen-reader users land on it. Nothing while there is no message.

export function FormErrorAlert({ message, alertRef, title, className }: { message: string | null; alertRef: RefObject<HTMLDivElement | null>; title?: string; className?: string }) {
  if (!message) return null;
  return (
    <Alert variant="error" role="alert" ref={alertRef} tabIndex={-1} title={title} className={className}>
      {message}
    </Alert>
  );
}
