"use client";

import { useId, useState } from "react";
import { TextField } from "@/components/ui/text-field";
import type { DemoCard } from "@/lib/simulator/demo-wallet";
import { KioskButton } from "./kiosk-ui";

export type Municipality = { code: string; name: string };
export type PlacedCard = { serial: string; residenceMunicipalityCode: string; label: string };

/**
 * "Placing the card": a card from the demo wallet, or any certificate serial typed by staff together with
 * the residence municipality the centre would learn from it.
 */
export function CardPicker({
  wallet,
  municipalities,
  disabled,
  onPlace,
}: {
  wallet: readonly DemoCard[];
  municipalities: readonly Municipality[];
  disabled: boolean;
  onPlace: (card: PlacedCard) => void;
}) {
  const [serial, setSerial] = useState("");
  const [code, setCode] = useState(municipalities[0]?.code ?? "");
  const [error, setError] = useState<string | undefined>();
  const selectId = useId();

  const placeTyped = () => {
    const s = serial.trim();
    if (!/^[\x21-\x7e]{1,128}$/.test(s)) {
      setError("証明書のシリアル番号を半角英数字で入力してください。");
      return;
    }
    setError(undefined);
    onPlace({ serial: s, residenceMunicipalityCode: code, label: s });
  };

  return (
    <div className="flex flex-col gap-8">
      {municipalities.map((m) => {
        const cards = wallet.filter((c) => c.municipalityCode === m.code);
        if (!cards.length) return null;
        return (
          <section key={m.code} aria-labelledby={`wallet-${m.code}`} className="flex flex-col gap-3">
            <h3 id={`wallet-${m.code}`} className="text-std-20B-150 text-solid-gray-900">
              {m.name}のカード
            </h3>
            <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 desktop:grid-cols-3">
              {cards.map((c) => (
                <li key={c.serial}>
                  <KioskButton
                    variant="secondary"
                    size="md"
                    disabled={disabled}
                    className="h-full w-full flex-col items-start! gap-1! text-left"
                    onClick={() => onPlace({ serial: c.serial, residenceMunicipalityCode: c.municipalityCode, label: c.label })}
                  >
                    <span className="text-std-20B-150">{c.label}</span>
                    <span className="text-std-16N-170 text-solid-gray-800">{c.note}</span>
                    <span className="font-mono text-dns-14N-130 text-solid-gray-700">{c.serial}</span>
                  </KioskButton>
                </li>
              ))}
            </ul>
          </section>
        );
      })}

      <section aria-labelledby="wallet-typed" className="flex flex-col gap-4 rounded-12 border border-solid-gray-420 bg-solid-gray-50 p-5">
        <h3 id="wallet-typed" className="text-std-20B-150 text-solid-gray-900">
          シリアル番号を入力してカードを置く
        </h3>
        <div className="grid grid-cols-1 gap-4 desktop:grid-cols-[2fr_1fr]">
          <TextField
            label="証明書のシリアル番号"
            hint="例：JPKI-131121-000001"
            value={serial}
            autoCapitalize="none"
            spellCheck={false}
            error={error}
            onChange={(e) => setSerial(e.target.value)}
          />
          <div className="flex flex-col gap-2">
            <label htmlFor={selectId} className="text-std-17B-170 text-solid-gray-800">
              住所地の市区町村
            </label>
            <select
              id={selectId}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              className="min-h-14 w-full rounded-8 border border-solid-gray-600 bg-white px-4 py-3 text-std-16N-170 text-solid-gray-800 hover:border-black desktop:mt-auto"
            >
              {municipalities.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name}（{m.code}）
                </option>
              ))}
            </select>
          </div>
        </div>
        <KioskButton variant="primary" size="md" className="self-start" disabled={disabled} onClick={placeTyped}>
          このカードを置く
        </KioskButton>
      </section>
    </div>
  );
}
