// Reason codes for a refused request (eligibility and issuance), with the message a resident sees at the
// kiosk. Codes are stable API values (docs/api.md); the kiosk shows the message, staff see the code.
export const REFUSAL_MESSAGES = {
  // card / certificate
  card_unknown: "このカードではご利用いただけません。お住まいの市区町村の窓口にお問い合わせください。",
  card_revoked: "電子証明書が失効しているため、ご利用いただけません。",
  card_suspended: "電子証明書が一時停止されているため、ご利用いただけません。",
  card_expired: "電子証明書の有効期限が切れているため、ご利用いただけません。",
  card_not_yet_valid: "電子証明書がまだ有効ではありません。",
  card_issued_today: "カードの交付当日はご利用いただけません。翌日以降にご利用ください。",
  pin_changed_today: "暗証番号を変更した当日はご利用いただけません。翌日以降にご利用ください。",
  // person
  resident_under_15: "15歳未満の方はご利用いただけません。",
  resident_support_measure: "このサービスではお取り扱いできません。窓口にお問い合わせください。",
  household_support_measure: "このサービスではお取り扱いできません。窓口にお問い合わせください。",
  resident_issuance_stopped: "このサービスではお取り扱いできません。窓口にお問い合わせください。",
  resident_moved_out: "転出されているため、ご利用いただけません。",
  resident_move_out_planned: "転出の届出をされているため、ご利用いただけません。",
  household_move_out_planned: "世帯に転出予定の方がいるため、この証明書はお取り扱いできません。窓口をご利用ください。",
  resident_deceased: "このサービスではお取り扱いできません。窓口にお問い合わせください。",
  resident_adult_ward: "このサービスではお取り扱いできません。窓口にお問い合わせください。",
  resident_moved_in_today: "転入・転居の届出をした当日はご利用いただけません。翌日以降にご利用ください。",
  resident_not_found: "住民登録が確認できないため、ご利用いただけません。窓口にお問い合わせください。",
  gaiji_pending: "氏名または住所の文字の登録手続き中のため、ご利用いただけません。窓口にお問い合わせください。",
  name_too_long: "氏名の文字数が多いため、このサービスでは印刷できません。窓口をご利用ください。",
  address_too_long: "住所の文字数が多いため、このサービスでは印刷できません。窓口をご利用ください。",
  // certificate specific
  seal_not_registered: "印鑑登録がないため、印鑑登録証明書は発行できません。",
  member_not_in_household: "同一世帯の方の証明書のみ取得できます。",
  my_number_not_allowed: "個人番号入りの住民票はこのサービスではお取り扱いできません。",
  copies_out_of_range: "指定された部数では発行できません。",
  character_not_printable: "氏名または住所に印刷できない文字が含まれているため、このサービスでは発行できません。窓口をご利用ください。",
  // tax
  tax_year_not_offered: "指定された年度の税証明書はこのサービスでは発行できません。",
  tax_record_missing: "課税情報がないため、税証明書は発行できません。窓口にお問い合わせください。",
  tax_not_resident_on_jan1: "その年度の1月1日に住民登録がないため、この税証明書は発行できません。",
  // 戸籍 and 附票 (本籍地 services)
  koseki_registration_missing: "本籍地の証明書を取得するには、本籍地の市区町村への利用登録が必要です。",
  koseki_registration_pending: "利用登録の審査中です。登録が完了するまでお待ちください。",
  koseki_registration_rejected: "利用登録が承認されていないため、ご利用いただけません。本籍地の市区町村にお問い合わせください。",
  koseki_registration_renewal_needed: "電子証明書が更新されたため、利用登録を再度行ってください。",
  koseki_record_not_found: "戸籍情報が確認できないため、ご利用いただけません。本籍地の市区町村にお問い合わせください。",
  koseki_pending_filing: "届出の処理中のため、ただいま戸籍の証明書は発行できません。窓口にお問い合わせください。",
  koseki_closed_record_not_offered: "除籍・改製原戸籍の証明書はこのサービスではお取り扱いできません。",
  koseki_member_not_in_record: "同じ戸籍に記録されている方の証明書のみ取得できます。",
  fuhyo_entries_missing: "戸籍の附票の情報が確認できないため、ご利用いただけません。本籍地の市区町村にお問い合わせください。",
  // service
  certificate_not_offered: "この証明書はこのサービスではお取り扱いしていません。",
  municipality_not_active: "この市区町村ではサービスを提供していません。",
  purpose_not_supported: "この証明書はこのサービスではお取り扱いできません。",
  service_out_of_hours: "サービス提供時間外です。",
  service_year_end_closure: "12月29日から1月3日まではサービスを停止しています。",
  service_planned_stop: "ただいまサービスを停止しています。",
  service_emergency_stop: "ただいまサービスを一時停止しています。",
  fee_not_configured: "この証明書はただいまお取り扱いできません。",
  service_local_closure: "本日は市区町村の休止日のため、サービスを停止しています。",
} as const;

