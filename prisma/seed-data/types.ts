// In-memory shape of the demo data before it is written. Pure data: no ids from the database, no ciphers.
import type { Ymd } from "./dates";
import type { MuniKey } from "./places";

export type Sex = "male" | "female";

/** Someone who appears in the demo: a resident, a 戸籍 member, or both. */
export type Person = {
  key: string;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  sex: Sex;
  dob: Ymd;
  birthplace: string;
  birthNotifiedOn: Ymd;
  birthNotifier: "父" | "母";
  fatherName: string | null;
  motherName: string | null;
  /** 続柄 to the parents as the 戸籍 prints it (長男, 二女 …); set when the parents' register is built. */
  kosekiRelationship: string;
  /** Where the person's previous 戸籍 was (婚姻: 従前戸籍), as "本籍 筆頭者". */
  originKoseki: string | null;
  marriage: { on: Ymd; spouseName: string; newHonseki: string; surnameOf: "夫" | "妻" } | null;
  divorce: { on: Ymd; spouseName: string } | null;
  adoption: { on: Ymd; adoptiveFather: string; adoptiveMother: string } | null;
  /** 入籍 into a parent's register (e.g. 母の氏を称する入籍 after a divorce). */
  entry: { on: Ymd; reason: string; from: string } | null;
  deceasedOn: Ymd | null;
  /** Further 身分事項 printed after the generated ones (second marriage, adoption as a parent …). */
  extraEvents: ExtraEvent[];
  /** Address history for the 附票 of a non-resident; residents use their resident dates. */
  addresses: AddressLine[];
  resident: ResidentPlan | null;
};

/** One address of a person's history, as a 附票 line. */
export type AddressLine = {
  address: string;
  since: Ymd;
  /** The 附票 feed's 支援措置 flag on this line (FuhyoEntry.supportMeasure). */
  supportMeasure?: boolean;
};

export type ResidentPlan = {
  muni: MuniKey;
  residentNo: string;
  household: HouseholdPlan;
  person: Person;
  isHouseholdHead: boolean;
  relationship: string;
  alias: string | null;
  nationality: string | null;
  residenceCardNo: string | null;
  residenceStatus: string | null;
  residencePeriodEnd: Ymd | null;
  honseki: string | null;
  kosekiHeadName: string | null;
  becameResidentOn: Ymd;
  addressSetOn: Ymd;
  addressSetReason: string;
  notifiedOn: Ymd;
  previousAddress: string | null;
  /** Plaintext only in memory; the seed encrypts it before anything is written. */
  myNumber: string;
  status: "active" | "moved_out" | "deceased";
  movedOutOn: Ymd | null;
  moveOutPlannedOn: Ymd | null;
  deceasedOn: Ymd | null;
  gaijiPending: boolean;
  adultWard: boolean;
  /** Demo role: fixed card serial and what a kiosk request should produce. */
  demo: DemoRole | null;
  card: CardPlan | null;
  extraCards: CardPlan[];
  noTaxRecord: boolean;
  /** A tax record for the year of moving in, flagged not resident on 1 January. */
  taxNotResidentOnJan1Year: number | null;
  sealPlan: "auto" | "active" | "abolished_only" | "none";
  supportMeasure: boolean;
};

export type HouseholdPlan = {
  muni: MuniKey;
  householdNo: string;
  address: string;
  kind: string;
  members: ResidentPlan[];
};

export type CardPlan = {
  serial: string;
  kind: "card" | "smartphone";
  status: "active" | "suspended" | "revoked";
  cardIssuedOn: Ymd;
  validFrom: Ymd;
  /** Last day of validity (JST). */
  validUntil: Ymd;
  revokedOn: Ymd | null;
  pinChangedOn: Ymd | null;
};

export type DemoRole = {
  serial: string;
  kind: "refusal" | "showcase";
  title: string;
  expectation: string;
};

export type KosekiEventField = { label: string; value: string; type?: "date" | "text" };

export type ExtraEvent = { kind: string; date: Ymd; fields: KosekiEventField[] };

/** One 戸籍 (a register unit): 筆頭者, spouse, children in order. */
export type Family = {
  key: string;
  honseki: string;
  head: Person;
  spouse: Person | null;
  /** Further spouses after the first (a 後妻): listed after the children of the first marriage. */
  laterSpouse: Person | null;
  children: Person[];
  formedOn: Ymd;
  formedBy: "婚姻" | "離婚" | "転籍" | "改製";
  kind: "current" | "joseki" | "kaisei_genkoseki";
  pendingFiling: boolean;
  /** 転籍: previous or new 本籍 and the date. */
  transfer: { on: Ymd; from?: string; to?: string } | null;
  /** 改製 date (平成改製) for a computerized register made from a paper one, or for its 改製原戸籍. */
  kaiseiOn: Ymd | null;
  /** A register closed at this date (除籍 by 転籍, 改製原戸籍 by 改製): members are as they were then. */
  closedOn: Ymd | null;
};
