import { useId, type ComponentPropsWithRef, type ReactNode } from "react";

// Form controls of the service pages that components/ui does not have yet (same DADS look as text-field).
const CONTROL =
  "min-h-14 w-full rounded-8 border border-solid-gray-600 bg-white px-4 py-3 text-std-16N-170 text-solid-gray-800 hover:border-black aria-invalid:border-error-1 " +
  "focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-black focus-visible:outline-solid focus-visible:ring-2 focus-visible:ring-yellow-300";

function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={id} className="text-std-16N-170 text-error-1">
      <span aria-hidden="true">＊</span>
      {error}
    </p>
  ) : null;
}

export type SelectFieldProps = Omit<ComponentPropsWithRef<"select">, "id" | "children"> & {
  label: ReactNode;
  options: ReadonlyArray<{ value: string; label: string }>;
  error?: string;
};

export function SelectField({ label, options, error, className, ...props }: SelectFieldProps) {
  const id = `select-${useId()}`;
  return (
    <div className={["flex flex-col gap-2", className].filter(Boolean).join(" ")}>
      <label htmlFor={id} className="text-std-17B-170 text-solid-gray-800">
        {label}
      </label>
      <select {...props} id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} className={CONTROL}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

export type CheckboxFieldProps = Omit<ComponentPropsWithRef<"input">, "id" | "type"> & { label: ReactNode; error?: string };

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
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

export function FormMessage({ result }: { result: { ok: boolean; message?: string } | null }) {
  if (!result) return null;
  return result.ok ? (
    <p role="status" className="text-std-16B-170 text-success-2">
      保存しました。
    </p>
  ) : (
    <p role="alert" className="text-std-16B-170 text-error-1">
      {result.message}
    </p>
  );
}
