"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
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
  type ImportEncoding,
  type ImportFeedName,
  type ImportFormat,
  type ImportJobSummary,
  type ImportModeName,
} from "@/lib/import-feeds";

type Phase = { kind: "idle" } | { kind: "uploading"; percent: number } | { kind: "processing"; percent: number | null; rows: number; label: string } | { kind: "done"; job: ImportJobSummary } | { kind: "error"; message: string };

const PHASE_LABELS: Record<string, string> = {
  received: "ファイルを受け取りました。内容を確認しています…",
  reading: "各行を確認しています…",
  checking: "重複や参照先を確認しています…",
  applying: "データベースに反映しています…",
  done: "完了しました。",
};

// Codes the upload route answers before processing; the rest go through lib/error-messages.
const UPLOAD_ERRORS: Record<string, string> = {
  payload_too_large: `ファイルが大きすぎます（${MAX_IMPORT_BYTES / 1024 / 1024}MBまで）。`,
  municipality_required: "取り込む自治体を選んでください。",
  import_failed: "取込中にシステムエラーが発生したため、何も取り込んでいません。時間をおいて再度お試しください。",
};

function problemMessage(problem: { code?: string; detail?: string } | null): string {
  if (!problem?.code) return errorMessage("internal_error");
  if (problem.code === "validation_failed" && problem.detail) return problem.detail; // Japanese option messages
  return UPLOAD_ERRORS[problem.code] ?? errorMessage(problem.code);
}

const number = new Intl.NumberFormat("ja-JP");

const selectClass =
  "min-h-14 w-full rounded-8 border border-solid-gray-600 bg-white px-4 py-3 text-std-16N-170 text-solid-gray-800 hover:border-black " +
  "focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-black focus-visible:outline-solid focus-visible:ring-2 focus-visible:ring-yellow-300";

/**
 * Upload with a progress bar: the file goes to /imports/upload with XMLHttpRequest (upload progress), the
 * route answers JSON lines while it processes (rows read), then the job; the report shows the counts or the
 * line-numbered errors. The municipality is the session's (an operator's explicit choice is sent along).
 */
export function ImportForm({ municipality, operatorChoice }: { municipality: { name: string; code: string }; operatorChoice: string | null }) {
  const router = useRouter();
  const id = useId();
  const [feed, setFeed] = useState<ImportFeedName>("residents");
  const [mode, setMode] = useState<ImportModeName>("full");
  const [format, setFormat] = useState<ImportFormat>("csv");
  const [encoding, setEncoding] = useState<ImportEncoding>("utf-8");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const fileRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const modes = FEED_MODES[feed];
  const busy = phase.kind === "uploading" || phase.kind === "processing";

  function chooseFeed(next: ImportFeedName) {
    setFeed(next);
    if (!FEED_MODES[next].includes(mode)) setMode(FEED_MODES[next][0]);
  }

  function finish(next: Phase) {
    setPhase(next);
    router.refresh();
    requestAnimationFrame(() => resultRef.current?.focus());
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) return setPhase({ kind: "error", message: "取り込むファイルを選んでください。" });
    if (file.size > MAX_IMPORT_BYTES) return setPhase({ kind: "error", message: UPLOAD_ERRORS.payload_too_large });
    const query = new URLSearchParams({ feed, mode, format, encoding: format === "jsonl" ? "utf-8" : encoding, fileName: file.name });
    if (operatorChoice) query.set("municipalityId", operatorChoice);
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
        return finish({ kind: "error", message: problemMessage(problem) });
      }
      const all = xhr.responseText.split("\n").filter(Boolean).map((l) => JSON.parse(l) as { type: string; job?: ImportJobSummary; problem?: { code?: string; detail?: string } });
      const last = all[all.length - 1];
      if (last?.type === "result" && last.job) finish({ kind: "done", job: last.job });
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
      <form onSubmit={submit} noValidate className="flex max-w-2xl flex-col gap-6">
        <div className="flex flex-col gap-2">
          <label htmlFor={`${id}-feed`} className="text-std-17B-170 text-solid-gray-800">
            データの種類
          </label>
          <select id={`${id}-feed`} value={feed} onChange={(e) => chooseFeed(e.target.value as ImportFeedName)} disabled={busy} className={selectClass}>
            {IMPORT_FEEDS.map((f) => (
              <option key={f} value={f}>
                {FEED_LABELS[f]}
              </option>
            ))}
          </select>
        </div>

        <fieldset className="flex flex-col gap-2" disabled={busy}>
          <legend className="mb-2 text-std-17B-170 text-solid-gray-800">取込方法</legend>
          {modes.map((m) => (
            <label key={m} className="flex items-center gap-3 text-std-16N-170">
              <input type="radio" name={`${id}-mode`} value={m} checked={mode === m} onChange={() => setMode(m)} className="size-6" />
              {MODE_LABELS[m]}
            </label>
          ))}
        </fieldset>

        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <div className="flex flex-col gap-2">
            <label htmlFor={`${id}-format`} className="text-std-17B-170 text-solid-gray-800">
              ファイル形式
            </label>
            <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value as ImportFormat)} disabled={busy} className={selectClass}>
              {IMPORT_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {FORMAT_LABELS[f]}
                </option>
              ))}
            </select>
          </div>
          <div className="flex flex-col gap-2">
            <label htmlFor={`${id}-encoding`} className="text-std-17B-170 text-solid-gray-800">
              文字コード
            </label>
            <select
              id={`${id}-encoding`}
              value={format === "jsonl" ? "utf-8" : encoding}
              onChange={(e) => setEncoding(e.target.value as ImportEncoding)}
              disabled={busy || format === "jsonl"}
              className={selectClass}
            >
              {IMPORT_ENCODINGS.map((enc) => (
                <option key={enc} value={enc}>
                  {ENCODING_LABELS[enc]}
                </option>
              ))}
            </select>
          </div>
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
            aria-describedby={`${id}-file-hint`}
            disabled={busy}
            className="text-std-16N-170"
          />
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
      </div>
    </section>
  );
}

function ImportReport({ job }: { job: ImportJobSummary }) {
  const ok = job.status === "succeeded";
  return (
    <Alert variant={ok ? "success" : "error"} title={ok ? "取り込みました" : "誤りがあるため、何も取り込んでいません"} role="alert">
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
