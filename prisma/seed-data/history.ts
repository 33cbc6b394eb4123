// The demo's issuance history (docs/demo-data.md, "Issuance history"): 13 calendar months of synthetic kiosk
// issuances per municipality, from the first day of the month a year before `today` to yesterday (JST), with
// past planned stops and the counter (窓口) counts of each finished month. Pure and deterministic for a given
// plan (its `today`); history-writer.ts writes it. Loaded only by the seed's dynamic import (it reads the fee
// rule of server/fees, a server module).
import crypto from "node:crypto";
import { municipalityCheckDigit } from "../../lib/municipality-code";
import { addMonths } from "../../lib/months";
import { feeInForce, totalFee } from "../../server/fees/fee-in-force";
import { addDays, dayOfWeek, diffDays, isNationalHoliday, jst, type Ymd } from "./dates";
import { MUNICIPALITIES, MUNI_KEYS, type MuniKey } from "./places";
import type { SeedPlan } from "./plan";
import { Prng } from "./prng";
import { CERTIFICATE_TYPES, feesFor, KOSEKI_TYPES, md, type CertificateTypeKey, type FeePlan } from "./service-config";
import type { CardPlan, Person, ResidentPlan } from "./types";

export const HISTORY_MONTHS = 13;

export type HistoryIssuance = {
  /** Deterministic UUIDv7 whose time part is renderedAt (time-ordered like the real ones). */
  id: string;
  muni: MuniKey;
  certificateType: CertificateTypeKey;
  purpose: "residence" | "honseki";
  /** The cardholder: a resident of `muni`, or of 世田谷区 for a 本籍地 issuance (then not the requester row). */
  cardholder: ResidentPlan;
  cardSerial: string;
  /** False for a 本籍地 issuance to a non-resident (Issuance.requesterResidentId null). */
  requesterIsResident: boolean;
  options: Record<string, unknown>;
  copies: number;
  feePerCopy: number;
  feeTotal: number;
  status: "printed" | "cancelled";
  renderedAt: Date;
  completedAt: Date;
  storeChain: string;
  storeCode: string;
  terminalId: string;
  terminalMunicipalityCode: string;
  outOfTown: boolean;
  pageCount: number;
  /** Stand-ins for the hashes of a real issuance: SHA-256 of a label, never of a document. */
  subjectDigest: string;
  requestHash: string;
  pdfSha256: string;
  centreTransactionId: string;
  idempotencyKey: string;
};

export type PastStop = { muni: MuniKey; scope: "all" | "koseki"; startsAt: Date; endsAt: Date; notice: string; createdAt: Date };

export type CounterCount = { muni: MuniKey; month: string; copies: number };

export type IssuanceHistoryPlan = {
  from: Ymd;
  to: Ymd;
  /** Every month with history, oldest first (the last one is the current, unfinished month). */
  months: string[];
  /** The finished months, whose monthly reports the scheduled job would have generated. */
  reportMonths: string[];
  issuances: HistoryIssuance[];
  stops: PastStop[];
  counterCounts: CounterCount[];
};

/** Printed issuances a day on an ordinary weekday, before the season, growth and noise. */
const DAILY_BASE: Record<MuniKey, number> = { setagaya: 58, matsumoto: 21, obuse: 3.6 };
/** 本籍地 issuances a day to 世田谷区 residents whose 本籍 is here. */
const HONSEKI_DAILY: Record<MuniKey, number> = { setagaya: 0, matsumoto: 0.8, obuse: 0.4 };
/** January … December: moves in March and April, tax certificates from June. */
const SEASON = [0.92, 1.0, 1.3, 1.2, 0.94, 1.12, 1.02, 0.9, 0.95, 1.0, 0.96, 0.9];
/** Sunday … Saturday. */
const WEEKDAY_FACTOR = [0.42, 1.0, 0.96, 0.95, 0.98, 1.06, 0.56];
const HOLIDAY_FACTOR = 0.44;
/** The last three days of a month (deadlines, rent and job applications). */
const MONTH_END_FACTOR = 1.38;
/** Kiosk use grows as more residents hold a card: per month of history. */
const GROWTH_PER_MONTH = 0.012;
const CANCEL_RATE = 0.025;
const OUT_OF_TOWN: Record<MuniKey, number> = { setagaya: 0.22, matsumoto: 0.09, obuse: 0.28 };

