import { z } from "zod";

// Alerts (docs/decisions/0016): the settings form's schema (shared by the form and the verb), the labels of the
// alert screen and the kinds' Japanese names. Client-safe.

export const ALERT_KINDS = ["centre_failures", "pdf_self_check_failed", "import_failed", "registration_overdue", "registration_received"] as const;
export type AlertKindName = (typeof ALERT_KINDS)[number];

export const ALERT_KIND_LABELS: Record<AlertKindName, string> = {
  centre_failures: "交付センターの印刷失敗が続いています",
  pdf_self_check_failed: "発行前PDF検査の不一致",
  import_failed: "データ取込の失敗",
  registration_overdue: "利用登録の審査期限超過",
  registration_received: "利用登録の新しい申請",
};

/** What a delivery's row shows: sent, failed, retrying (attempted, due again) or waiting (not yet attempted). */
export type AlertDeliveryState = "sent" | "failed" | "retrying" | "waiting";
export const ALERT_DELIVERY_STATE_LABELS: Record<AlertDeliveryState, string> = { sent: "送信済み", failed: "失敗", retrying: "再試行中", waiting: "送信待ち" };
export const ALERT_CHANNEL_LABELS = { email: "メール", webhook: "Webhook" } as const;

export const MAX_ALERT_RECIPIENTS = 10;

/** The recipients textarea: one address a line (commas also separate); blank lines ignored. */
export function recipientList(text: string): string[] {
  return [...new Set(text.split(/[\n,]/).map((s) => s.trim().toLowerCase()).filter(Boolean))];
}

const EMAIL = z.email();
/** https://…, or http://localhost / 127.0.0.1 (accepted by the verb only in demo mode and tests). */
const WEBHOOK_URL = /^(https:\/\/[^\s/?#]+|http:\/\/(localhost|127\.0\.0\.1)(:\d+)?)(\/[^\s#]*)?$/i;

export const ZAlertSettings = z.object({
  recipients: z
    .string()
    .max(2000, "宛先は2000文字以内で入力してください。")
    .superRefine((text, ctx) => {
      const list = recipientList(text);
      const bad = list.find((a) => !EMAIL.safeParse(a).success);
      if (bad) ctx.addIssue({ code: "custom", message: `メールアドレスの形式ではありません: ${bad}` });
      else if (list.length > MAX_ALERT_RECIPIENTS) ctx.addIssue({ code: "custom", message: `宛先は${MAX_ALERT_RECIPIENTS}件までです。` });
    }),
  webhookUrl: z
    .string()
    .trim()
    .max(500, "URLは500文字以内で入力してください。")
    .refine((u) => u === "" || (WEBHOOK_URL.test(u) && URL.canParse(u)), "https:// で始まるURLを入力してください。"),
  /** Generate a new webhook secret (the old one stops working at once). A first webhook always gets one. */
  rotateSecret: z.boolean(),
});
export type AlertSettingsInput = z.infer<typeof ZAlertSettings>;

export const ZAlertList = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type AlertListInput = z.input<typeof ZAlertList>;
