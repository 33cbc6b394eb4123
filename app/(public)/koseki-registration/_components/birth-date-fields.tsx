"use client";

import { useId } from "react";
import type { FieldErrors, UseFormRegister } from "react-hook-form";
import { BIRTH_CALENDAR_LABELS, BIRTH_CALENDARS } from "@/lib/wareki";
import type { BirthDateFields as Values } from "@/lib/schemas/koseki-registration";

const inputClass =
  "min-h-14 w-24 rounded-8 border border-solid-gray-600 bg-white px-3 py-3 text-std-16N-170 text-solid-gray-800 hover:border-black aria-invalid:border-error-1 " +
  "focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-black focus-visible:outline-solid focus-visible:ring-2 focus-visible:ring-yellow-300";

/** 生年月日 in 西暦 or 和暦: one group (fieldset) with a calendar choice and year, month and day inputs. */
export function BirthDateFields<T extends Values>({ register, errors }: { register: UseFormRegister<T>; errors: FieldErrors<T> }) {
  const id = useId();
  const reg = register as unknown as UseFormRegister<Values>;
  const errs = errors as FieldErrors<Values>;
  const message = errs.birthCalendar?.message ?? errs.birthYear?.message ?? errs.birthMonth?.message ?? errs.birthDay?.message;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const described = [hintId, message ? errorId : null].filter(Boolean).join(" ");
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={described}>
      <legend className="flex items-center gap-2 text-std-17B-170 text-solid-gray-800">
        生年月日<span className="rounded-4 bg-error-2 px-2 py-0.5 text-dns-14B-120 text-white">必須</span>
      </legend>
      <p id={hintId} className="text-std-16N-170 text-solid-gray-700">
        西暦または元号（和暦）を選んで入力してください。例：昭和55年4月1日、1980年4月1日
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-cal`} className="text-std-16N-170">暦</label>
          <select id={`${id}-cal`} aria-invalid={errs.birthCalendar ? true : undefined} className={`${inputClass} w-28`} {...reg("birthCalendar")}>
            {BIRTH_CALENDARS.map((c) => (
              <option key={c} value={c}>
                {BIRTH_CALENDAR_LABELS[c]}
              </option>
            ))}
          </select>
        </div>
        {(
          [
            ["birthYear", "年", 4],
            ["birthMonth", "月", 2],
            ["birthDay", "日", 2],
          ] as const
        ).map(([name, label, max]) => (
          <div key={name} className="flex flex-col gap-1">
            <label htmlFor={`${id}-${name}`} className="text-std-16N-170">
              {label}
            </label>
            <input id={`${id}-${name}`} inputMode="numeric" maxLength={max} autoComplete="off" aria-invalid={errs[name] ? true : undefined} className={inputClass} {...reg(name)} />
          </div>
        ))}
      </div>
      {message ? (
        <p id={errorId} className="text-std-16N-170 text-error-1">
          <span aria-hidden="true">＊</span>
          {message}
        </p>
      ) : null}
    </fieldset>
  );
}