const TYPE_WEIGHTS: ReadonlyArray<readonly [CertificateTypeKey, number]> = [
  ["residence", 46],
  ["residence_entry", 2.5],
  ["seal", 20],
  ["tax_income_assessment", 9],
  ["tax_income", 5],
  ["tax_assessment", 3.5],
  ["koseki_full", 6],
  ["koseki_individual", 4],
  ["koseki_fuhyo", 3],
];
const TAX_TYPES: readonly CertificateTypeKey[] = ["tax_income", "tax_assessment", "tax_income_assessment"];
/** Tax certificates peak once the new fiscal year's figures are out (June, July). */
const TAX_SEASON: Record<number, number> = { 6: 1.9, 7: 1.4 };

/** Share of the day's issuances per JST hour, 6 (from 6:30) to 22 (until 23:00). */
const hours = (weights: readonly number[]) => weights.map((w, i) => [6 + i, w] as const);
const HOURS_WEEKDAY = hours([0.4, 1.6, 3.2, 4.6, 5.6, 6.0, 7.0, 6.2, 5.4, 5.2, 5.4, 6.0, 6.6, 5.6, 4.0, 2.6, 1.4]);
const HOURS_WEEKEND = hours([0.2, 0.8, 2.0, 4.2, 6.4, 7.0, 6.6, 6.6, 6.4, 6.0, 5.4, 4.8, 4.2, 3.4, 2.6, 1.6, 0.8]);
/** 小布施町 issues 戸籍 and 附票 on weekdays 9:00–17:00 only (service-config windowsFor). */
const HOURS_KOSEKI_OBUSE = hours([0, 0, 0, 5, 6, 6, 5, 6, 6, 5, 4, 0, 0, 0, 0, 0, 0]);
type HourWeights = typeof HOURS_WEEKDAY;

/** Chains as the centre names them (lib/store-chains.ts) and their share of each municipality's stores. */
const CHAINS: Record<MuniKey | "elsewhere", ReadonlyArray<readonly [string, number]>> = {
  setagaya: [["seven-eleven", 40], ["familymart", 27], ["lawson", 25], ["daily-yamazaki", 5], ["ministop", 3]],
  matsumoto: [["seven-eleven", 45], ["familymart", 25], ["lawson", 20], ["ministop", 5], ["daily-yamazaki", 5]],
  obuse: [["seven-eleven", 50], ["familymart", 30], ["lawson", 20]],
  elsewhere: [["seven-eleven", 42], ["familymart", 25], ["lawson", 24], ["ministop", 4], ["daily-yamazaki", 3], ["seicomart", 2]],
};
const STORE_COUNT: Record<MuniKey, number> = { setagaya: 36, matsumoto: 18, obuse: 4 };
/** Where residents print outside their municipality (commuting, shopping): 全国地方公共団体コード, first five digits. */
const NEARBY: Record<MuniKey, readonly string[]> = {
  setagaya: ["13113", "13103", "13101", "13104", "13110", "14130"], // 渋谷区 港区 千代田区 新宿区 目黒区 川崎市
  matsumoto: ["20215", "20220", "20201", "13101"], // 塩尻市 安曇野市 長野市 千代田区
  obuse: ["20207", "20201", "20211"], // 須坂市 長野市 中野市
};

type Store = { chain: string; code: string; terminals: number; municipalityCode: string };

const fullCode = (first5: string) => first5 + municipalityCheckDigit(first5);

function stores(rng: Prng, chains: ReadonlyArray<readonly [string, number]>, codes: readonly string[], count: number): Store[] {
  return Array.from({ length: count }, () => ({
    chain: rng.weighted(chains),
    code: `${rng.int(1, 9)}${rng.digits(5)}`,
    terminals: rng.chance(0.25) ? 2 : 1,
    municipalityCode: rng.pick(codes),
  }));
}

