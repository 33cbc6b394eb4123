import { useId, type ComponentPropsWithRef, type ReactNode } from "react";

export type SelectOption = { value: string; label: string };

export type SelectFieldProps = Omit<ComponentPropsWithRef<"select">, "id" | "children"> & {
  label: ReactNode;
  options: readonly SelectOption[];
  /** Shown under the label and tied to the select with aria-describedby. */
  hint?: ReactNode;
  id?: string;
};

/** A labelled DADS select (same look as components/ui/text-field). */
export function SelectField({ label, options, hint, id, className, ...selectProps }: SelectFieldProps) {
  const generatedId = useId();
  const selectId = id ?? `select-${generatedId}`;
  const hintId = `${selectId}-hint`;
  return (
    <div className={["flex flex-col gap-2", className].filter(Boolean).join(" ")}>
      <label htmlFor={selectId} className="text-std-17B-170 text-solid-gray-800">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-std-16N-170 text-solid-gray-700">
          {hint}
        </p>
      ) : null}
      <select
        {...selectProps}
        id={selectId}
        aria-describedby={hint ? hintId : undefined}
        className={
          "min-h-14 w-full rounded-8 border border-solid-gray-600 bg-white px-4 py-3 text-std-16N-170 text-solid-gray-800 " +
          "hover:border-black " +
          "focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-black focus-visible:outline-solid " +
          "focus-visible:ring-2 focus-visible:ring-yellow-300"
        }
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
