import { useId, type ComponentPropsWithRef, type ReactNode } from "react";

export type TextAreaFieldProps = Omit<ComponentPropsWithRef<"textarea">, "id" | "children"> & {
  label: ReactNode;
  /** Shown under the label and tied to the textarea with aria-describedby. */
  hint?: ReactNode;
  /** A validation message; marks the textarea aria-invalid and is read with it. */
  error?: string;
  id?: string;
};

/** A labelled DADS textarea with a hint and a validation message (the multi-line sibling of text-field; react-hook-form `register()`). */
export function TextAreaField({ label, hint, error, id, required, className, rows = 4, ...props }: TextAreaFieldProps) {
  const generatedId = useId();
  const fieldId = id ?? `textarea-${generatedId}`;
  const hintId = `${fieldId}-hint`;
  const errorId = `${fieldId}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null, props["aria-describedby"]].filter(Boolean).join(" ");
  return (
    <div className={["flex flex-col gap-2", className].filter(Boolean).join(" ")}>
      <label htmlFor={fieldId} className="flex flex-wrap items-center gap-2 text-std-17B-170 text-solid-gray-800">
        {label}
        {required ? <span className="rounded-4 bg-error-2 px-2 py-0.5 text-dns-14B-120 text-white">必須</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="text-std-16N-170 text-solid-gray-700">
          {hint}
        </p>
      ) : null}
      <textarea
        {...props}
        id={fieldId}
        rows={rows}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className={
          "w-full rounded-8 border border-solid-gray-600 bg-white px-4 py-3 text-std-16N-170 text-solid-gray-800 " +
          "hover:border-black aria-invalid:border-error-1 " +
          "focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-black focus-visible:outline-solid focus-visible:ring-2 focus-visible:ring-yellow-300"
        }
      />
      {error ? (
        <p id={errorId} className="text-std-16N-170 text-error-1">
          <span aria-hidden="true">＊</span>
          {error}
        </p>
      ) : null}
    </div>
  );
}
