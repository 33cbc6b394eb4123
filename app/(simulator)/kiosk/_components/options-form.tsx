"use client";

import { RESIDENCE_ENTRY_ITEMS } from "@/lib/schemas/kiosk";
import { CheckTile, ChoiceGroup } from "./kiosk-ui";
import { ENTRY_ITEM_LABELS, type EntryItem } from "./labels";

export type HouseholdMember = { memberRef: string; name: string; relationship: string; isRequester: boolean };

/** What the resident picks for a 住民票 or a 記載事項証明書 (seal certificates have no options). */
export type OptionsDraft = {
  scope: "all" | "some";
  memberRefs: string[];
  householdHead: boolean;
  honseki: boolean;
  myNumber: boolean;
  foreign: boolean;
  items: EntryItem[];
};

export const EMPTY_OPTIONS: OptionsDraft = { scope: "all", memberRefs: [], householdHead: false, honseki: false, myNumber: false, foreign: false, items: [] };

const YES_NO = [
  { value: "yes", label: "あり" },
  { value: "no", label: "なし" },
] as const;

/** The Japanese error for a draft that cannot be sent yet, or null. */
export function draftProblem(type: "residence" | "residence-entry", draft: OptionsDraft): string | null {
  if (draft.scope === "some" && draft.memberRefs.length === 0) return "証明書に記載する方を1人以上選んでください。";
  if (type === "residence-entry" && draft.items.length === 0) return "証明する項目を1つ以上選んでください。";
  return null;
}

export function memberLabel(m: HouseholdMember): string {
  return `${m.name}（${m.relationship}）`;
}

function YesNo({ legend, hint, name, value, onChange }: { legend: string; hint?: string; name: string; value: boolean; onChange: (v: boolean) => void }) {
  return <ChoiceGroup legend={legend} hint={hint} name={name} value={value ? "yes" : "no"} options={YES_NO} onChange={(v) => onChange(v === "yes")} />;
}

export function OptionsForm({
  type,
  myNumberAllowed,
  members,
  draft,
  onChange,
}: {
  type: "residence" | "residence-entry";
  myNumberAllowed: boolean;
  members: readonly HouseholdMember[];
  draft: OptionsDraft;
  onChange: (draft: OptionsDraft) => void;
}) {
  const set = (patch: Partial<OptionsDraft>) => onChange({ ...draft, ...patch });
  const toggle = <T,>(list: T[], item: T, on: boolean): T[] => (on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item));

  return (
    <div className="flex flex-col gap-8">
      <ChoiceGroup
        legend="証明書に記載する方"
        name="scope"
        value={draft.scope}
        options={[
          { value: "all", label: "世帯全員" },
          { value: "some", label: "一部の人" },
        ]}
        onChange={(scope) => set({ scope })}
      />
      {draft.scope === "some" ? (
        <fieldset className="flex flex-col gap-3">
          <legend className="text-std-22B-150 text-solid-gray-900">記載する方を選んでください</legend>
          <div className="grid grid-cols-1 gap-3 desktop:grid-cols-2">
            {members.map((m) => (
              <CheckTile
                key={m.memberRef}
                label={memberLabel(m)}
                sub={m.isRequester ? "カードをお持ちのご本人" : undefined}
                checked={draft.memberRefs.includes(m.memberRef)}
                onChange={(on) => set({ memberRefs: toggle(draft.memberRefs, m.memberRef, on) })}
              />
            ))}
          </div>
        </fieldset>
      ) : null}

      {type === "residence" ? (
        <div className="grid grid-cols-1 gap-8 desktop:grid-cols-2">
          <YesNo legend="世帯主・続柄" name="householdHead" value={draft.householdHead} onChange={(householdHead) => set({ householdHead })} />
          <YesNo legend="本籍・筆頭者" hint="日本国籍の方のみ記載されます。" name="honseki" value={draft.honseki} onChange={(honseki) => set({ honseki })} />
          {myNumberAllowed ? (
            <YesNo legend="個人番号" hint="必要な場合のみ「あり」を選んでください。" name="myNumber" value={draft.myNumber} onChange={(myNumber) => set({ myNumber })} />
          ) : null}
          <YesNo
            legend="外国人住民の記載事項"
            hint="国籍・地域、在留カード番号、在留資格等。外国人住民の方のみ記載されます。"
            name="foreign"
            value={draft.foreign}
            onChange={(foreign) => set({ foreign })}
          />
        </div>
      ) : (
        <fieldset className="flex flex-col gap-3">
          <legend className="text-std-22B-150 text-solid-gray-900">証明する項目</legend>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 desktop:grid-cols-3">
            {RESIDENCE_ENTRY_ITEMS.map((item) => (
              <CheckTile
                key={item}
                label={ENTRY_ITEM_LABELS[item]}
                checked={draft.items.includes(item)}
                onChange={(on) => set({ items: RESIDENCE_ENTRY_ITEMS.filter((i) => (i === item ? on : draft.items.includes(i))) })}
              />
            ))}
          </div>
        </fieldset>
      )}
    </div>
  );
}
