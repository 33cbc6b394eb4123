"use client";

import { useEffect, useId, useRef, type ComponentPropsWithRef, type ReactNode } from "react";

// Touch-sized building blocks of the kiosk screen: every target is at least 56px high, text is large,
// and each screen moves focus to its heading so keyboard and screen-reader users follow the steps.

const FOCUS = "focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-black focus-visible:outline-solid focus-visible:ring-2 focus-visible:ring-yellow-300";

export function KioskScreen({
  title,
  lead,
  focusHeading,
  children,
  footer,
}: {
  title: string;
  lead?: ReactNode;
  /** False on the very first screen, so the page does not steal focus from the skip link on load. */
  focusHeading: boolean;
  children?: ReactNode;
  footer?: ReactNode;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusHeading) headingRef.current?.focus();
    // Only when the screen appears: each screen is mounted with its own key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <section aria-labelledby="kiosk-screen-title" className="flex min-h-[560px] flex-col">
      <div className="flex flex-1 flex-col gap-6 px-5 py-6 desktop:px-10 desktop:py-8">
        <div className="flex flex-col gap-2">
          <h2 id="kiosk-screen-title" ref={headingRef} tabIndex={-1} className="text-std-32B-150 text-solid-gray-900 outline-none focus-visible:outline-none">
            {title}
          </h2>
          {lead ? <div className="text-std-20N-150 text-solid-gray-800">{lead}</div> : null}
        </div>
        {children}
      </div>
      {footer ? (
        <div className="flex flex-wrap items-center justify-between gap-4 border-t border-solid-gray-420 bg-solid-gray-50 px-5 py-4 desktop:px-10">
          {footer}
        </div>
      ) : null}
    </section>
  );
}

type TileVariant = "primary" | "secondary" | "quiet";

const TILE: Record<TileVariant, string> = {
  primary:
    "border-4 border-double border-transparent bg-blue-900 text-white hover:bg-blue-1000 active:bg-blue-1200 " +
    "disabled:bg-solid-gray-300 disabled:text-solid-gray-800",
  secondary:
    "border-2 border-blue-900 bg-white text-blue-900 hover:bg-blue-50 active:bg-blue-100 " +
    "disabled:border-solid-gray-420 disabled:bg-solid-gray-50 disabled:text-solid-gray-800",
  quiet:
    "border border-solid-gray-600 bg-white text-solid-gray-900 hover:bg-solid-gray-50 active:bg-solid-gray-100 " +
    "disabled:border-solid-gray-420 disabled:bg-solid-gray-50 disabled:text-solid-gray-700",
};

export type KioskButtonProps = ComponentPropsWithRef<"button"> & { variant?: TileVariant; size?: "xl" | "lg" | "md" };

const SIZE = {
  xl: "min-h-24 px-6 py-4 text-std-24B-150",
  lg: "min-h-18 px-6 py-3 text-std-22B-150",
  md: "min-h-14 px-5 py-2 text-std-18B-160",
} as const;

/** A big touch button (kiosk style). */
export function KioskButton({ variant = "primary", size = "lg", className, type = "button", ...props }: KioskButtonProps) {
  return (
    <button
      type={type}
      className={["inline-flex items-center justify-center gap-3 rounded-12 text-center disabled:cursor-not-allowed", FOCUS, TILE[variant], SIZE[size], className]
        .filter(Boolean)
        .join(" ")}
      {...props}
    />
  );
}

/** A group of large radio tiles (世帯全員 / 一部の人, あり / なし …). */
export function ChoiceGroup<T extends string>({
  legend,
  hint,
  name,
  value,
  options,
  onChange,
  disabled,
}: {
  legend: string;
  hint?: string;
  name: string;
  value: T;
  options: ReadonlyArray<{ value: T; label: string }>;
  onChange: (value: T) => void;
  disabled?: boolean;
}) {
  const hintId = useId();
  return (
    <fieldset className="flex flex-col gap-3" aria-describedby={hint ? hintId : undefined}>
      <legend className="text-std-22B-150 text-solid-gray-900">{legend}</legend>
      {hint ? (
        <p id={hintId} className="-mt-1 text-std-16N-170 text-solid-gray-700">
          {hint}
        </p>
      ) : null}
      <div className="grid grid-cols-2 gap-3 desktop:max-w-xl">
        {options.map((o) => (
          <label
            key={o.value}
            className={
              "flex min-h-16 cursor-pointer items-center gap-3 rounded-12 border-2 px-5 py-3 text-std-22B-150 " +
              "has-focus-visible:outline-4 has-focus-visible:outline-offset-2 has-focus-visible:outline-black has-focus-visible:outline-solid " +
              (value === o.value ? "border-blue-900 bg-blue-50 text-blue-1000" : "border-solid-gray-600 bg-white text-solid-gray-900 hover:bg-solid-gray-50")
            }
          >
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={value === o.value}
              disabled={disabled}
              onChange={() => onChange(o.value)}
              className="size-7 shrink-0 accent-blue-900 focus-visible:outline-none"
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A large checkbox tile (household members, certified items). */
export function CheckTile({ label, sub, checked, onChange }: { label: string; sub?: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label
      className={
        "flex min-h-16 cursor-pointer items-center gap-4 rounded-12 border-2 px-5 py-3 " +
        "has-focus-visible:outline-4 has-focus-visible:outline-offset-2 has-focus-visible:outline-black has-focus-visible:outline-solid " +
        (checked ? "border-blue-900 bg-blue-50" : "border-solid-gray-600 bg-white hover:bg-solid-gray-50")
      }
    >
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        className="size-7 shrink-0 accent-blue-900 focus-visible:outline-none"
      />
      <span className="flex flex-col">
        <span className="text-std-22B-150 text-solid-gray-900">{label}</span>
        {sub ? <span className="text-std-16N-170 text-solid-gray-700">{sub}</span> : null}
      </span>
    </label>
  );
}

/** An inline message on the kiosk screen (errors after a touch are announced at once). */
export function KioskMessage({ tone, children, title }: { tone: "error" | "info" | "success"; children?: ReactNode; title?: ReactNode }) {
  const box = { error: "border-error-1 bg-red-50", info: "border-blue-900 bg-blue-50", success: "border-success-1 bg-green-50" }[tone];
  const head = { error: "text-error-2", info: "text-blue-1000", success: "text-success-2" }[tone];
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-12 border-l-8 border-y border-r px-5 py-4 ${box}`}>
      {title ? <p className={`text-std-22B-150 ${head}`}>{title}</p> : null}
      {children ? <div className="text-std-20N-150 text-solid-gray-900">{children}</div> : null}
    </div>
  );
}
