"use client";

import { RESIDENCE_ENTRY_ITEMS } from "@/lib/schemas/kiosk";
import type { IssueChoice, KioskEligibility } from "../certificate-actions";
import { CheckTile, ChoiceGroup } from "./kiosk-ui";
import { ENTRY_ITEM_LABELS, type EntryItem } from "@/lib/schemas/kiosk";

export type Available = Extract<KioskEligibility["certificates"][number], { available: true }>;
export type Member = KioskEligibility["householdMembers"][number];

/** What the resident picks on the options screen. Which fields matter depends on the certificate type. */
export type OptionsDraft = {
  /** 世帯全員 / 一部の人 (住民票, 記載事項証明書), 全員 / 一部の人 (附票). */
  scope: "all" | "some";
  memberRefs: string[];
  householdHead: boolean;
  honseki: boolean;
  myNumber: boolean;
  foreign: boolean;
  items: EntryItem[];
  fiscalYear: number | null;
};

export const EMPTY_OPTIONS: OptionsDraft = {
  scope: "all",
  memberRefs: [],
  householdHead: false,
  honseki: false,
  myNumber: false,
  foreign: false,
  items: [],
  fiscalYear: null,
};

const RESIDENCE_TYPES = ["residence", "residence-entry"];
const TAX_TYPES = ["tax-income", "tax-assessment", "tax-income-assessment"];

/** People of the 戸籍 a certificate can be asked for (those removed from it are left out at the kiosk). */
export const kosekiPeople = (e: KioskEligibility | null): Member[] => (e?.kosekiMembers ?? []).filter((m) => !m.removed);

/** Whether the type has an options screen; the others go straight to the number of copies. */
export function hasOptions(cert: Available, e: KioskEligibility | null): boolean {
  if (RESIDENCE_TYPES.includes(cert.type)) return true;
  if (cert.type === "koseki-individual" || cert.type === "koseki-fuhyo") return kosekiPeople(e).length > 0;
  return TAX_TYPES.includes(cert.type) && (cert.fiscalYears?.length ?? 0) > 0;
}

export function initialDraft(cert: Available, e: KioskEligibility | null): OptionsDraft {
  const self = kosekiPeople(e).find((m) => m.isRequester);
  return {
    ...EMPTY_OPTIONS,
    fiscalYear: cert.fiscalYears?.[0]?.fiscalYear ?? null,
    memberRefs: cert.type === "koseki-individual" && self ? [self.memberRef] : [],
  };
}

/** The Japanese error for a draft that cannot be sent yet, or null. */
export function draftProblem(type: string, draft: OptionsDraft): string | null {
  // (Only called after the options screen, so a 個人事項証明書 here always had people to choose from.)
  if ((RESIDENCE_TYPES.includes(type) || type === "koseki-fuhyo") && draft.scope === "some" && draft.memberRefs.length === 0) {
    return "証明書に記載する方を1人以上選んでください。";
  }
  if (type === "koseki-individual" && draft.memberRefs.length === 0) return "証明する方を1人以上選んでください。";
  if (type === "residence-entry" && draft.items.length === 0) return "証明する項目を1つ以上選んでください。";
  if (TAX_TYPES.includes(type) && draft.fiscalYear === null) return "年度を選んでください。";
  return null;
}

/** The certificate and options as the API expects them (ZIssueRequest checks them again on the server). */
export function buildChoice(cert: Available, draft: OptionsDraft): IssueChoice {
  const members = draft.scope === "all" ? "all" : draft.memberRefs;
  const options = (() => {
    switch (cert.type) {
      case "residence":
        return {
          members,
          includeHouseholdHeadAndRelationship: draft.householdHead,
          includeHonseki: draft.honseki,
          includeMyNumber: cert.myNumberAllowed && draft.myNumber,
          includeForeignResidentItems: draft.foreign,
        };
      case "residence-entry":
        return { members, items: draft.items };
      case "koseki-full":
        return { register: "current" };
      case "koseki-individual":
        // Without a choice the server issues the requester's own 個人事項証明書.
        return draft.memberRefs.length ? { register: "current", members: draft.memberRefs } : { register: "current" };
      case "koseki-fuhyo":
        return { register: "current", members };
      default:
        return TAX_TYPES.includes(cert.type) && draft.fiscalYear !== null ? { fiscalYear: draft.fiscalYear } : {};
    }
  })();
  return { certificateType: cert.type, options };
}