// The one-shot hash: createHash per call costs ≈ 2× as much (a history hashes ≈ 57,000 times).
const sha256 = (s: string | Buffer) => crypto.hash("sha256", s, "buffer");

/** A UUIDv7 with `ms` as its time and the rest from `seed`: the same row gets the same id in every seed. */
function uuidv7At(ms: number, seed: Buffer): string {
  const b = Buffer.from(seed.subarray(0, 16));
  b.writeUIntBE(ms, 0, 6);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A standard normal draw (Box–Muller). */
function gauss(rng: Prng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

function isYearEnd(ymd: Ymd): boolean {
  const m = ymd.slice(5);
  return m >= "12-29" || m <= "01-03";
}

const lastDayOfMonth = (ymd: Ymd) => addDays(`${addMonths(ymd.slice(0, 7), 1)}-01`, -1);

/** The card usable on `day`: handed over before it (usable from the next day), not expired, not revoked by then. */
function cardOn(r: ResidentPlan, day: Ymd): CardPlan | null {
  for (const c of [r.card, ...r.extraCards]) {
    if (!c || c.status === "suspended" || c.kind !== "card") continue;
    if (c.cardIssuedOn < day && c.validUntil >= day && (c.revokedOn === null || c.revokedOn > day)) return c;
  }
  return null;
}

/** Past planned stops: 世田谷区 a monthly maintenance evening, 松本市 a quarterly Sunday morning, 小布施町 a monthly 戸籍 stop. */
function pastStops(from: Ymd, to: Ymd): PastStop[] {
  const out: PastStop[] = [];
  const nth = (month: string, weekday: number, n: number): Ymd => {
    let d = `${month}-01`;
    while (dayOfWeek(d) !== weekday) d = addDays(d, 1);
    return addDays(d, 7 * (n - 1));
  };
  const add = (muni: MuniKey, scope: PastStop["scope"], day: Ymd, h1: number, m1: number, h2: number, m2: number, what: string) => {
    if (day < from || day > to) return;
    const hm = (h: number, m: number) => `${h}時${String(m).padStart(2, "0")}分`;
    out.push({
      muni,
      scope,
      startsAt: jst(day, h1, m1),
      endsAt: jst(day, h2, m2),
      notice: `${what}のため、${md(day)}${hm(h1, m1)}から${hm(h2, m2)}まで、${MUNICIPALITIES[muni].name}の${scope === "koseki" ? "戸籍証明書・戸籍の附票の写し" : "証明書"}のコンビニ交付サービスを停止します。`,
      createdAt: jst(addDays(day, -14), 10, 0),
    });
  };
  for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = addMonths(month, 1)) {
    add("setagaya", "all", nth(month, 3, 3), 20, 0, 23, 0, "定期保守"); // third Wednesday evening
    if (["02", "05", "08", "11"].includes(month.slice(5))) add("matsumoto", "all", nth(month, 0, 2), 6, 30, 12, 0, "システム保守");
    add("obuse", "koseki", nth(month, 4, 1), 13, 0, 17, 0, "戸籍システムの更新作業"); // first Thursday afternoon
  }
  return out;
}

type Holder = { r: ResidentPlan; card: CardPlan };
/** Who may ask for what on a day: everyone with a usable card; with a seal; with a tax record; with the 本籍 here. */
type Pools = { all: Holder[]; seal: Holder[]; tax: Holder[]; koseki: Holder[]; types: ReadonlyArray<readonly [CertificateTypeKey, number]> };

export function buildIssuanceHistory(plan: SeedPlan): IssuanceHistoryPlan {
  const today = plan.today;
  const to = addDays(today, -1);
  const firstMonth = addMonths(today.slice(0, 7), -(HISTORY_MONTHS - 1));
  const from = `${firstMonth}-01`;
  const months = Array.from({ length: HISTORY_MONTHS }, (_, i) => addMonths(firstMonth, i));
  const stops = pastStops(from, to);

  // Who may ask for what: residents with a card; the 本籍 here (a current register); a seal; a tax record.
  const requesters = plan.residents.filter((r) => r.status === "active" && r.demo?.kind !== "refusal" && !r.adultWard && (r.card || r.extraCards.length));
  const inRegister = new Map<MuniKey, Set<Person>>(MUNI_KEYS.map((m) => [m, new Set()]));
  for (const rec of plan.koseki) if (rec.kind === "current") for (const mem of rec.members) if (!mem.removed) inRegister.get(rec.muni)!.add(mem.person);
  const sealSince = new Map(plan.seals.filter((s) => s.status === "active").map((s) => [s.resident, s.registeredOn]));
  const taxed = new Set(plan.taxes.map((t) => t.resident));

  const rng = new Prng("history");
  const storesOf = Object.fromEntries(
    MUNI_KEYS.map((m) => {
      const s = rng.fork(`stores/${m}`);
      return [m, { home: stores(s, CHAINS[m], [MUNICIPALITIES[m].code], STORE_COUNT[m]), away: stores(s, CHAINS.elsewhere, NEARBY[m].map(fullCode), 12) }];
    }),
  ) as Record<MuniKey, { home: Store[]; away: Store[] }>;
  const fees = Object.fromEntries(
    MUNI_KEYS.map((m) => {
      const rows = feesFor(m, today);
      return [m, new Map(CERTIFICATE_TYPES.map((t) => [t, rows.filter((f) => f.certificateType === t)]))];
    }),
  ) as Record<MuniKey, Map<CertificateTypeKey, FeePlan[]>>;

  const issuances: HistoryIssuance[] = [];
  for (const muni of MUNI_KEYS) {
    const r0 = rng.fork(`days/${muni}`);
    const own = requesters.filter((r) => r.muni === muni);
    // 世田谷区 residents whose 本籍 is in this municipality ask for their 戸籍 here (本籍地 issuance).
    const typeWeights = Array.from({ length: 13 }, (_, month) =>
      TYPE_WEIGHTS.filter(([t]) => !(muni === "obuse" && t === "residence_entry")).map(([t, w]) => [t, TAX_TYPES.includes(t) ? w * (TAX_SEASON[month] ?? 1) : w] as const),
    );
    const honsekiVisitors = requesters.filter((r) => r.muni === "setagaya" && muni !== "setagaya" && inRegister.get(muni)!.has(r.person));
    for (let day = from; day <= to; day = addDays(day, 1)) {
      if (isYearEnd(day)) continue;
      const month = Number(day.slice(5, 7));
      const pools: Pools = { all: [], seal: [], tax: [], koseki: [], types: typeWeights[month] };
      for (const r of own) {
        const card = r.becameResidentOn < day ? cardOn(r, day) : null;
        if (!card) continue;
        const h = { r, card };
        pools.all.push(h);
        const seal = sealSince.get(r);
        if (seal && seal < day) pools.seal.push(h);
        if (taxed.has(r)) pools.tax.push(h);
        if (inRegister.get(muni)!.has(r.person)) pools.koseki.push(h);
      }
      if (!pools.all.length) continue;
      const monthIndex = diffDays(from, day) / 30.4;
      const dow = dayOfWeek(day);
      const holiday = isNationalHoliday(day);
      const factor =
        SEASON[month - 1] *
        (holiday ? HOLIDAY_FACTOR : WEEKDAY_FACTOR[dow]) *
        (diffDays(day, lastDayOfMonth(day)) < 3 ? MONTH_END_FACTOR : 1) *
        (1 + GROWTH_PER_MONTH * monthIndex);
      const d = r0.fork(day);
      const n = Math.max(0, Math.round(DAILY_BASE[muni] * factor * (1 + 0.12 * gauss(d))));
      const weekend = holiday || dow === 0 || dow === 6;
      for (let i = 0; i < n; i++) {
        const x = draw(d, { muni, day, weekend, pools, stores: storesOf[muni], fees: fees[muni], key: `${muni}/${day}/${i}` });
        if (x && !stopped(stops, x)) issuances.push(x);
      }
      const visitors = honsekiVisitors.flatMap((r) => {
        const card = cardOn(r, day);
        return card ? [{ r, card }] : [];
      });
      const v = Math.round(HONSEKI_DAILY[muni] * factor * 2 * d.next()); // mean HONSEKI_DAILY × factor
      for (let i = 0; i < v && visitors.length; i++) {
        const x = drawHonseki(d, { muni, day, weekend, visitors, stores: storesOf.setagaya, fees: fees[muni], key: `${muni}/${day}/h${i}` });
        if (x && !stopped(stops, x)) issuances.push(x);
      }
    }
  }
  issuances.sort((a, b) => a.renderedAt.getTime() - b.renderedAt.getTime() || (a.id < b.id ? -1 : 1));

  // The counter's copies of each finished month: the kiosk share grows from about 17 % to 25 % over the year.
  const reportMonths = months.filter((m) => m < today.slice(0, 7));
  const printed = new Map<string, number>();
  for (const x of issuances) {
    if (x.status !== "printed") continue;
    const k = `${x.muni}/${jstMonth(x.completedAt)}`;
    printed.set(k, (printed.get(k) ?? 0) + x.copies);
  }
  const counterCounts: CounterCount[] = MUNI_KEYS.flatMap((muni) =>
    reportMonths.map((month, i) => {
      const kiosk = printed.get(`${muni}/${month}`) ?? 0;
      const share = 0.17 + (0.08 * i) / Math.max(1, reportMonths.length - 1);
      return { muni, month, copies: Math.round((kiosk * (1 - share)) / share) };
    }),
  );
  return { from, to, months, reportMonths, issuances, stops, counterCounts };
}

const jstMonth = (at: Date) => new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 7);

