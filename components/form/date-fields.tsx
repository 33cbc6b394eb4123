"use client";

import { useId, useState, type ReactNode, type Ref } from "react";
import { describedBy, FieldError, FieldNote, RequiredBadge } from "@/components/ui/field-parts";
import { SELECT_CLASS } from "@/components/ui/select-field";
import {
  composeDateValue,
  DATE_PART_KEYS,
  DATE_PART_LABELS,
  formatDateValue,
  isPartial,
  partOptions,
  splitDateValue,
  withDatePart,
  type DateFieldKind,
  type DatePartKey,
  type YearRange,
} from "@/lib/date-fields";

export type DateFieldProps = {
  label: ReactNode;
  /** Shown under the label and tied to every part with aria-describedby. */
  hint?: ReactNode;
  /** A validation message; marks the parts aria-invalid and is read with them. */
  error?: string;
  required?: boolean;
  /**
   * The years offered (a chosen year outside is added). Callers derive it from the server's clock or from the
   * value shown, never from the browser's: the field renders the same on the server and in the browser.
   */
  years: YearRange;
  /** A hidden input of this name carries the value: GET filter forms (`defaultValue`) submit it as before. */
  name?: string;
  /** Controlled use, e.g. `<Controller render={({ field }) => <DateField {...field} … />} />`. */
  value?: string;
  defaultValue?: string;
  onChange?: (value: string) => void;
  onBlur?: () => void;
  /** Given to the first part (react-hook-form focuses it on an error). */
  ref?: Ref<HTMLSelectElement>;
  disabled?: boolean;
  id?: string;
  className?: string;
};

const PART_WIDTH: Record<DatePartKey, string> = { year: "w-60", month: "w-28", day: "w-36", hour: "w-28", minute: "w-28" };

/**
 * A date of the kind's shape entered as 年・月・日・時・分 selects with Japanese labels (2026年（令和8年）, 12月,
 * 7日（月）), whatever the browser's language — a native month or date input shows "December 2026" in an
 * English browser. The value is the one the forms and schemas take ("YYYY-MM", "YYYY-MM-DD",
 * "YYYY-MM-DDTHH:mm" in Japan time), "" until every part is chosen; under the parts it is read back as
 * 2026年12月7日（月）／令和8年12月7日.
 */
function DatePartsField({ kind, label, hint, error, required, years, name, value, defaultValue, onChange, onBlur, ref, disabled, id, className }: DateFieldProps & { kind: DateFieldKind }) {
  const generatedId = useId();
  const baseId = id ?? `date-${generatedId}`;
  const hintId = `${baseId}-hint`;
  const readoutId = `${baseId}-readout`;
  const errorId = `${baseId}-error`;

  // The parts are state of their own so that a half-chosen date stays on screen while the value is still "";
  // a value changed from outside (a form reset, a page of another ?month=) replaces them.
  const given = value ?? defaultValue ?? "";
  const [parts, setParts] = useState(() => splitDateValue(kind, given));
  const [seen, setSeen] = useState(given);
  if (given !== seen) {
    setSeen(given);
    if (given !== composeDateValue(kind, parts)) setParts(splitDateValue(kind, given));
  }
  const composed = composeDateValue(kind, parts);

  function choose(key: DatePartKey, part: string) {
    const next = withDatePart(parts, key, part);
    setParts(next);
    const nextValue = composeDateValue(kind, next);
    if (nextValue !== composed) onChange?.(nextValue);
  }

  const keys = DATE_PART_KEYS[kind];
  const readout = isPartial(kind, parts) ? `${keys.map((k) => DATE_PART_LABELS[k]).join("・")}をすべて選んでください。` : formatDateValue(kind, composed);
  const description = describedBy(hint ? hintId : null, readout && readoutId, error && errorId);

  return (
    <fieldset className={["flex flex-col gap-2", className].filter(Boolean).join(" ")} disabled={disabled}>
      <legend className="mb-2 flex flex-wrap items-center gap-2 text-std-17B-170 text-solid-gray-800">
        {label}
        {required ? <RequiredBadge /> : null}
      </legend>
      <FieldNote id={hintId}>{hint}</FieldNote>
      <div className="flex flex-wrap items-end gap-3">
        {keys.map((key, i) => (
          <div key={key} className={`flex flex-col gap-1 ${PART_WIDTH[key]}`}>
            <label htmlFor={`${baseId}-${key}`} className="text-std-16N-170 text-solid-gray-800">
              {DATE_PART_LABELS[key]}
            </label>
            <select
              id={`${baseId}-${key}`}
              ref={i === 0 ? ref : undefined}
              value={parts[key]}
              onChange={(e) => choose(key, e.target.value)}
              onBlur={onBlur}
              aria-required={required || undefined}
              aria-invalid={error ? true : undefined}
              aria-describedby={description}
              className={SELECT_CLASS}
            >
              <option value="">{required ? "選択" : "指定なし"}</option>
              {partOptions(key, parts, years).map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      {name ? <input type="hidden" name={name} value={composed} /> : null}
      <FieldNote id={readoutId}>{readout}</FieldNote>
      <FieldError id={errorId} error={error} />
    </fieldset>
  );
}

/** 年・月 → "YYYY-MM". */
export function MonthField(props: DateFieldProps) {
  return <DatePartsField kind="month" {...props} />;
}

/** 年・月・日 → "YYYY-MM-DD". */
export function DateField(props: DateFieldProps) {
  return <DatePartsField kind="date" {...props} />;
}

/** 年・月・日・時・分 → "YYYY-MM-DDTHH:mm", Japan time as written (no conversion from the browser's zone). */
export function DateTimeField(props: DateFieldProps) {
  return <DatePartsField kind="datetime" {...props} />;
}
