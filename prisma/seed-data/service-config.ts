// Per-municipality service configuration of the demo: offerings, fees, hours, planned stops, staff accounts
// and the simulator's API client.
import { addDays, jst, nextApril1, sundayAfter, type Ymd } from "./dates";
import { MUNICIPALITIES, MUNI_KEYS, type MuniKey } from "./places";

export const CERTIFICATE_TYPES = [
  "residence",
  "residence_entry",
  "seal",
  "tax_income",
  "tax_assessment",
  "tax_income_assessment",
  "koseki_full",
  "koseki_individual",
  "koseki_fuhyo",
] as const;
export type CertificateTypeKey = (typeof CERTIFICATE_TYPES)[number];

export const KOSEKI_TYPES: readonly CertificateTypeKey[] = ["koseki_full", "koseki_individual", "koseki_fuhyo"];
export const DAY_CLASSES = ["weekday", "saturday", "sunday", "holiday"] as const;

export const DEMO_PASSWORD = "demo-password-2026";
export const DEMO_SIMULATOR_KEY_ID = "demo-simulator";
export const DEMO_SIMULATOR_DEFAULT_SECRET = "demo-simulator-secret-0123456789abcdef";

export type OfferingPlan = {
  certificateType: CertificateTypeKey;
  enabled: boolean;
  copyLimit: number;
  allowMyNumber: boolean;
  allowJoseki: boolean;
  allowKaiseiGenkoseki: boolean;
  options: Record<string, unknown>;
};

/** Items a 住民票記載事項証明書 can certify (the resident picks among them). */
const RESIDENCE_ENTRY_ITEMS = ["氏名", "生年月日", "性別", "住所", "住民となった日", "住所を定めた日", "世帯主・続柄", "本籍・筆頭者", "個人番号"];

export function offeringsFor(muni: MuniKey): OfferingPlan[] {
  return CERTIFICATE_TYPES.map((t) => {
    const koseki = KOSEKI_TYPES.includes(t);
    const residenceType = t === "residence" || t === "residence_entry";
    return {
      certificateType: t,
      // 小布施町 does not offer the 記載事項証明書, so "not offered" can be shown.
      enabled: !(muni === "obuse" && t === "residence_entry"),
      copyLimit: koseki ? 5 : 10,
      allowMyNumber: residenceType && muni !== "obuse",
      allowJoseki: false,
      // 松本市 issues its 改製原戸籍 at kiosks; 小布施町 and 世田谷区 do not.
      allowKaiseiGenkoseki: muni === "matsumoto" && (t === "koseki_full" || t === "koseki_individual"),
      options: t === "residence_entry" ? { items: RESIDENCE_ENTRY_ITEMS.filter((i) => i !== "個人番号" || muni !== "obuse") } : {},
    };
  });
}

export type FeePlan = {
  certificateType: CertificateTypeKey;
  kind: "standard" | "campaign";
  amount: number;
  effectiveFrom: Date;
  effectiveUntil: Date | null;
  note: string | null;
};

export function feesFor(muni: MuniKey, today: Ymd): FeePlan[] {
  const def = MUNICIPALITIES[muni];
  // Every type has its fee by ordinance, including one a municipality does not offer at kiosks.
  const fees: FeePlan[] = CERTIFICATE_TYPES.map((t) => ({
    certificateType: t,
    kind: "standard",
    amount: t === "koseki_fuhyo" ? 200 : KOSEKI_TYPES.includes(t) ? 350 : def.basicFee,
    effectiveFrom: jst("2020-04-01"),
    effectiveUntil: null,
    note: null,
  }));
  if (muni === "matsumoto") {
    fees.push({ certificateType: "residence", kind: "standard", amount: 120, effectiveFrom: jst(nextApril1(today)), effectiveUntil: null, note: "手数料条例改正による改定" });
  }
  if (muni === "setagaya") {
    fees.push({
      certificateType: "residence",
      kind: "campaign",
      amount: 10,
      effectiveFrom: jst("2024-10-01"),
      effectiveUntil: jst("2025-01-01"),
      note: "マイナンバーカード利用促進キャンペーン（終了）",
    });
  }
  return fees;
}

export type WindowPlan = { certificateType: CertificateTypeKey | null; dayClass: (typeof DAY_CLASSES)[number]; startMinute: number; endMinute: number };

export function windowsFor(muni: MuniKey): WindowPlan[] {
  const out: WindowPlan[] = DAY_CLASSES.map((d) => ({ certificateType: null, dayClass: d, startMinute: 390, endMinute: 1380 }));
  if (muni === "obuse") {
    // 戸籍 and 附票 only on weekdays 9:00–17:00 (staff confirm the 戸籍 system is up).
    for (const t of KOSEKI_TYPES) out.push({ certificateType: t, dayClass: "weekday", startMinute: 540, endMinute: 1020 });
  }
  return out;
}