function stopped(stops: readonly PastStop[], x: HistoryIssuance): boolean {
  return stops.some(
    (s) =>
      s.muni === x.muni &&
      (s.scope === "all" || KOSEKI_TYPES.includes(x.certificateType)) &&
      s.startsAt < x.completedAt &&
      x.renderedAt < s.endsAt,
  );
}

type DrawContext = { muni: MuniKey; day: Ymd; weekend: boolean; stores: { home: Store[]; away: Store[] }; fees: Map<CertificateTypeKey, FeePlan[]>; key: string };

/** A JST instant on `day` in an hour drawn from `weights`, never before 6:30 or after 22:55. */
function timeOn(rng: Prng, day: Ymd, weights: HourWeights): Date {
  const hour = rng.weighted(weights);
  const minute = hour === 6 ? rng.int(30, 59) : hour === 22 ? rng.int(0, 54) : rng.int(0, 59);
  return jst(day, hour, minute, rng.int(0, 59));
}

function optionsFor(rng: Prng, type: CertificateTypeKey, day: Ymd, muni: MuniKey): Record<string, unknown> {
  switch (type) {
    case "residence":
      return { members: "all", includeHouseholdHeadAndRelationship: rng.chance(0.5), includeHonseki: rng.chance(0.2), includeMyNumber: muni !== "obuse" && rng.chance(0.05), includeForeignResidentItems: false };
    case "residence_entry":
      return { members: "all", items: ["name", "dateOfBirth", "address", "addressSetOn"] };
    case "seal":
      return {};
    case "tax_income":
    case "tax_assessment":
    case "tax_income_assessment": {
      const y = Number(day.slice(0, 4));
      const latest = day.slice(5) >= MUNICIPALITIES[muni].settings.taxYearSwitchDate ? y : y - 1;
      return { fiscalYear: MUNICIPALITIES[muni].settings.taxYearsOffered > 1 && rng.chance(0.15) ? latest - 1 : latest };
    }
    default:
      return type === "koseki_fuhyo" ? { register: "current", members: "all" } : { register: "current" };
  }
}

