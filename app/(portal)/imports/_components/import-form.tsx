"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { setFieldErrors } from "@/components/form/use-form-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { SelectField } from "@/components/ui/select-field";
import { errorMessage } from "@/lib/error-messages";
import {
  ENCODING_LABELS,
  FEED_LABELS,
  FEED_MODES,
  FORMAT_LABELS,
  formatImportError,
  IMPORT_ENCODINGS,
  IMPORT_FEEDS,
  IMPORT_FORMATS,
  MAX_IMPORT_BYTES,
  MODE_LABELS,
  REMOVAL_SHARE_EXCEEDED,
  REMOVAL_WORDS,
  type ImportFeedName,
  type ImportFormat,
  type ImportJobSummary,
  type ImportModeName,
  type ImportOptions,
  type RemovalCheck,
  ZConfirmRemovals,
  ZImportOptions,
} from "@/lib/import-feeds";

type Phase = { kind: "idle" } | { kind: "uploading"; percent: number } | { kind: "processing"; percent: number | null; rows: number; label: string } | { kind: "done"; job: ImportJobSummary; options: ImportOptions } | { kind: "error"; message: string };

const PHASE_LABELS: Record<string, string> = {
  received: "ファイルを受け取りました。内容を確認しています…",
  reading: "各行を確認しています…",
  checking: "重複や参照先を確認しています…",
  applying: "データベースに反映しています…",
  done: "完了しました。",
};

// Codes whose text on this form says more than lib/error-messages (the size limit, the operator's choice).
const UPLOAD_ERRORS: Record<string, string> = {
  payload_too_large: `ファイルが大きすぎます（${MAX_IMPORT_BYTES / 1024 / 1024}MBまで）。`,
  municipality_required: "取り込む自治体を選んでください。",
};

function problemMessage(problem: { code?: string; detail?: string } | null): string {
  if (!problem?.code) return errorMessage("internal_error");
  if (problem.code === "validation_failed" && problem.detail) return problem.detail; // Japanese option messages
  return UPLOAD_ERRORS[problem.code] ?? errorMessage(problem.code);
}

const number = new Intl.NumberFormat("ja-JP");

/**
 * Upload with a progress bar: the file goes to /imports/upload with XMLHttpRequest (upload progress), the
 * route answers JSON lines while it processes (rows read), then the job; the report shows the counts or the
 * line-numbered errors. The municipality is the session's (an operator's explicit choice is sent along).
 */
