import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import { refName, schemaRows, type Schema, type Schemas } from "@/lib/openapi-schema-walker";
import { buildOpenApiDocument, type ErrorCodeEntry, type KioskOperation } from "@/server/kiosk-protocol/openapi";

export const metadata: Metadata = { title: "キオスクAPI仕様" };

// Public reference of the kiosk API, rendered from the same OpenAPI document that /api/kiosk/v1/openapi.json
// serves (so the page cannot drift from the schemas the routes parse with). No data access, no session.

type Parameter = { $ref?: string; name: string; in: string; required?: boolean; description?: string };
type Operation = {
  operationId: string;
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; headers?: Record<string, { description?: string }>; content?: Record<string, { schema: Schema }> }>;
};
type Signing = {
  label: string;
  algorithm: string;
  components: string[];
  windowSeconds: number;
  example: { method: string; targetUri: string; body: string; keyId: string; secret: string; created: number; nonce: string; signatureBase: string; headers: Record<string, string> };
};

const OPERATION_LABELS: Record<string, { title: string; op: KioskOperation }> = {
  checkEligibility: { title: "利用可否の照会", op: "eligibility" },
  issueCertificate: { title: "証明書の発行", op: "issuance" },
  completeIssuance: { title: "発行結果の報告", op: "completion" },
  applyKosekiRegistration: { title: "本籍地の利用登録の申請", op: "registration" },
};

const cell = "border-b border-solid-gray-200 px-3 py-2 align-top";
const headCell = "whitespace-nowrap border-b border-solid-gray-420 px-3 py-2 text-left text-dns-16B-130";

function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-8 border border-solid-gray-420" role="region" aria-label={label} tabIndex={0}>
      <table className="w-full border-collapse text-dns-16N-130">
        <caption className="sr-only">{label}</caption>
        {children}
      </table>
    </div>
  );
}

function FieldTable({ label, schema, schemas }: { label: string; schema: Schema; schemas: Schemas }) {
  const rows = schemaRows(schema, schemas);
  return (
    <TableRegion label={label}>
      <thead className="bg-solid-gray-50">
        <tr>
          <th scope="col" className={headCell}>フィールド</th>
          <th scope="col" className={headCell}>型</th>
          <th scope="col" className={headCell}>必須</th>
          <th scope="col" className={headCell}>説明</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.path}|${r.condition ?? ""}`}>
            <th scope="row" className={`${cell} text-left font-normal`}>
              <code className="font-mono">
                <BreakablePath path={r.path} />
              </code>
              {r.condition ? <span className="mt-1 block text-dns-14N-130 text-solid-gray-700">［{r.condition} のとき］</span> : null}
            </th>
            <td className={`${cell} min-w-32 font-mono break-words`}>{r.type}</td>
            <td className={`${cell} whitespace-nowrap`}>{r.required ? "必須" : "任意"}</td>
            <td className={`${cell} min-w-64`}>
              {r.description ? <Inline text={r.description} /> : r.constraints.length ? null : "—"}
              {r.constraints.length ? <span className="block break-all text-dns-14N-130 text-solid-gray-700">{r.constraints.join("、")}</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </TableRegion>
  );
}

function Code({ children }: { children: ReactNode }) {
  return <code className="rounded-4 bg-solid-gray-50 px-1 font-mono text-solid-gray-900 break-all">{children}</code>;
}

/** Schema descriptions are CommonMark: show `code spans` as code, the rest as text. */
function Inline({ text }: { text: string }) {
  return text.split(/`([^`]+)`/).map((part, i) => (i % 2 ? <Code key={i}>{part}</Code> : part));
}

/** A dotted path that may wrap after each dot (no break inside a name). */
function BreakablePath({ path }: { path: string }) {
  return path.split(/(?<=\.)/).map((part, i) => (
    <span key={i}>
      {i > 0 ? <wbr /> : null}
      {part}
    </span>
  ));
}

function Pre({ label, children }: { label: string; children: string }) {
  // Wrapped rather than scrolled: the lines stay exact (copy them) and no scroll region needs focus.
  return (
    <pre aria-label={label} className="whitespace-pre-wrap break-all rounded-8 border border-solid-gray-420 bg-solid-gray-50 p-4 font-mono text-mono-16N-150 text-solid-gray-900">
      {children}
    </pre>
  );
}

const OPERATION_NAMES: Record<KioskOperation, string> = { eligibility: "照会", issuance: "発行", completion: "完了報告", registration: "利用登録" };

function ErrorTable({ label, entries, refusals }: { label: string; entries: readonly ErrorCodeEntry[]; refusals: boolean }) {
  return (
    <TableRegion label={label}>
      <thead className="bg-solid-gray-50">
        <tr>
          <th scope="col" className={headCell}>コード</th>
          <th scope="col" className={headCell}>HTTP</th>
          <th scope="col" className={headCell}>意味</th>
          <th scope="col" className={headCell}>{refusals ? "キオスクに表示するメッセージ" : "返す操作"}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.code}>
            <th scope="row" className={`${cell} text-left font-normal`}>
              <code className="whitespace-nowrap font-mono">{e.code}</code>
            </th>
            <td className={`${cell} tabular-nums`}>{e.status}</td>
            <td className={cell}>{e.meaningJa}</td>
            <td className={cell}>
              {refusals ? e.kioskMessage : e.operations.length ? e.operations.map((o) => OPERATION_NAMES[o]).join("・") : "キオスクAPIでは返さない"}
            </td>
          </tr>
        ))}
      </tbody>
    </TableRegion>
  );
}