export function memberLabel(m: Member): string {
  return `${m.name}（${m.relationship}）`;
}

const YES_NO = [
  { value: "yes", label: "あり" },
  { value: "no", label: "なし" },
] as const;

function YesNo({ legend, hint, name, value, onChange }: { legend: string; hint?: string; name: string; value: boolean; onChange: (v: boolean) => void }) {
  return <ChoiceGroup legend={legend} hint={hint} name={name} value={value ? "yes" : "no"} options={YES_NO} onChange={(v) => onChange(v === "yes")} />;
}

function MemberChecks({ legend, members, draft, set }: { legend: string; members: readonly Member[]; draft: OptionsDraft; set: (p: Partial<OptionsDraft>) => void }) {
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="text-std-22B-150 text-solid-gray-900">{legend}</legend>
      <div className="grid grid-cols-1 gap-3 desktop:grid-cols-2">
        {members.map((m) => (
          <CheckTile
            key={m.memberRef}
            label={memberLabel(m)}
            sub={m.isRequester ? "カードをお持ちのご本人" : undefined}
            checked={draft.memberRefs.includes(m.memberRef)}
            onChange={(on) =>
              set({ memberRefs: members.map((x) => x.memberRef).filter((ref) => (ref === m.memberRef ? on : draft.memberRefs.includes(ref))) })
            }
          />
        ))}
      </div>
    </fieldset>
  );
}

export function OptionsForm({
  cert,
  eligibility,
  draft,
  onChange,
}: {
  cert: Available;
  eligibility: KioskEligibility | null;
  draft: OptionsDraft;
  onChange: (draft: OptionsDraft) => void;
}) {
  const set = (patch: Partial<OptionsDraft>) => onChange({ ...draft, ...patch });
  const type = cert.type;

  if (TAX_TYPES.includes(type)) {
    return (
      <ChoiceGroup
        legend="年度"
        hint="所得は前の年（1月〜12月）のものです。"
        name="fiscalYear"
        value={String(draft.fiscalYear ?? "")}
        options={(cert.fiscalYears ?? []).map((y) => ({ value: String(y.fiscalYear), label: y.label }))}
        onChange={(v) => set({ fiscalYear: Number(v) })}
      />
    );
  }

  if (type === "koseki-individual") {
    return <MemberChecks legend="証明する方を選んでください" members={kosekiPeople(eligibility)} draft={draft} set={set} />;
  }

  const household = type === "koseki-fuhyo" ? kosekiPeople(eligibility) : (eligibility?.householdMembers ?? []);
  return (
    <div className="flex flex-col gap-8">
      <ChoiceGroup
        legend="証明書に記載する方"
        name="scope"
        value={draft.scope}
        options={[
          { value: "all", label: type === "koseki-fuhyo" ? "全員" : "世帯全員" },
          { value: "some", label: "一部の人" },
        ]}
        onChange={(scope) => set({ scope })}
      />
      {draft.scope === "some" ? <MemberChecks legend="記載する方を選んでください" members={household} draft={draft} set={set} /> : null}

      {type === "residence" ? (
        <div className="grid grid-cols-1 gap-8 desktop:grid-cols-2">
          <YesNo legend="世帯主・続柄" name="householdHead" value={draft.householdHead} onChange={(householdHead) => set({ householdHead })} />
          <YesNo legend="本籍・筆頭者" hint="日本国籍の方のみ記載されます。" name="honseki" value={draft.honseki} onChange={(honseki) => set({ honseki })} />
          {cert.myNumberAllowed ? (
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
      ) : null}

      {type === "residence-entry" ? (
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
      ) : null}
    </div>
  );
}