export function ImportForm({ municipality, operatorChoice }: { municipality: { name: string; code: string }; operatorChoice: string | null }) {
  const router = useRouter();
  const id = useId();
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [fileError, setFileError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  // The options go through the schema the upload route parses them with (ZImportOptions); the file itself is
  // streamed, not part of the schema, and checked here for presence and size.
  const {
    register,
    handleSubmit,
    setValue,
    getValues,
    setError,
    control,
    formState: { errors },
  } = useForm<z.input<typeof ZImportOptions>, unknown, z.output<typeof ZImportOptions>>({
    resolver: zodResolver(ZImportOptions),
    defaultValues: { feed: "residents", mode: "full", format: "csv", encoding: "utf-8" },
    reValidateMode: "onChange",
  });
  const [feed, mode, format] = useWatch({ control, name: ["feed", "mode", "format"] }) as [ImportFeedName, ImportModeName, ImportFormat];
  const modes = FEED_MODES[feed];
  const busy = phase.kind === "uploading" || phase.kind === "processing";

  // A feed that only takes deltas switches the mode; JSON Lines is UTF-8 only.
  useEffect(() => {
    if (!FEED_MODES[feed].includes(getValues("mode") as ImportModeName)) setValue("mode", FEED_MODES[feed][0]);
  }, [feed, getValues, setValue]);
  useEffect(() => {
    if (format === "jsonl") setValue("encoding", "utf-8");
  }, [format, setValue]);

  function finish(next: Phase) {
    setPhase(next);
    router.refresh();
    requestAnimationFrame(() => resultRef.current?.focus());
  }

  function upload(options: ImportOptions, confirmRemovals = false) {
    setFileError(null);
    const file = fileRef.current?.files?.[0];
    if (!file) return setFileError("取り込むファイルを選んでください。");
    if (file.size > MAX_IMPORT_BYTES) return setFileError(UPLOAD_ERRORS.payload_too_large);
    const query = new URLSearchParams({ feed: options.feed, mode: options.mode, format: options.format, encoding: options.encoding, fileName: file.name });
    if (operatorChoice) query.set("municipalityId", operatorChoice);
    if (confirmRemovals) query.set("confirmRemovals", "1");
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/imports/upload?${query}`);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.setRequestHeader("X-Konbini-Upload", "1");
    setPhase({ kind: "uploading", percent: 0 });
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable) setPhase({ kind: "uploading", percent: Math.round((ev.loaded / ev.total) * 100) });
    };
    let seen = 0;
    const lines = () => {
      const text = xhr.responseText;
      const complete = text.slice(0, text.lastIndexOf("\n") + 1);
      const fresh = complete.slice(seen);
      seen = complete.length;
      return fresh.split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    };
    xhr.onprogress = () => {
      if (xhr.status !== 200) return;
      for (const msg of lines()) {
        if (msg.type !== "progress") continue;
        const total = Number(msg.totalBytes) || 0;
        const percent = total && msg.phase === "reading" ? Math.min(99, Math.round((Number(msg.bytesRead) / total) * 100)) : null;
        setPhase({ kind: "processing", percent, rows: Number(msg.rowsRead) || 0, label: PHASE_LABELS[String(msg.phase)] ?? "処理しています…" });
      }
    };
    xhr.onload = () => {
      if (xhr.status !== 200) {
        let problem = null;
        try {
          problem = JSON.parse(xhr.responseText);
        } catch {
          // not JSON (proxy error page)
        }
        // Option errors of the route's schema go to their fields as well.
        const errors = (problem?.errors ?? []) as { path: string; message: string }[];
        setFieldErrors(setError, Object.fromEntries(errors.map((err) => [err.path, err.message])), ["feed", "mode", "format", "encoding"]);
        return finish({ kind: "error", message: problemMessage(problem) });
      }
      const all = xhr.responseText.split("\n").filter(Boolean).map((l) => JSON.parse(l) as { type: string; job?: ImportJobSummary; problem?: { code?: string; detail?: string } });
      const last = all[all.length - 1];
      // The options stay with the result: a load refused by the removal guard is re-run with them, confirmed.
      if (last?.type === "result" && last.job) finish({ kind: "done", job: last.job, options });
      else finish({ kind: "error", message: problemMessage(last?.problem ?? null) });
    };
    xhr.onerror = () => finish({ kind: "error", message: "通信エラーのため送信できませんでした。取込の結果は「最近の取込」で確認してください。" });
    xhr.send(file);
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-6">
      <h2 id={`${id}-heading`} className="text-std-24B-150 text-solid-gray-900">
        ファイルを取り込む
      </h2>
      <form onSubmit={(e) => void handleSubmit((options) => upload(options))(e)} noValidate className="flex max-w-2xl flex-col gap-6">
        <SelectField
          label="データの種類"
          options={IMPORT_FEEDS.map((f) => ({ value: f, label: FEED_LABELS[f] }))}
          disabled={busy}
          error={errors.feed?.message}
          {...register("feed")}
        />

        <fieldset className="flex flex-col gap-2" disabled={busy} aria-describedby={errors.mode ? `${id}-mode-error` : undefined}>
          <legend className="mb-2 text-std-17B-170 text-solid-gray-800">取込方法</legend>
          {modes.map((m) => (
            <label key={m} className="flex items-center gap-3 text-std-16N-170">
              <input type="radio" value={m} {...register("mode")} className="size-6" />
              {MODE_LABELS[m]}
            </label>
          ))}
          {errors.mode ? (
            <p id={`${id}-mode-error`} className="text-std-16N-170 text-error-1">
              <span aria-hidden="true">＊</span>
              {errors.mode.message}
            </p>
          ) : null}
        </fieldset>

        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <SelectField
            label="ファイル形式"
            options={IMPORT_FORMATS.map((f) => ({ value: f, label: FORMAT_LABELS[f] }))}
            disabled={busy}
            error={errors.format?.message}
            {...register("format")}
          />
          <SelectField
            label="文字コード"
            hint={format === "jsonl" ? "JSON Lines は UTF-8 のみです。" : undefined}
            options={IMPORT_ENCODINGS.filter((enc) => format !== "jsonl" || enc === "utf-8").map((enc) => ({ value: enc, label: ENCODING_LABELS[enc] }))}
            disabled={busy}
            error={errors.encoding?.message}
            {...register("encoding")}
          />
        </div>

        <div className="flex flex-col gap-2">
          <label htmlFor={`${id}-file`} className="text-std-17B-170 text-solid-gray-800">
            ファイル
          </label>
          <p id={`${id}-file-hint`} className="text-std-16N-170 text-solid-gray-700">
            {MAX_IMPORT_BYTES / 1024 / 1024}MBまで。より大きなファイルはコマンド（npm run import）で取り込めます。
          </p>
          <input
            id={`${id}-file`}
            ref={fileRef}
            type="file"
            accept={format === "jsonl" ? ".jsonl,.ndjson,application/x-ndjson" : ".csv,text/csv"}
            aria-describedby={[`${id}-file-hint`, fileError ? `${id}-file-error` : null].filter(Boolean).join(" ")}
            aria-invalid={fileError ? true : undefined}
            disabled={busy}
            className="text-std-16N-170"
          />
          {fileError ? (
            <p id={`${id}-file-error`} className="text-std-16N-170 text-error-1">
              <span aria-hidden="true">＊</span>
              {fileError}
            </p>
          ) : null}
        </div>

        {mode === "full" ? (
          <Alert variant="warning" title="全件取込の注意">
            {municipality.name}の{FEED_LABELS[feed]}のうち、ファイルにない行は削除扱い（住民は転出扱い、電子証明書は失効扱い）になります。
          </Alert>
        ) : null}

        <div>
          <Button type="submit" disabled={busy}>
            取り込む
          </Button>
        </div>
      </form>

      <div role="status" aria-live="polite" className="flex max-w-2xl flex-col gap-2">
        {phase.kind === "uploading" ? (
          <>
            <label htmlFor={`${id}-progress`} className="text-std-16N-170">
              送信しています… {phase.percent}%
            </label>
            <progress id={`${id}-progress`} max={100} value={phase.percent} className="h-4 w-full" />
          </>
        ) : null}
        {phase.kind === "processing" ? (
          <>
            <label htmlFor={`${id}-progress`} className="text-std-16N-170">
              {phase.label}（{number.format(phase.rows)}行）
            </label>
            {phase.percent === null ? <progress id={`${id}-progress`} className="h-4 w-full" /> : <progress id={`${id}-progress`} max={100} value={phase.percent} className="h-4 w-full" />}
          </>
        ) : null}
      </div>

      <div ref={resultRef} tabIndex={-1} className="max-w-3xl outline-none">
        {phase.kind === "error" ? (
          <Alert variant="error" title="取り込めませんでした" role="alert">
            {phase.message}
          </Alert>
        ) : null}
        {phase.kind === "done" ? <ImportReport job={phase.job} /> : null}
        {phase.kind === "done" && phase.job.errorCode === REMOVAL_SHARE_EXCEEDED && phase.job.removalCheck ? (
          <ConfirmRemovals feed={phase.job.feed} check={phase.job.removalCheck} onConfirm={() => upload(phase.options, true)} />
        ) : null}
      </div>
    </section>
  );
}

function ImportReport({ job }: { job: ImportJobSummary }) {
  const ok = job.status === "succeeded";
  return (
    <Alert
      variant={ok ? "success" : "error"}
      title={ok ? "取り込みました" : job.errorCode === REMOVAL_SHARE_EXCEEDED ? "削除になる件数が上限を超えるため、何も取り込んでいません" : "誤りがあるため、何も取り込んでいません"}
      role="alert"
    >
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
        <dt className="font-bold">データ</dt>
        <dd>
          {FEED_LABELS[job.feed]}（{job.mode === "full" ? "全件" : "差分"}）{job.fileName ? `・${job.fileName}` : ""}
        </dd>
        <dt className="font-bold">行数</dt>
        <dd className="tabular-nums">{number.format(job.rowsTotal)}</dd>
        {ok ? (
          <>
            <dt className="font-bold">追加・更新・削除</dt>
            <dd className="tabular-nums">
              {number.format(job.rowsInserted)}件・{number.format(job.rowsUpdated)}件・{number.format(job.rowsRemoved)}件
            </dd>
          </>
        ) : (
          <>
            <dt className="font-bold">エラー</dt>
            <dd className="tabular-nums">{number.format(job.errorCount)}件</dd>
          </>
        )}
      </dl>
      {job.errors.length ? (
        <ul className="mt-3 flex flex-col gap-1">
          {job.errors.map((e, i) => (
            <li key={i}>{formatImportError(e)}</li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}

/**
 * A full load refused by the removal guard: its counts, and an explicit confirmation that re-sends the same
 * file with confirmRemovals=1 (the file stays selected in the form above).
 */
function ConfirmRemovals({ feed, check, onConfirm }: { feed: ImportFeedName; check: RemovalCheck; onConfirm: () => void }) {
  const id = useId();
  const words = REMOVAL_WORDS[feed];
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<z.input<typeof ZConfirmRemovals>, unknown, z.output<typeof ZConfirmRemovals>>({
    resolver: zodResolver(ZConfirmRemovals),
    defaultValues: { confirm: false },
    reValidateMode: "onChange",
  });
  const pct = (n: number) => `${n.toLocaleString("ja-JP", { maximumFractionDigits: 2 })}%`;
  return (
    <section aria-labelledby={`${id}-heading`} className="mt-6 flex flex-col gap-4 rounded-8 border border-solid-gray-420 p-6">
      <h3 id={`${id}-heading`} className="text-std-20B-150 text-solid-gray-900">
        削除が多いため取込を止めました
      </h3>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-std-16N-170">
        <dt className="font-bold">現在の{words.rows}</dt>
        <dd className="tabular-nums">
          {number.format(check.current)}
          {words.unit}
        </dd>
        <dt className="font-bold">ファイルの行数</dt>
        <dd className="tabular-nums">{number.format(check.rowsInFile)}行</dd>
        <dt className="font-bold">{words.removal}になる件数</dt>
        <dd className="tabular-nums">
          {number.format(check.removed)}
          {words.unit}
        </dd>
        <dt className="font-bold">割合（上限）</dt>
        <dd className="tabular-nums">
          {pct(check.sharePercent)}（上限 {pct(check.limitPercent)}）
        </dd>
      </dl>
      <p className="text-std-16N-170">ファイルが途中で切れていないか、対象の抽出条件が正しいかを確認してください。正しい場合に限り、削除を承認して同じファイルを取り込み直せます。</p>
      <form onSubmit={(e) => void handleSubmit(onConfirm)(e)} noValidate className="flex flex-col gap-4">
        <CheckboxField
          label={`${number.format(check.removed)}${words.unit}が${words.removal}になることを確認しました`}
          error={errors.confirm?.message}
          {...register("confirm")}
        />
        <div>
          <Button type="submit" variant="outline">
            削除を承認して再実行
          </Button>
        </div>
      </form>
    </section>
  );
}
