import "server-only";
import { REJECT_REASONS, REREGISTRATION_REASONS } from "@/lib/schemas/koseki-registration";
import { formatWareki } from "@/lib/wareki";
import type { NoticeKind } from "../generated/prisma/enums";

// The Japanese e-mail sent on a decision. Only what the resident needs: the receipt number, the result and
// what to do next. No 戸籍 content and no address is repeated in the message.

export type NoticeFacts = {
  kind: NoticeKind;
  receiptNo: string;
  applicantName: string;
  municipalityName: string;
  decidedOn: string; // YYYY-MM-DD (JST)
  rejectReasonCode: string | null;
  reregistrationReason: string | null;
};

export function renderRegistrationNotice(f: NoticeFacts): { subject: string; text: string } {
  const head = `${f.applicantName} 様\n\n${f.municipalityName}への本籍地の利用登録（受付番号 ${f.receiptNo}）について、お知らせします。\n\n`;
  const foot = `\n\n受付状況は、受付番号と生年月日で確認できます。\nこのメールは送信専用です。ご不明な点は${f.municipalityName}の戸籍担当窓口にお問い合わせください。\n`;
  switch (f.kind) {
    case "registration_approved":
      return {
        subject: `【${f.municipalityName}】本籍地の利用登録が完了しました（受付番号 ${f.receiptNo}）`,
        text: `${head}${formatWareki(f.decidedOn)}に利用登録が完了しました。\nコンビニエンスストアのマルチコピー機で、登録に使ったマイナンバーカードにより戸籍証明書を取得できます。${foot}`,
      };
    case "registration_rejected": {
      const reason = REJECT_REASONS[f.rejectReasonCode as keyof typeof REJECT_REASONS] ?? REJECT_REASONS.other;
      return {
        subject: `【${f.municipalityName}】本籍地の利用登録ができませんでした（受付番号 ${f.receiptNo}）`,
        text: `${head}申し訳ありませんが、利用登録はできませんでした。\n理由：${reason}\n内容を確認のうえ、もう一度申請してください。${foot}`,
      };
    }
    case "registration_reregistration_needed": {
      const reason = REREGISTRATION_REASONS[f.reregistrationReason as keyof typeof REREGISTRATION_REASONS] ?? "電子証明書が変わりました";
      return {
        subject: `【${f.municipalityName}】本籍地の利用登録の再登録が必要です（受付番号 ${f.receiptNo}）`,
        text: `${head}${reason}。これまでの利用登録ではコンビニ交付をご利用いただけません。\n新しいマイナンバーカード（電子証明書）で、もう一度利用登録を行ってください。${foot}`,
      };
    }
  }
}
