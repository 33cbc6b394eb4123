"use client";

import { DateTimeField } from "@/components/form/date-fields";
import { yearsAround } from "@/lib/date-fields";
import type { ApiTrace } from "../centre-session";
import { clockToIso } from "./labels";

export type LogEntry = ApiTrace & { at: string };

export const CLOCK_LABEL = "判定時刻（サーバが ALLOW_CLOCK_OVERRIDE=true のときのみ有効）";

/**
 * Staff settings beside the kiosk: the judging time sent as X-Clock-Override, what the centre holds for
 * the current transaction, and the API calls it made (so staff see the codes behind each screen).
 */
export function DemoPanel({
  clock,
  onClockChange,
  today,
  session,
  log,
}: {
  clock: string;
  onClockChange: (value: string) => void;
  /** The JST day by the server's clock (YYYY-MM-DD): the years offered are around it. */
  today: string;
  session: { serial: string; purpose: string; municipalityCode: string } | null;
  log: readonly LogEntry[];
}) {
  const iso = clock ? clockToIso(clock) : null;

  return (
    <details className="group rounded-12 border border-solid-gray-420 bg-white">
      <summary className="flex min-h-14 cursor-pointer items-center gap-3 rounded-12 px-5 py-3 text-std-18B-160 text-solid-gray-900 hover:bg-solid-gray-50">
        <span aria-hidden="true" className="inline-block transition-transform group-open:rotate-90">
          ▶
        </span>
        デモ設定
        <span className="text-std-16N-170 text-solid-gray-700">（職員・ベンダー向け）</span>
      </summary>
      <div className="flex flex-col gap-6 border-t border-solid-gray-420 px-5 py-5">
        <div className="flex flex-col gap-2">
          <DateTimeField
            label={CLOCK_LABEL}
            hint={
              <>
                日本時間で選びます。選ばないときはサーバの現在時刻で判定します。
                {iso ? <span className="ml-1 font-mono">送信値: {iso}</span> : null}
              </>
            }
            value={clock}
            onChange={onClockChange}
            years={yearsAround(clock || today, 1, 1)}
          />
          <div className="flex flex-wrap items-center gap-3">
            <button
              type="button"
              onClick={() => onClockChange("")}
              disabled={!clock}
              className="min-h-14 rounded-8 border border-current bg-white px-4 text-oln-16B-100 text-blue-900 hover:bg-blue-200 disabled:border-solid-gray-300 disabled:text-solid-gray-420"
            >
              現在時刻に戻す
            </button>
          </div>
        </div>

        <div className="flex flex-col gap-2">
          <h2 className="text-std-17B-170 text-solid-gray-800">交付センターの取引</h2>
          {session ? (
            <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-std-16N-170">
              <dt className="font-bold">証明書シリアル</dt>
              <dd className="font-mono">{session.serial}</dd>
              <dt className="font-bold">サービス</dt>
              <dd>{session.purpose === "honseki" ? "本籍地の証明書" : session.purpose === "registration" ? "本籍地の利用登録の申請" : "お住まいの市区町村の証明書"}</dd>
              <dt className="font-bold">対象の団体コード</dt>
              <dd className="font-mono">{session.municipalityCode}</dd>
              <dt className="font-bold">端末</dt>
              <dd className="font-mono">simulator / SIM-0001 / K01</dd>
            </dl>
          ) : (
            <p className="text-std-16N-170 text-solid-gray-700">カードはまだ置かれていません。</p>
          )}
        </div>

        <div className="flex flex-col gap-2">
          <h2 className="text-std-17B-170 text-solid-gray-800">APIの呼び出し（新しい順）</h2>
          {log.length === 0 ? (
            <p className="text-std-16N-170 text-solid-gray-700">まだ呼び出していません。</p>
          ) : (
            <div className="overflow-x-auto rounded-8 border border-solid-gray-420" role="region" aria-label="APIの呼び出しの記録" tabIndex={0}>
              <table className="w-full border-collapse text-left text-dns-16N-130">
                <thead className="bg-solid-gray-50">
                  <tr>
                    <th scope="col" className="px-3 py-2 text-dns-16B-130">時刻</th>
                    <th scope="col" className="px-3 py-2 text-dns-16B-130">呼び出し</th>
                    <th scope="col" className="px-3 py-2 text-dns-16B-130">HTTP</th>
                    <th scope="col" className="px-3 py-2 text-dns-16B-130">コード</th>
                  </tr>
                </thead>
                <tbody>
                  {log.map((e, i) => (
                    <tr key={`${e.at}-${i}`} className="border-t border-solid-gray-200">
                      <td className="whitespace-nowrap px-3 py-2 tabular-nums">{e.at}</td>
                      <td className="px-3 py-2 font-mono">{e.call}</td>
                      <td className="px-3 py-2 tabular-nums">{e.status || "—"}</td>
                      <td className="px-3 py-2 font-mono">
                        {e.code ?? "—"}
                        {e.replayed ? "（再送・同じ応答）" : ""}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      </div>
    </details>
  );
}
