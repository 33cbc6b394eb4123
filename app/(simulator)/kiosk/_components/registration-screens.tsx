"use client";

import { useState, type ReactNode } from "react";
import { TextField } from "@/components/ui/text-field";
import type { KosekiRegistrationResponseWire } from "@/lib/schemas/kiosk-responses";
import type { Municipality } from "./card-picker";
import { ChoiceGroup, KioskButton, KioskMessage, KioskScreen } from "./kiosk-ui";
import { REGISTRATION_AFTER, REGISTRATION_CONSENT, REGISTRATION_DONE, REGISTRATION_STATUS, registrationRefusalMessage } from "./labels";
import { OTHER, normalizeReceiptNo, registrationCode, registrationDraftErrors, type DraftErrors, type RegistrationDraft, type RegistrationRefused } from "./registration-draft";

// The 本籍地 利用登録 at the kiosk (DOMAIN.md §4): after the card and the PIN, the resident names the 本籍地,
// gives the receipt number of a web pre-registration or the 本籍 and the 筆頭者, agrees to the terms and gets
// a receipt number. The 本籍地 municipality reviews the application later (a few business days).

function municipalityLabel(code: string, municipalities: readonly Municipality[]): string {
  const m = municipalities.find((x) => x.code === code);
  return m ? `${m.name}（${m.code}）` : `団体コード ${code}`;
}

/** Step 1: the 本籍地, and the receipt number or the 本籍 and the 筆頭者. */
export function RegistrationFormScreen({
  focusHeading,
  municipalities,
  draft,
  onChange,
  onNext,
  footer,
}: {
  focusHeading: boolean;
  municipalities: readonly Municipality[];
  draft: RegistrationDraft;
  onChange: (draft: RegistrationDraft) => void;
  onNext: () => void;
  footer: (children?: ReactNode) => ReactNode;
}) {
  const [errors, setErrors] = useState<DraftErrors>({});
  const set = (p: Partial<RegistrationDraft>) => {
    onChange({ ...draft, ...p });
    setErrors({});
  };
  const next = () => {
    const found = registrationDraftErrors(draft);
    setErrors(found);
    if (Object.keys(found).length === 0) onNext();
  };
  const hasErrors = Object.keys(errors).length > 0;
  const withReceipt = normalizeReceiptNo(draft.receiptNo) !== "";
  return (
    <KioskScreen
      focusHeading={focusHeading}
      title="本籍地の利用登録の申請"
      lead="本籍地の市区町村を選び、申請内容を入力してください。"
      footer={footer(
        <KioskButton size="md" onClick={next}>
          次へ
        </KioskButton>,
      )}
    >
      {hasErrors ? <KioskMessage tone="error">入力内容を確認してください。{Object.values(errors).join(" ")}</KioskMessage> : null}
      <ChoiceGroup
        legend="本籍地の市区町村"
        name="registration-municipality"
        value={draft.choice}
        options={[...municipalities.map((m) => ({ value: m.code, label: `${m.name}（${m.code}）` })), { value: OTHER, label: "団体コードを入力" }]}
        onChange={(choice) => set({ choice })}
      />
      {errors.choice ? <p className="-mt-3 text-std-16N-170 text-error-1">{errors.choice}</p> : null}
      {draft.choice === OTHER ? (
        <TextField
          label="本籍地の市区町村の団体コード（6桁）"
          hint="全国地方公共団体コード（半角数字6桁、例：202029）"
          inputMode="numeric"
          autoComplete="off"
          maxLength={6}
          className="desktop:max-w-md"
          value={draft.otherCode}
          error={errors.otherCode}
          onChange={(e) => set({ otherCode: e.target.value })}
        />
      ) : null}
      <TextField
        label="Webで事前申請した方の受付番号（お持ちの方のみ）"
        hint="例：RDEM-2026-0005。入力すると、事前申請の内容（本籍・筆頭者）で申請します。"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={14}
        className="desktop:max-w-md"
        value={draft.receiptNo}
        error={errors.receiptNo}
        onChange={(e) => set({ receiptNo: e.target.value })}
      />
      {withReceipt ? null : (
        <div className="grid grid-cols-1 gap-4 desktop:grid-cols-2">
          <TextField
            label="本籍（町名・番地）"
            hint="市区町村名より後ろを入力します。例：丸の内3番地"
            maxLength={80}
            value={draft.honsekiAddress}
            error={errors.honsekiAddress}
            onChange={(e) => set({ honsekiAddress: e.target.value })}
          />
          <TextField
            label="筆頭者の氏名"
            hint="戸籍の最初に記載されている方。例：木村 亮"
            maxLength={40}
            value={draft.kosekiHeadName}
            error={errors.kosekiHeadName}
            onChange={(e) => set({ kosekiHeadName: e.target.value })}
          />
        </div>
      )}
    </KioskScreen>
  );
}

