import { useId, type ComponentPropsWithRef, type ReactNode } from "react";
import { describedBy, FieldError, FieldNote, RequiredBadge } from "./field-parts";

export type TextFieldProps = Omit<ComponentPropsWithRef<"input">, "id" | "children"> & {
  label: ReactNode;
  /** Shown under the label and tied to the input with aria-describedby. */
  hint?: ReactNode;
  /** A validation message; marks the input aria-invalid and is read with it. */
  error?: string;
  id?: string;
};

/**
 * A labelled DADS input. Works with react-hook-form's `register()` (React 19 passes `ref` as a prop).
 * Forms using it should set `noValidate` so the zod messages, not the browser's, are shown.
 */
export function TextField({ label, hint, error, id, required, className, type = "text", ...inputProps }: TextFieldProps) {
  const generatedId = useId();
  const inputId = id ?? `field-${generatedId}`;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;

  return (
    <div className={["flex flex-col gap-2", className].filter(Boolean).join(" ")}>
      <label htmlFor={inputId} className="flex flex-wrap items-center gap-2 text-std-17B-170 text-solid-gray-800">
        {label}
        {required ? <RequiredBadge /> : null}
      </label>
      <FieldNote id={hintId}>{hint}</FieldNote>
      <input
        {...inputProps}
        id={inputId}
        type={type}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint ? hintId : null, error && errorId, inputProps["aria-describedby"])}
        className={
          "min-h-14 w-full rounded-8 border border-solid-gray-600 bg-white px-4 py-3 text-std-16N-170 text-solid-gray-800 " +
          "hover:border-black aria-invalid:border-error-1 " +
          "focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-black focus-visible:outline-solid " +
          "focus-visible:ring-2 focus-visible:ring-yellow-300 " +
          "disabled:border-solid-gray-300 disabled:bg-solid-gray-50 disabled:text-solid-gray-420"
        }
      />
      <FieldError id={errorId} error={error} />
    </div>
  );
}