export default function ApiDocsPage() {
  const doc = buildOpenApiDocument() as unknown as {
    info: { title: string; version: string; description: string };
    paths: Record<string, { post: Operation }>;
    components: { schemas: Schemas; parameters: Record<string, Parameter> };
    "x-signing": Signing;
    "x-error-codes": ErrorCodeEntry[];
  };
  const schemas = doc.components.schemas;
  const signing = doc["x-signing"];
  const ex = signing.example;
  const codes = doc["x-error-codes"];
  const params = `(${signing.components.map((c) => `"${c}"`).join(" ")});created=<created>;keyid="<keyid>";nonce="<nonce>";alg="${signing.algorithm}"`;

  return (
    <>
      <SiteHeader user={null} />
      <main id="main" className="mx-auto flex w-full max-w-5xl flex-1 flex-col gap-12 px-4 py-10 desktop:px-6">
        <div className="flex flex-col gap-4">
          <h1 className="text-std-32B-150 text-solid-gray-900">キオスクAPI仕様（v{doc.info.version}）</h1>
          <p className="text-std-16N-170">
            交付センターと証明発行サーバーの間の機械向けAPIです。照会、発行、完了報告、本籍地の利用登録の4つの操作はすべてPOSTで、要求には署名が必要です。
            このページは、機械可読の
            <a href="/api/kiosk/v1/openapi.json" className="mx-1 text-blue-900 underline hover:text-blue-1000 hover:decoration-[calc(3/16*1rem)]">
              OpenAPI 3.1文書（openapi.json）
            </a>
            と同じ定義から作られています。エラーは application/problem+json（RFC 9457）で、安定した <Code>code</Code> を持ちます。
          </p>
        </div>

        <section aria-labelledby="signing-heading" className="flex flex-col gap-4">
          <h2 id="signing-heading" className="text-std-24B-150 text-solid-gray-900">署名の付け方</h2>
          <p className="text-std-16N-170">
            APIクライアントごとに鍵ID（keyid）と共有シークレットが発行されます。要求ごとに HTTP Message Signatures（RFC 9421、{signing.algorithm}）と
            Content-Digest（RFC 9530）を付けます。
          </p>
          <ol className="ml-6 flex list-decimal flex-col gap-2 text-std-16N-170">
            <li>本文をUTF-8のバイト列にし、そのバイト列をそのまま送ります（署名した後に作り直さない）。</li>
            <li>
              <Code>Content-Digest</Code> は <Code>sha-256=:</Code>、本文バイト列のSHA-256のBase64（標準、パディングあり）、<Code>:</Code> をつなげた値です。
            </li>
            <li>
              <Code>created</Code> は現在のUNIX時刻（秒）、<Code>nonce</Code> はこのクライアントで一度も使っていない乱数の文字列（例：16バイトの乱数をbase64url）です。
            </li>
            <li>
              署名パラメーターは <Code>{params}</Code> です。
            </li>
            <li>署名ベースは次の4行を改行（LF）1文字で連結したものです。最後の行の後に改行を付けません。</li>
          </ol>
          <Pre label="署名ベースの形">{`"@method": POST\n"@target-uri": <呼び出す完全なURL>\n"content-digest": <Content-Digestヘッダーの値>\n"@signature-params": <署名パラメーター>`}</Pre>
          <ol start={6} className="ml-6 flex list-decimal flex-col gap-2 text-std-16N-170">
            <li>署名値は、シークレット（UTF-8）を鍵として署名ベース（UTF-8）のHMAC-SHA256を計算し、Base64にしたものです。</li>
            <li>
              ヘッダー <Code>Content-Digest</Code>、<Code>Signature-Input: {signing.label}=&lt;署名パラメーター&gt;</Code>、
              <Code>Signature: {signing.label}=:&lt;署名値&gt;:</Code> と <Code>Content-Type: application/json</Code> を付けて送ります。
            </li>
          </ol>

          <h3 className="text-std-20B-150 text-solid-gray-900">サーバーが確認すること</h3>
          <ul className="ml-6 flex list-disc flex-col gap-2 text-std-16N-170">
            <li>ラベルは <Code>{signing.label}</Code>。対象コンポーネントは {signing.components.map((c) => `"${c}"`).join("、")} をすべて含み、それ以外を含めません。アルゴリズムは <Code>{signing.algorithm}</Code> です。</li>
            <li>
              <Code>Idempotency-Key</Code> を送る要求（発行）では、対象コンポーネントの最後に <Code>&quot;idempotency-key&quot;</Code> を加え、署名ベースの content-digest の行の後に
              <Code>&quot;idempotency-key&quot;: &lt;ヘッダーの値&gt;</Code> の行を入れます（5行）。署名に含まれないキーは401 <Code>signature_components_missing</Code>、署名後に変えたキーは401 <Code>signature_invalid</Code> です。
            </li>
            <li>
              <Code>@target-uri</Code> はクライアントが実際に呼び出す完全なURL（スキーム、ホスト、既定以外のポート、パス、クエリ）です。<Code>@method</Code> は大文字です。
            </li>
            <li>
              <Code>created</Code> はサーバー時刻の前後{signing.windowSeconds / 60}分（{signing.windowSeconds}秒）以内でなければなりません。X-Clock-Override はこの判定に影響しません。
            </li>
            <li>
              <Code>nonce</Code> はAPIクライアントごとに1回限りです。処理の前に記録するため、失敗した要求のnonceも再利用できません。再送のたびに created、nonce、署名を作り直します（発行の再送では本文とIdempotency-Keyは同じものを使います）。
            </li>
            <li>確認の順序：本文の大きさ → 署名ヘッダーの形式 → Content-Digest → keyid（有効なクライアントか）→ アルゴリズム・対象・時刻・署名値 → nonce → JSON → スキーマ → 各操作。</li>
          </ul>

          <h3 className="text-std-20B-150 text-solid-gray-900">計算例</h3>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-std-16N-170 desktop:grid-cols-[max-content_1fr]">
            <dt className="font-bold">要求</dt>
            <dd><Code>{`${ex.method} ${ex.targetUri}`}</Code></dd>
            <dt className="font-bold">keyid</dt>
            <dd><Code>{ex.keyId}</Code></dd>
            <dt className="font-bold">シークレット</dt>
            <dd><Code>{ex.secret}</Code>（デモ用）</dd>
            <dt className="font-bold">created</dt>
            <dd><Code>{String(ex.created)}</Code>（{new Date(ex.created * 1000).toISOString()}）</dd>
            <dt className="font-bold">nonce</dt>
            <dd><Code>{ex.nonce}</Code></dd>
          </dl>
          <Pre label="計算例の本文">{ex.body}</Pre>
          <Pre label="計算例の署名ベース">{ex.signatureBase}</Pre>
          <Pre label="計算例のヘッダー">{Object.entries(ex.headers).map(([k, v]) => `${k}: ${v}`).join("\n")}</Pre>

          <details className="rounded-8 border border-solid-gray-420 p-4">
            <summary className="cursor-pointer text-std-16B-170">英語の規定文（OpenAPI文書の info.description）</summary>
            <pre lang="en" className="mt-4 whitespace-pre-wrap break-words font-mono text-mono-16N-150 text-solid-gray-900">
              {doc.info.description}
            </pre>
          </details>
        </section>

        <section aria-labelledby="idempotency-heading" className="flex flex-col gap-4">
          <h2 id="idempotency-heading" className="text-std-24B-150 text-solid-gray-900">再送と完了報告</h2>
          <ul className="ml-6 flex list-disc flex-col gap-2 text-std-16N-170">
            <li>発行の <Code>Idempotency-Key</Code> はAPIクライアントごとの鍵です。同じ鍵・同じ本文の再送には、最初と同じバイト列の応答を <Code>Idempotent-Replayed: true</Code> 付きで返します。</li>
            <li>同じ鍵で別の本文を送ると422 <Code>idempotency_key_conflict</Code>、最初の要求の処理中に送ると409 <Code>idempotency_key_in_progress</Code> です（二重には実行しません）。</li>
            <li>失敗または時間切れになった発行は何も残さないため、同じ鍵で再試行できます。PDFの削除後（完了報告または保存期限切れ）の再送は410 <Code>pdf_no_longer_available</Code> です。</li>
            <li>完了報告は printed（印刷・支払済み）、cancelled、failed のいずれかです。統計と手数料に数えるのは printed だけで、どの結果でも保存していたPDFを削除します。同じ結果の再報告には最初の応答を返し、別の結果は409 <Code>completion_conflict</Code> です。</li>
          </ul>
        </section>

        <section aria-labelledby="operations-heading" className="flex flex-col gap-8">
          <h2 id="operations-heading" className="text-std-24B-150 text-solid-gray-900">操作</h2>
          {Object.entries(doc.paths).map(([path, { post }]) => {
            const label = OPERATION_LABELS[post.operationId];
            const headingId = `op-${post.operationId}`;
            const parameters = (post.parameters ?? []).map((p) => (p.$ref ? doc.components.parameters[refName(p.$ref)] : p));
            const body = post.requestBody?.content["application/json"]?.schema;
            const ok = post.responses["200"];
            const okSchema = ok?.content?.["application/json"]?.schema;
            const errors = codes.filter((e) => e.operations.includes(label.op));
            const statuses = [...new Set(errors.map((e) => e.status))].sort((a, b) => a - b);
            return (
              <section key={path} aria-labelledby={headingId} className="flex flex-col gap-4 border-t border-solid-gray-420 pt-6">
                <h3 id={headingId} className="text-std-20B-150 text-solid-gray-900">
                  {label.title}{" "}
                  <span className="mt-1 block font-mono text-std-16N-170 text-solid-gray-800 break-all">POST {path}</span>
                </h3>
                {post.description ? (
                  <p lang="en" className="text-std-16N-170">
                    <Inline text={post.description} />
                  </p>
                ) : null}

                <h4 className="text-std-18B-160 text-solid-gray-900">ヘッダーとパスのパラメーター</h4>
                <TableRegion label={`${label.title}のパラメーター`}>
                  <thead className="bg-solid-gray-50">
                    <tr>
                      <th scope="col" className={headCell}>名前</th>
                      <th scope="col" className={headCell}>場所</th>
                      <th scope="col" className={headCell}>必須</th>
                      <th scope="col" className={headCell}>説明</th>
                    </tr>
                  </thead>
                  <tbody>
                    {parameters.map((p) => (
                      <tr key={p.name}>
                        <th scope="row" className={`${cell} text-left font-normal`}><code className="whitespace-nowrap font-mono">{p.name}</code></th>
                        <td className={`${cell} whitespace-nowrap`}>{p.in === "header" ? "ヘッダー" : "パス"}</td>
                        <td className={`${cell} whitespace-nowrap`}>{p.required ? "必須" : "任意"}</td>
                        <td className={`${cell} min-w-64`}>{p.description ? <Inline text={p.description} /> : "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </TableRegion>

                {body ? (
                  <>
                    <h4 className="text-std-18B-160 text-solid-gray-900">要求本文（application/json）</h4>
                    <FieldTable label={`${label.title}の要求本文`} schema={body} schemas={schemas} />
                  </>
                ) : null}

                {okSchema ? (
                  <>
                    <h4 className="text-std-18B-160 text-solid-gray-900">成功時の応答（200、application/json）</h4>
                    {Object.entries(ok.headers ?? {}).map(([name, h]) => (
                      <p key={name} className="text-std-16N-170">
                        応答ヘッダー <Code>{name}</Code>：<span lang="en">{h.description}</span>
                      </p>
                    ))}
                    <FieldTable label={`${label.title}の応答本文`} schema={okSchema} schemas={schemas} />
                  </>
                ) : null}

                <h4 className="text-std-18B-160 text-solid-gray-900">エラー応答（application/problem+json）</h4>
                <ul className="ml-6 flex list-disc flex-col gap-2 text-std-16N-170">
                  {statuses.map((status) => {
                    const list = errors.filter((e) => e.status === status);
                    const refusals = list.filter((e) => e.kioskMessage);
                    return (
                      <li key={status}>
                        <span className="font-bold tabular-nums">{status}</span>：
                        {list
                          .filter((e) => !e.kioskMessage)
                          .map((e) => (
                            <Code key={e.code}>{e.code}</Code>
                          ))
                          .reduce<ReactNode[]>((acc, node, i) => (i ? [...acc, "、", node] : [node]), [])}
                        {refusals.length ? `${list.length > refusals.length ? "、" : ""}発行を断る理由（${refusals.length}種、下の一覧）` : null}
                      </li>
                    );
                  })}
                </ul>
              </section>
            );
          })}
        </section>

        <section aria-labelledby="errors-heading" className="flex flex-col gap-4">
          <h2 id="errors-heading" className="text-std-24B-150 text-solid-gray-900">エラーコード一覧</h2>
          <p className="text-std-16N-170">
            すべてのエラーは <Code>type</Code>、<Code>title</Code>、<Code>status</Code>、<Code>code</Code>、<Code>detail</Code>、<Code>instance</Code> を持ちます。
            422 <Code>validation_failed</Code> は <Code>errors</Code>（path と message の配列）を、発行を断る理由は <Code>reason</Code> と <Code>message</Code> を追加で持ちます。
          </p>
          <h3 className="text-std-20B-150 text-solid-gray-900">プロトコルと処理のエラー</h3>
          <ErrorTable label="プロトコルと処理のエラーの一覧" entries={codes.filter((e) => !e.kioskMessage)} refusals={false} />
          <h3 className="text-std-20B-150 text-solid-gray-900">発行を断る理由</h3>
          <p className="text-std-16N-170">
            照会では証明書の種類ごとに200の応答の中で、発行では403の応答の <Code>code</Code> として返します。キオスクは <Code>message</Code> をそのまま表示します。
          </p>
          <ErrorTable label="発行を断る理由の一覧" entries={codes.filter((e) => e.kioskMessage)} refusals />
        </section>
      </main>
    </>
  );
}
