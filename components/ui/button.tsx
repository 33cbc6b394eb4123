import type { ComponentPropsWithRef } from "react";

// DADS button: solid (primary action), outline (secondary), text (tertiary). Colors keep ≥ 4.5:1 contrast.
export type ButtonVariant = "solid" | "outline" | "text";
export type ButtonSize = "lg" | "md" | "sm";

const BASE =
  "inline-flex items-center justify-center gap-2 rounded-8 underline-offset-[calc(3/16*1rem)] " +
  "focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-black focus-visible:outline-solid " +
  "focus-visible:ring-2 focus-visible:ring-yellow-300 " +
  "disabled:cursor-not-allowed aria-disabled:cursor-not-allowed";

const VARIANTS: Record<ButtonVariant, string> = {
  solid:
    "border-4 border-double border-transparent bg-blue-900 text-white hover:bg-blue-1000 hover:underline active:bg-blue-1200 active:underline " +
    "disabled:bg-solid-gray-300 disabled:text-solid-gray-50 disabled:no-underline",
  outline:
    "border border-current bg-white text-blue-900 hover:bg-blue-200 hover:text-blue-1000 hover:underline active:bg-blue-300 active:text-blue-1200 " +
    "disabled:border-solid-gray-300 disabled:bg-white disabled:text-solid-gray-300 disabled:no-underline",
  text:
    "bg-transparent text-blue-900 underline hover:bg-blue-50 hover:text-blue-1000 hover:decoration-[calc(3/16*1rem)] active:bg-blue-100 active:text-blue-1200 " +
    "disabled:bg-transparent disabled:text-solid-gray-300",
};

const SIZES: Record<ButtonSize, string> = {
  lg: "min-h-14 min-w-34 px-4 py-3 text-oln-16B-100",
  md: "min-h-12 min-w-24 px-4 py-2 text-oln-16B-100",
  sm: "min-h-9 min-w-20 px-3 py-1.5 text-oln-16B-100",
};

/** Class names of a DADS button, for links that look like buttons. */
export function buttonClassName({
  variant = "solid",
  size = "md",
  className,
}: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}): string {
  return [BASE, VARIANTS[variant], SIZES[size], className].filter(Boolean).join(" ");
}

export type ButtonProps = ComponentPropsWithRef<"button"> & { variant?: ButtonVariant; size?: ButtonSize };

export function Button({ variant = "solid", size = "md", className, type = "button", ...props }: ButtonProps) {
  return <button type={type} className={buttonClassName({ variant, size, className })} {...props} />;
}
