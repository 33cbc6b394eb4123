// Demo refusals (issue 22): a few kiosk refusals of the documented refusal cards in the days before the seed,
// so that the statistics page (理由別・日別) and 住民照会 (recent refusals) show some. Codes only, as the
// server records them (server/refusals); fixed, not random, so docs/demo-data.md can name them.
import type { Prisma } from "../../server/generated/prisma/client";
import type { RefusalCode } from "../../lib/refusal-reasons";
import { addDays, jst, type Ymd } from "./dates";
import { MUNICIPALITIES, type MuniKey } from "./places";
import type { SeedPlan } from "./plan";
import { cardSerial } from "./specials";

type CertificateTypeKey = Prisma.RefusalCreateManyInput["certificateType"];

export type DemoRefusal = {
  muni: MuniKey;
  /** The demo card's number (`JPKI-<code>-<n>`); null: a card unknown to the server (no resident). */
  card: number | null;
  reason: RefusalCode;
  certificateType: CertificateTypeKey;
  source: "eligibility" | "issuance";
  daysAgo: number;
  hour: number;
  minute: number;
};

const r = (muni: MuniKey, card: number | null, reason: RefusalCode, certificateType: CertificateTypeKey, daysAgo: number, hour: number, minute: number, source: DemoRefusal["source"] = "eligibility"): DemoRefusal =>
  ({ muni, card, reason, certificateType, source, daysAgo, hour, minute });

/** What the documented refusal cards were refused in the last days (docs/demo-data.md, "Demo cards"). */
export const DEMO_REFUSALS: readonly DemoRefusal[] = [
  r("setagaya", 900001, "resident_support_measure", "residence", 1, 9, 12),
  r("setagaya", 900001, "resident_support_measure", "residence", 1, 9, 12, "issuance"),
  r("setagaya", 900004, "resident_moved_out", "residence", 2, 18, 40),
  r("setagaya", 900007, "gaiji_pending", "residence", 3, 11, 5),
  r("setagaya", 900011, "card_expired", "residence", 1, 20, 31),
  r("setagaya", 900011, "card_expired", "seal", 1, 20, 31),
  r("setagaya", 900012, "card_revoked", "residence", 4, 7, 55),
  r("setagaya", 900013, "seal_not_registered", "seal", 2, 12, 20),
  r("setagaya", 900013, "seal_not_registered", "seal", 2, 12, 21, "issuance"),
  r("setagaya", 900014, "tax_record_missing", "tax_income", 5, 15, 2),
  r("setagaya", null, "card_unknown", "residence", 3, 21, 48),
  r("matsumoto", 900001, "resident_adult_ward", "residence", 2, 10, 15),
  r("matsumoto", 900001, "resident_adult_ward", "seal", 2, 10, 15),
  r("obuse", 900001, "name_too_long", "residence", 6, 13, 30),
];

/** Store identifiers as the centre names them; not one of the history's stores (a demo marker). */
const STORE = { storeChain: "seven-eleven", storeCode: "DEMO-0001", terminalId: "DEMO-T1" } as const;

/**
 * The refusal rows, given the municipality ids and a lookup of a demo card's resident id (the cardholder,
 * resident of the same municipality). `today` is the seed's JST day; every refusal lies before it.
 */
export function demoRefusalRows(plan: SeedPlan, today: Ymd, muniId: Record<MuniKey, string>, residentIdOf: (muni: MuniKey, serial: string) => string | null): Prisma.RefusalCreateManyInput[] {
  const bySerial = new Set(plan.residents.flatMap((x) => (x.demo ? [x.demo.serial] : [])));
  return DEMO_REFUSALS.map((x) => {
    const serial = x.card === null ? null : cardSerial(x.muni, x.card);
    if (serial !== null && !bySerial.has(serial)) throw new Error(`demo refusal for an unknown demo card ${serial} (${MUNICIPALITIES[x.muni].code})`);
    return {
      municipalityId: muniId[x.muni],
      source: x.source,
      reason: x.reason,
      certificateType: x.certificateType,
      refusedAt: jst(addDays(today, -x.daysAgo), x.hour, x.minute),
      ...STORE,
      residentId: serial === null ? null : residentIdOf(x.muni, serial),
    };
  });
}
