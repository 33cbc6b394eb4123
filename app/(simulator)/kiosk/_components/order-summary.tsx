import { ENTRY_ITEM_LABELS, yen } from "./labels";
import { memberLabel, type HouseholdMember, type OptionsDraft } from "./options-form";

/** The lines of the confirmation screen: what will be printed and what it costs. */
export function OrderSummary({
  type,
  name,
  members,
  draft,
  myNumberAllowed,
  feePerCopy,
  copies,
}: {
  type: string;
  name: string;
  members: readonly HouseholdMember[];
  draft: OptionsDraft;
  myNumberAllowed: boolean;
  feePerCopy: number;
  copies: number;
}) {
  const yesNo = (v: boolean) => (v ? "あり" : "なし");
  const rows: Array<[string, string]> = [["証明書", name]];
  if (type === "residence" || type === "residence-entry") {
    const chosen = members.filter((m) => draft.memberRefs.includes(m.memberRef)).map(memberLabel);
    rows.push(["記載する方", draft.scope === "all" ? "世帯全員" : `一部の人：${chosen.join("、")}`]);
  }
  if (type === "residence") {
    rows.push(["世帯主・続柄", yesNo(draft.householdHead)], ["本籍・筆頭者", yesNo(draft.honseki)]);
    if (myNumberAllowed) rows.push(["個人番号", yesNo(draft.myNumber)]);
    rows.push(["外国人住民の記載事項", yesNo(draft.foreign)]);
  }
  if (type === "residence-entry") rows.push(["証明する項目", draft.items.map((i) => ENTRY_ITEM_LABELS[i]).join("、")]);
  rows.push(["部数", `${copies}通`]);

  return (
    <dl className="grid grid-cols-1 gap-x-8 gap-y-2 rounded-12 border border-solid-gray-420 p-5 text-std-20N-150 desktop:grid-cols-[max-content_1fr]">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-bold text-solid-gray-800">{k}</dt>
          <dd className="mb-2 text-solid-gray-900 desktop:mb-0">{v}</dd>
        </div>
      ))}
      <div className="contents">
        <dt className="mt-2 border-t border-solid-gray-420 pt-3 font-bold text-solid-gray-800">手数料</dt>
        <dd className="mt-2 border-t border-solid-gray-420 pt-3 text-std-24B-150 text-solid-gray-900">
          {`${yen(feePerCopy)} × ${copies}通 = ${yen(feePerCopy * copies)}`}
        </dd>
      </div>
    </dl>
  );
}
