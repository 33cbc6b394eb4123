// Form messages of the service pages. Fields come from components/ui (text-field, select-field, checkbox-field).

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