function pagesOf(rng: Prng, type: CertificateTypeKey): number {
  if (type === "koseki_full") return rng.weighted([[1, 5], [2, 4], [3, 1]]);
  if (type === "residence" || type === "koseki_fuhyo") return rng.chance(0.15) ? 2 : 1;
  return 1;
}

const subjects = new Map<string, string>();
function subjectDigest(label: string): string {
  let d = subjects.get(label);
  if (!d) subjects.set(label, (d = sha256(`demo-history/subject/${label}`).toString("hex")));
  return d;
}

function finish(
  rng: Prng,
  c: DrawContext,
  type: CertificateTypeKey,
  purpose: "residence" | "honseki",
  who: Holder,
  renderedAt: Date,
  store: Store,
): HistoryIssuance | null {
  const feePerCopy = feeInForce(c.fees.get(type)!, renderedAt);
  if (feePerCopy === null) return null;
  const copies = KOSEKI_TYPES.includes(type) ? rng.weighted([[1, 88], [2, 10], [3, 2]]) : rng.weighted([[1, 80], [2, 15], [3, 5]]);
  const cancelled = rng.chance(CANCEL_RATE);
  const completedAt = new Date(renderedAt.getTime() + 1000 * (cancelled ? rng.int(20, 90) : rng.int(25, 200)));
  const options = optionsFor(rng, type, c.day, c.muni);
  const request = sha256(`demo-history/${c.key}`);
  const pdf = sha256(request);
  return {
    id: uuidv7At(renderedAt.getTime(), pdf.subarray(16)),
    muni: c.muni,
    certificateType: type,
    purpose,
    cardholder: who.r,
    cardSerial: who.card.serial,
    requesterIsResident: purpose === "residence",
    options,
    copies,
    feePerCopy,
    feeTotal: totalFee(feePerCopy, copies),
    status: cancelled ? "cancelled" : "printed",
    renderedAt,
    completedAt,
    storeChain: store.chain,
    storeCode: store.code,
    terminalId: `0${rng.int(1, store.terminals)}`,
    terminalMunicipalityCode: store.municipalityCode,
    outOfTown: store.municipalityCode !== MUNICIPALITIES[c.muni].code,
    pageCount: pagesOf(rng, type),
    subjectDigest: subjectDigest(`${c.muni}/${who.r.muni}/${who.r.residentNo}/${type}`),
    requestHash: request.toString("hex"),
    pdfSha256: pdf.toString("hex"),
    centreTransactionId: `DEMO-HIST-${c.key.replaceAll("/", "-")}`,
    idempotencyKey: `demo-history/${c.key}`,
  };
}

