import { useId, type ComponentPropsWithRef, type ReactNode } from "react";
import { describedBy, FieldError, FieldNote, RequiredBadge } from "./field-parts";

/** The DADS select's look (also the parts of components/form/date-fields.tsx). */
export const SELECT_CLASS =
  "min-h-14 w-full rounded-8 border border-solid-gray-600 bg-white px-4 py-3 text-std-16N-170 text-solid-gray-800 " +
  "hover:border-black aria-invalid:border-error-1 " +
  "focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-black focus-visible:outline-solid " +
  "focus-visible:ring-2 focus-visible:ring-yellow-300";

export type SelectOption = { value: string; label: string };

export type SelectFieldProps = Omit<ComponentPropsWithRef<"select">, "id" | "children"> & {
  label: ReactNode;
  options: readonly SelectOption[];
  /** A first, empty choice such as 「選択してください」. */
  placeholder?: string;
  hint?: ReactNode;
  /** A validation message; marks the select aria-invalid and is read with it. */
  error?: string;
  id?: string;
};

/**
 * A labelled DADS select with an optional hint and validation message (same look as text-field). Works with
 * react-hook-form's `register()` and with plain GET filter forms (`name` + `defaultValue`).
 */
export function SelectField({ label, options, placeholder, hint, error, id, required, className, ...selectProps }: SelectFieldProps) {
  const generatedId = useId();
  const selectId = id ?? `select-${generatedId}`;
  const hintId = `${selectId}-hint`;
  const errorId = `${selectId}-error`;
  return (
    <div className={["flex flex-col gap-2", className].filter(Boolean).join(" ")}>
      <label htmlFor={selectId} className="flex flex-wrap items-center gap-2 text-std-17B-170 text-solid-gray-800">
        {label}
        {required ? <RequiredBadge /> : null}
      </label>
      <FieldNote id={hintId}>{hint}</FieldNote>
      <select
        {...selectProps}
        id={selectId}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint ? hintId : null, error && errorId, selectProps["aria-describedby"])}
        className={SELECT_CLASS}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={errorId} error={error} />
    </div>
  );
}