export type StopPlan = { scope: "all" | "koseki" | "registration_intake"; startsAt: Date; endsAt: Date; notice: string };

const WEEKDAY = ["日", "月", "火", "水", "木", "金", "土"];
/** 12月6日（日）: a day as a stop notice writes it. */
export const md = (ymd: Ymd) => `${Number(ymd.slice(5, 7))}月${Number(ymd.slice(8, 10))}日（${WEEKDAY[new Date(`${ymd}T00:00:00Z`).getUTCDay()]}）`;

export function stopsFor(muni: MuniKey, today: Ymd): StopPlan[] {
  if (muni === "matsumoto") {
    const day = sundayAfter(today, 14);
    return [{
      scope: "all",
      startsAt: jst(day, 6, 30),
      endsAt: jst(day, 12, 0),
      notice: `システム保守のため、${md(day)}6時30分から12時00分まで、松本市の証明書のコンビニ交付サービスを停止します。ご不便をおかけしますが、ご理解をお願いします。`,
    }];
  }
  if (muni === "obuse") {
    const from = sundayAfter(today, 21);
    const to = addDays(from, 1);
    return [{
      scope: "registration_intake",
      startsAt: jst(from, 0, 0),
      endsAt: jst(to, 17, 0),
      notice: `戸籍システムの更新作業のため、${md(from)}0時から${md(to)}17時まで、本籍地の利用登録申請の受付を停止します。`,
    }];
  }
  return [];
}

/**
 * The demo accounts' TOTP secrets (base32, 160 bits), published in docs/demo-data.md: the seed enrols each
 * account with its secret, so that `npm run demo:code -- <login id>` can print the current code and nobody
 * needs an authenticator app to try the demo. Public, like DEMO_PASSWORD: the production start refuses an
 * account that still has one (server/startup/production-readiness.ts).
 */
export const DEMO_TOTP_SECRETS: Readonly<Record<string, string>> = {
  operator: "6BMKQEYCNPWISD5H3NIINGW66DW5EC4S",
  "setagaya-admin": "G6UTVPPSX6TRDNNXULCXNMU2JM266PKZ",
  "setagaya-clerk": "S4G73SYSDPQQ6SGKULCYLFSM5ZA7BGZG",
  "setagaya-auditor": "B3LEO2NHLCUPT2YJ74ECZE4LDGKFZVQU",
  "matsumoto-admin": "KLKXW7JSKR6WQJWVDV7RA7H3WZ4V4ROC",
  "matsumoto-clerk": "FQPJPTL5HSXZC2XM47NSNGIXOMKYCKOA",
  "matsumoto-auditor": "GKPA642BZYU73VP2OJSNQYWCGF6CKGQZ",
  "obuse-admin": "VIWGXGANRPKESK2WER2ODZOHAEWS7PII",
  "obuse-clerk": "6BGPJOKNUZC73CBOZTWN5MYO3UUQ7CCL",
  "obuse-auditor": "6RVAICHQOHXV2AVF6NI5HIEH3KKQHL5M",
};

export type StaffPlan = {
  loginId: string;
  role: "operator" | "municipal_admin" | "clerk" | "auditor";
  muni: MuniKey | null;
  displayName: string;
  email: string;
  /** Base32, enrolled at seed time (DEMO_TOTP_SECRETS). */
  totpSecret: string;
};

export function staffPlans(): StaffPlan[] {
  const people: Record<MuniKey, [string, string, string]> = {
    setagaya: ["管理 一郎", "窓口 花子", "監査 次郎"],
    matsumoto: ["管理 健太", "戸籍 美穂", "監査 誠"],
    obuse: ["管理 茂", "住民 陽子", "監査 修"],
  };
  const out: Omit<StaffPlan, "totpSecret">[] = [{ loginId: "operator", role: "operator", muni: null, displayName: "運用事業者 運用 太郎", email: "operator@example.jp" }];
  for (const m of MUNI_KEYS) {
    const { slug, name } = MUNICIPALITIES[m];
    const [admin, clerk, auditor] = people[m];
    out.push(
      { loginId: `${slug}-admin`, role: "municipal_admin", muni: m, displayName: `${name} ${admin}`, email: `${slug}-admin@example.jp` },
      { loginId: `${slug}-clerk`, role: "clerk", muni: m, displayName: `${name} ${clerk}`, email: `${slug}-clerk@example.jp` },
      { loginId: `${slug}-auditor`, role: "auditor", muni: m, displayName: `${name} ${auditor}`, email: `${slug}-auditor@example.jp` },
    );
  }
  return out.map((s) => ({ ...s, totpSecret: DEMO_TOTP_SECRETS[s.loginId] }));
}
