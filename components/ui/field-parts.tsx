import type { ReactNode } from "react";

// The pieces every DADS field shares around its control: the 必須 badge beside the label, the hint under it
// and the validation message, each with the id the control's aria-describedby names.

export function RequiredBadge() {
  return <span className="rounded-4 bg-error-2 px-2 py-0.5 text-dns-14B-120 text-white">必須</span>;
}

/** A line under the label (a hint, or the date fields' value read back); nothing without content. */
export function FieldNote({ id, children }: { id: string; children: ReactNode }) {
  return children ? (
    <p id={id} className="text-std-16N-170 text-solid-gray-700">
      {children}
    </p>
  ) : null;
}

export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p id={id} className="text-std-16N-170 text-error-1">
      <span aria-hidden="true">＊</span>
      {error}
    </p>
  ) : null;
}

/** The ids of a control's description: those of the parts present, then any the caller gave. */
export function describedBy(...ids: Array<string | false | null | undefined>): string | undefined {
  return ids.filter(Boolean).join(" ") || undefined;
}
