// The answer of a settings form beside its button: 保存しました, or the refusal's message.

export function FormMessage({ result }: { result: { ok: boolean; message?: string } | null }) {
  if (!result) return null;
  return result.ok ? (
    <p role="status" className="text-std-16B-170 text-success-2">
      保存しました。
    </p>
  ) : (
    <p role="alert" className="text-std-16B-170 text-error-1">
      {result.message}
    </p>
  );
}
