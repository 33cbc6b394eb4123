import { Alert } from "@/components/ui/alert";

export function ChooseMunicipality() {
  return (
    <Alert variant="info" title="自治体を選んでください">
      運用事業者は、設定する自治体を選んでから操作します。
    </Alert>
  );
}
