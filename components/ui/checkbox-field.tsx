import { useId, type ComponentPropsWithRef, type ReactNode } from "react";

export type CheckboxFieldProps = Omit<ComponentPropsWithRef<"input">, "id" | "type"> & { label: ReactNode; error?: string };

/** A DADS checkbox with its label and an optional validation message tied to it (react-hook-form `register()`). */
export function CheckboxField({ label, error, className, ...props }: CheckboxFieldProps) {
  const id = `check-${useId()}`;
  return (
    <div className={["flex flex-col gap-1", className].filter(Boolean).join(" ")}>
      <div className="flex items-center gap-2">
        <input
          {...props}
          id={id}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="size-6 accent-blue-900 focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-black"
        />
        <label htmlFor={id} className="text-std-16N-170 text-solid-gray-800">
          {label}
        </label>
      </div>
      {error ? (
        <p id={`${id}-error`} className="text-std-16N-170 text-error-1">
          <span aria-hidden="true">＊</span>
          {error}
        </p>
      ) : null}
    </div>
  );
}
