import type { KioskEligibility } from "../certificate-actions";
import { ENTRY_ITEM_LABELS } from "@/lib/schemas/kiosk";
import { yen } from "./labels";
import { kosekiPeople, memberLabel, type Available, type Member, type OptionsDraft } from "./options-form";

const yesNo = (v: boolean) => (v ? "あり" : "なし");

function rowsFor(cert: Available, e: KioskEligibility | null, draft: OptionsDraft, copies: number): Array<[string, string]> {
  const chosen = (people: readonly Member[]) => people.filter((m) => draft.memberRefs.includes(m.memberRef)).map(memberLabel).join("、");
  const rows: Array<[string, string]> = [["証明書", cert.name]];
  switch (cert.type) {
    case "residence":
    case "residence-entry": {
      rows.push(["記載する方", draft.scope === "all" ? "世帯全員" : `一部の人：${chosen(e?.householdMembers ?? [])}`]);
      if (cert.type === "residence") {
        rows.push(["世帯主・続柄", yesNo(draft.householdHead)], ["本籍・筆頭者", yesNo(draft.honseki)]);
        if (cert.myNumberAllowed) rows.push(["個人番号", yesNo(draft.myNumber)]);
        rows.push(["外国人住民の記載事項", yesNo(draft.foreign)]);
      } else {
        rows.push(["証明する項目", draft.items.map((i) => ENTRY_ITEM_LABELS[i]).join("、")]);
      }
      break;
    }
    case "koseki-individual":
      rows.push(["証明する方", chosen(kosekiPeople(e))]);
      break;
    case "koseki-fuhyo":
      rows.push(["記載する方", draft.scope === "all" ? "全員" : `一部の人：${chosen(kosekiPeople(e))}`]);
      break;
    default: {
      const year = cert.fiscalYears?.find((y) => y.fiscalYear === draft.fiscalYear);
      if (year) rows.push(["年度", year.label]);
    }
  }
  rows.push(["部数", `${copies}通`]);
  return rows;
}

/** The lines of the confirmation screen: what will be printed and what it costs. */
export function OrderSummary({ cert, eligibility, draft, copies }: { cert: Available; eligibility: KioskEligibility | null; draft: OptionsDraft; copies: number }) {
  return (
    <dl className="grid grid-cols-1 gap-x-8 gap-y-2 rounded-12 border border-solid-gray-420 p-5 text-std-20N-150 desktop:grid-cols-[max-content_1fr]">
      {rowsFor(cert, eligibility, draft, copies).map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-bold text-solid-gray-800">{k}</dt>
          <dd className="mb-2 text-solid-gray-900 desktop:mb-0">{v}</dd>
        </div>
      ))}
      <div className="contents">
        <dt className="mt-2 border-t border-solid-gray-420 pt-3 font-bold text-solid-gray-800">手数料</dt>
        <dd className="mt-2 border-t border-solid-gray-420 pt-3 text-std-24B-150 text-solid-gray-900">
          {`${yen(cert.feePerCopy)} × ${copies}通 = ${yen(cert.feePerCopy * copies)}`}
        </dd>
      </div>
    </dl>
  );
}
