// Japanese labels of the review screens (client-safe).
export const SOURCE_LABELS = { kiosk: "コンビニ（カード）", web: "Web事前登録" } as const;
export const NOTICE_STATUS_LABELS = { pending: "送信待ち", sent: "送信済み", failed: "送信失敗" } as const;
export const NOTICE_KIND_LABELS = {
  registration_approved: "登録完了のお知らせ",
  registration_rejected: "登録不可のお知らせ",
  registration_reregistration_needed: "再登録のお願い",
} as const;
