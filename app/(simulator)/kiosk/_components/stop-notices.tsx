import { formatJstMinute } from "@/lib/jst";
import type { KioskEligibility, KioskNotice } from "../certificate-actions";

// The お知らせ panel a real terminal shows with the certificate list and on a refusal: the notices of planned
// and emergency stops the eligibility answer carries per type, each once, with the types it concerns.

type Certificate = KioskEligibility["certificates"][number];
type Grouped = { notice: KioskNotice; types: string[] };

function groupNotices(certificates: readonly Certificate[]): Grouped[] {
  const groups = new Map<string, Grouped>();
  for (const c of certificates) {
    for (const n of c.notices) {
      const key = `${n.kind}\n${n.startsAt}\n${n.endsAt ?? ""}\n${n.text}`;
      const g = groups.get(key) ?? { notice: n, types: [] };
      g.types.push(c.name);
      groups.set(key, g);
    }
  }
  // Emergency stops first, then planned stops by start (the order of the answer, across types).
  const rank = (n: KioskNotice) => (n.kind === "emergency_stop" ? 0 : 1);
  return [...groups.values()].sort((a, b) => rank(a.notice) - rank(b.notice) || a.notice.startsAt.localeCompare(b.notice.startsAt));
}

const period = (n: KioskNotice) => (n.endsAt ? `${formatJstMinute(n.startsAt)}〜${formatJstMinute(n.endsAt)}` : `${formatJstMinute(n.startsAt)}から`);

function heading(n: KioskNotice): string {
  if (n.kind === "emergency_stop") return `一時停止中（${period(n)}）`;
  return n.inForce ? `停止中（${period(n)}）` : `停止の予定（${period(n)}）`;
}

/**
 * Nothing when no type carries a notice. `showTypes` false (a refusal, about the one type asked for): no 対象
 * line, and the period without 停止中/予定, since the answer the notices came from may be older than the refusal.
 */
export function StopNoticePanel({ certificates, showTypes = true }: { certificates: readonly Certificate[]; showTypes?: boolean }) {
  const groups = groupNotices(certificates);
  if (groups.length === 0) return null;
  return (
    <section aria-labelledby="kiosk-notices-title" className="rounded-12 border-2 border-warning-yellow-1 bg-yellow-50 px-5 py-4" data-testid="kiosk-notices">
      <h3 id="kiosk-notices-title" className="text-std-22B-150 text-solid-gray-900">
        お知らせ
      </h3>
      <ul className="mt-2 flex flex-col gap-4">
        {groups.map(({ notice, types }) => (
          <li key={`${notice.kind}-${notice.startsAt}-${notice.text}`} className="flex flex-col gap-1">
            <p className="text-std-18B-160 text-solid-gray-900">{showTypes ? heading(notice) : `期間：${period(notice)}`}</p>
            <p className="whitespace-pre-wrap text-std-20N-150 text-solid-gray-900">{notice.text}</p>
            {showTypes ? <p className="text-std-16N-170 text-solid-gray-800">対象：{types.join("、")}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
