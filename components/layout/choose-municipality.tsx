import { Alert } from "@/components/ui/alert";

/** Shown in place of a page's content while the operator has not chosen the municipality to look at. */
export function ChooseMunicipality() {
  return (
    <Alert variant="info" title="自治体を選んでください">
      運用事業者は、設定する自治体を選んでから操作します。
    </Alert>
  );
}
