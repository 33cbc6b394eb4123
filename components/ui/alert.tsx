import type { ReactNode, Ref } from "react";

// DADS notification banner: a colored left border and heading, body text in solid-gray-800 on white for contrast.
export type AlertVariant = "error" | "warning" | "success" | "info";

const STYLES: Record<AlertVariant, { box: string; heading: string; mark: string }> = {
  error: { box: "border-error-1 bg-red-50", heading: "text-error-2", mark: "×" },
  warning: { box: "border-warning-yellow-1 bg-yellow-50", heading: "text-solid-gray-900", mark: "!" },
  success: { box: "border-success-1 bg-green-50", heading: "text-success-2", mark: "✓" },
  info: { box: "border-blue-900 bg-blue-50", heading: "text-blue-900", mark: "i" },
};

export type AlertProps = {
  variant?: AlertVariant;
  title?: ReactNode;
  children?: ReactNode;
  /**
   * "alert" announces the message at once (use for errors that appear after an action); "status" announces
   * politely; none for messages that are part of the page from the start.
   */
  role?: "alert" | "status";
  id?: string;
  className?: string;
  tabIndex?: number;
  ref?: Ref<HTMLDivElement>;
};

export function Alert({ variant = "info", title, children, role, id, className, tabIndex, ref }: AlertProps) {
  const s = STYLES[variant];
  return (
    <div
      ref={ref}
      id={id}
      role={role}
      tabIndex={tabIndex}
      className={["flex gap-3 rounded-8 border-l-8 border-y border-r p-4 text-solid-gray-800", s.box, className]
        .filter(Boolean)
        .join(" ")}
    >
      <span aria-hidden="true" className={`text-std-18B-160 ${s.heading}`}>
        {s.mark}
      </span>
      <div className="min-w-0 flex-1">
        {title ? <p className={`text-std-17B-170 ${s.heading}`}>{title}</p> : null}
        {children ? <div className="text-std-16N-170">{children}</div> : null}
      </div>
    </div>
  );
}