export type RefusalCode = keyof typeof REFUSAL_MESSAGES;

export const refusalMessage = (code: RefusalCode): string => REFUSAL_MESSAGES[code];

/**
 * What staff read for a recorded refusal (statistics, 住民照会): short and exact, unlike the resident's message,
 * which deliberately says the same for several protected reasons at the kiosk.
 */
export const REFUSAL_LABELS: Record<RefusalCode, string> = {
  card_unknown: "未登録のカード",
  card_revoked: "電子証明書の失効",
  card_suspended: "電子証明書の一時停止",
  card_expired: "電子証明書の有効期限切れ",
  card_not_yet_valid: "電子証明書の有効期間前",
  card_issued_today: "カード交付当日",
  pin_changed_today: "暗証番号変更当日",
  resident_under_15: "15歳未満",
  resident_support_measure: "支援措置",
  household_support_measure: "世帯員の支援措置",
  resident_issuance_stopped: "交付停止",
  resident_moved_out: "転出済み",
  resident_move_out_planned: "転出予定",
  household_move_out_planned: "世帯員の転出予定",
  resident_deceased: "死亡",
  resident_adult_ward: "成年被後見人",
  resident_moved_in_today: "転入・転居の届出当日",
  resident_not_found: "住民登録なし",
  gaiji_pending: "外字登録中",
  name_too_long: "氏名の文字数超過",
  address_too_long: "住所の文字数超過",
  seal_not_registered: "印鑑登録なし",
  member_not_in_household: "世帯外の方の指定",
  my_number_not_allowed: "個人番号の記載不可",
  copies_out_of_range: "部数の範囲外",
  character_not_printable: "印刷できない文字",
  tax_year_not_offered: "対象外の年度",
  tax_record_missing: "課税情報なし",
  tax_not_resident_on_jan1: "1月1日に住民登録なし",
  koseki_registration_missing: "利用登録なし",
  koseki_registration_pending: "利用登録の審査中",
  koseki_registration_rejected: "利用登録の不承認",
  koseki_registration_renewal_needed: "利用登録の再登録が必要",
  koseki_record_not_found: "戸籍情報なし",
  koseki_pending_filing: "戸籍の届出処理中",
  koseki_closed_record_not_offered: "除籍・改製原戸籍は対象外",
  koseki_member_not_in_record: "戸籍外の方の指定",
  fuhyo_entries_missing: "附票情報なし",
  certificate_not_offered: "取扱いのない証明書",
  municipality_not_active: "サービス提供外の市区町村",
  purpose_not_supported: "取扱いのない用途",
  service_out_of_hours: "サービス時間外",
  service_year_end_closure: "年末年始の休止",
  service_planned_stop: "計画停止中",
  service_emergency_stop: "緊急停止中",
  fee_not_configured: "手数料の未設定",
  service_local_closure: "市区町村の休止日",
};

export const isRefusalCode = (code: string): code is RefusalCode => Object.hasOwn(REFUSAL_MESSAGES, code);

/** The staff label of a recorded reason; a code no longer in the table (older rows) shows as itself. */
export const refusalLabel = (code: string): string => (isRefusalCode(code) ? REFUSAL_LABELS[code] : code);
