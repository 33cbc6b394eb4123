"use client";

import { useEffect } from "react";
import { KioskButton } from "./kiosk-ui";

export const PIN_LENGTH = 4;

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"] as const;

/**
 * The 4-digit PIN entry: masked boxes and an on-screen keypad. Digits, Backspace and Enter on a physical
 * keyboard work too (a kiosk has none, but staff trying the simulator on a PC do).
 */
export function PinPad({
  value,
  onChange,
  onSubmit,
  disabled,
}: {
  value: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  disabled: boolean;
}) {
  const press = (digit: string) => {
    if (!disabled && value.length < PIN_LENGTH) onChange(value + digit);
  };
  const erase = () => {
    if (!disabled) onChange(value.slice(0, -1));
  };
  const complete = value.length === PIN_LENGTH;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (disabled || e.altKey || e.ctrlKey || e.metaKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")) return;
      if (/^[0-9]$/.test(e.key)) {
        e.preventDefault();
        if (value.length < PIN_LENGTH) onChange(value + e.key);
      } else if (e.key === "Backspace") {
        e.preventDefault();
        onChange(value.slice(0, -1));
      } else if (e.key === "Enter" && value.length === PIN_LENGTH && target?.tagName !== "BUTTON") {
        e.preventDefault();
        onSubmit();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [disabled, value, onChange, onSubmit]);

  return (
    <div className="flex flex-col items-center gap-6">
      <p className="sr-only" aria-live="polite">
        {`暗証番号 ${PIN_LENGTH}桁のうち${value.length}桁入力済み`}
      </p>
      <div className="flex gap-3">
        {Array.from({ length: PIN_LENGTH }, (_, i) => (
          <span
            key={i}
            aria-hidden="true"
            className={
              "flex size-16 items-center justify-center rounded-8 border-2 text-std-36B-140 " +
              (i < value.length ? "border-blue-900 bg-blue-50 text-blue-1000" : "border-solid-gray-600 bg-white text-solid-gray-300")
            }
          >
            {i < value.length ? "●" : ""}
          </span>
        ))}
      </div>
      <div className="grid w-full max-w-sm grid-cols-3 gap-3" role="group" aria-label="テンキー">
        {KEYS.map((k) => (
          <KioskButton key={k} variant="quiet" size="xl" className="text-std-32B-150" onClick={() => press(k)} disabled={disabled}>
            {k}
          </KioskButton>
        ))}
        <KioskButton variant="quiet" size="xl" onClick={erase} disabled={disabled || value.length === 0}>
          訂正
        </KioskButton>
        <KioskButton variant="quiet" size="xl" className="text-std-32B-150" onClick={() => press("0")} disabled={disabled}>
          0
        </KioskButton>
        <KioskButton variant="primary" size="xl" onClick={onSubmit} disabled={disabled || !complete}>
          確認
        </KioskButton>
      </div>
    </div>
  );
}