function draw(rng: Prng, c: DrawContext & { pools: Pools }): HistoryIssuance | null {
  let type = rng.weighted(c.pools.types);
  let renderedAt = timeOn(rng, c.day, c.weekend ? HOURS_WEEKEND : HOURS_WEEKDAY);
  let pool = c.pools.all;
  if (type === "seal") pool = c.pools.seal;
  else if (TAX_TYPES.includes(type)) pool = c.pools.tax;
  else if (KOSEKI_TYPES.includes(type)) {
    pool = c.pools.koseki;
    if (c.muni === "obuse") {
      if (c.weekend) pool = [];
      else renderedAt = timeOn(rng, c.day, HOURS_KOSEKI_OBUSE);
    }
  }
  // Nobody here may ask for the type drawn (no seal, no 本籍 here …): a 住民票 instead.
  if (!pool.length) {
    type = "residence";
    pool = c.pools.all;
  }
  const who = rng.pick(pool);
  const store = rng.chance(OUT_OF_TOWN[c.muni]) ? rng.pick(c.stores.away) : rng.pick(c.stores.home);
  return finish(rng, c, type, "residence", who, renderedAt, store);
}

/** A 本籍地 戸籍 for a 世田谷区 resident at a store in 世田谷区 (out of town for this municipality). */
function drawHonseki(rng: Prng, c: DrawContext & { visitors: Holder[] }): HistoryIssuance | null {
  if (c.muni === "obuse" && c.weekend) return null;
  const type = rng.weighted([["koseki_full", 6], ["koseki_individual", 3], ["koseki_fuhyo", 2]] as const);
  const renderedAt = timeOn(rng, c.day, c.muni === "obuse" ? HOURS_KOSEKI_OBUSE : c.weekend ? HOURS_WEEKEND : HOURS_WEEKDAY);
  return finish(rng, c, type, "honseki", rng.pick(c.visitors), renderedAt, rng.pick(c.stores.home)); // c.stores: 世田谷区's
}