/** Step 2: the summary and the terms; the application is sent only with the resident's consent. */
export function RegistrationConsentScreen({
  focusHeading,
  municipalities,
  draft,
  onApply,
  onBack,
  footer,
}: {
  focusHeading: boolean;
  municipalities: readonly Municipality[];
  draft: RegistrationDraft;
  onApply: () => void;
  onBack: () => void;
  footer: (children?: ReactNode) => ReactNode;
}) {
  const [agreed, setAgreed] = useState(false);
  const [missing, setMissing] = useState(false);
  const receipt = normalizeReceiptNo(draft.receiptNo);
  const apply = () => {
    if (!agreed) return setMissing(true);
    onApply();
  };
  return (
    <KioskScreen
      focusHeading={focusHeading}
      title="申請内容と同意事項の確認"
      lead="内容を確認し、同意のうえ「申請する」を押してください。"
      footer={footer(
        <KioskButton variant="secondary" size="md" onClick={onBack}>
          戻る
        </KioskButton>,
      )}
    >
      <dl className="grid grid-cols-[max-content_1fr] gap-x-8 gap-y-1 text-std-20N-150">
        <dt className="font-bold">本籍地</dt>
        <dd>{municipalityLabel(registrationCode(draft), municipalities)}</dd>
        {receipt ? (
          <>
            <dt className="font-bold">事前申請の受付番号</dt>
            <dd className="font-mono">{receipt}</dd>
          </>
        ) : (
          <>
            <dt className="font-bold">本籍</dt>
            <dd>{draft.honsekiAddress.trim()}</dd>
            <dt className="font-bold">筆頭者</dt>
            <dd>{draft.kosekiHeadName.trim()}</dd>
          </>
        )}
      </dl>
      <section aria-labelledby="registration-terms" className="flex flex-col gap-2 rounded-12 border border-solid-gray-420 bg-solid-gray-50 p-5">
        <h3 id="registration-terms" className="text-std-20B-150 text-solid-gray-900">
          同意事項
        </h3>
        <ul className="list-disc pl-6 text-std-18N-160 text-solid-gray-900">
          {REGISTRATION_CONSENT.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
      <label className="flex min-h-16 cursor-pointer items-center gap-4 rounded-12 border-2 border-blue-900 bg-white px-5 py-3 text-std-22B-150 text-solid-gray-900 has-focus-visible:outline-4 has-focus-visible:outline-offset-2 has-focus-visible:outline-black has-focus-visible:outline-solid">
        <input
          type="checkbox"
          checked={agreed}
          onChange={(e) => {
            setAgreed(e.target.checked);
            setMissing(false);
          }}
          className="size-7 shrink-0 accent-blue-900 focus-visible:outline-none"
        />
        同意事項に同意します
      </label>
      {missing ? <KioskMessage tone="error">申請するには、同意事項への同意が必要です。</KioskMessage> : null}
      <div className="grid grid-cols-2 gap-4">
        <KioskButton size="xl" onClick={apply}>
          申請する
        </KioskButton>
        <KioskButton variant="secondary" size="xl" onClick={onBack}>
          入力に戻る
        </KioskButton>
      </div>
    </KioskScreen>
  );
}

const formatDate = (ymd: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : ymd;
};

/** Step 3: the receipt (printed on the slip at a real kiosk). */
export function RegistrationDoneScreen({
  focusHeading,
  result,
  onFinish,
  footer,
}: {
  focusHeading: boolean;
  result: KosekiRegistrationResponseWire;
  onFinish: () => void;
  footer: (children?: ReactNode) => ReactNode;
}) {
  return (
    <KioskScreen
      focusHeading={focusHeading}
      title="利用登録の申請を受け付けました"
      lead="受付票とカードをお取りください。受付番号は審査の状況を確かめるときに必要です。"
      footer={footer(
        <KioskButton size="md" onClick={onFinish}>
          終了
        </KioskButton>,
      )}
    >
      <div className="flex flex-col items-center gap-2 rounded-12 border-2 border-blue-900 bg-blue-50 p-6 text-center">
        <p className="text-std-20B-150 text-solid-gray-900">受付番号</p>
        <p className="font-mono text-std-45B-140 text-blue-1000" data-testid="registration-receipt-no">
          {result.receiptNo}
        </p>
      </div>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-8 gap-y-1 text-std-20N-150">
        <dt className="font-bold">本籍地</dt>
        <dd>{result.municipality.name}</dd>
        <dt className="font-bold">状態</dt>
        <dd>{REGISTRATION_STATUS.pending}</dd>
        <dt className="font-bold">審査の期限（目安）</dt>
        <dd>{formatDate(result.dueOn)}</dd>
        {result.preRegistrationLinked ? (
          <>
            <dt className="font-bold">Web事前申請</dt>
            <dd>事前申請の内容で申請しました</dd>
          </>
        ) : null}
      </dl>
      <KioskMessage tone="info" title="本籍地の市区町村が審査します">
        <p>{REGISTRATION_DONE}</p>
        <p>{REGISTRATION_AFTER}</p>
      </KioskMessage>
    </KioskScreen>
  );
}

/** The application was not accepted: the Japanese message of the code, with its details. */
export function RegistrationRefusedScreen({
  focusHeading,
  refused,
  onBack,
  footer,
}: {
  focusHeading: boolean;
  refused: RegistrationRefused;
  onBack: () => void;
  footer: (children?: ReactNode) => ReactNode;
}) {
  return (
    <KioskScreen
      focusHeading={focusHeading}
      title="利用登録の申請を受け付けできませんでした"
      footer={footer(
        <KioskButton variant="secondary" size="md" onClick={onBack}>
          入力に戻る
        </KioskButton>,
      )}
    >
      <KioskMessage tone="error">
        <p>{registrationRefusalMessage(refused.code)}</p>
        {refused.receiptNo ? (
          <p>
            受付番号：<span className="font-mono">{refused.receiptNo}</span>
            {refused.registrationStatus ? `（${REGISTRATION_STATUS[refused.registrationStatus]}）` : null}
          </p>
        ) : null}
        {refused.notice ? <p>お知らせ：{refused.notice}</p> : null}
      </KioskMessage>
      <p className="text-dns-14N-130 text-solid-gray-700">理由コード: {refused.code}</p>
    </KioskScreen>
  );
}
