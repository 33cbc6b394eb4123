// Builds the demo residents, their households and their 戸籍 units (families). Deterministic: every draw
// comes from a Prng stream, and ages are fixed relative to REF (not to the day the seed runs), so two fresh
// seeds produce the same people. Only the few "today" examples (moved in today …) depend on the run date.
import { myNumberCheckDigit } from "../../lib/my-number";
import { addDays, addYears, ageOn, maxDate, minDate, randomDate, type Ymd } from "./dates";
import { FAMILY_NAMES, NAGANO_FAMILY_NAMES, fullName, givenNamePool, kosekiChildRelationship, type NamePair } from "./names";
import {
  MUNICIPALITIES,
  muniAddress,
  muniHonseki,
  otherAddress,
  otherBirthplace,
  otherHonseki,
  type MuniKey,
} from "./places";
import type { Prng } from "./prng";
import type { Family, HouseholdPlan, Person, ResidentPlan, Sex } from "./types";

/** Ages in the household templates are ages on this day. */
export const REF: Ymd = "2026-04-01";
/** Random past events (moves, marriages, births) end here; later dates are set explicitly. */
export const HISTORY_END: Ymd = "2026-03-31";
/** 平成改製 (computerization of the paper 戸籍) per municipality — fictional dates. */
export const KAISEI_DATE: Record<MuniKey, Ymd> = {
  setagaya: "2003-02-24",
  matsumoto: "2004-10-01",
  obuse: "2006-03-01",
};

export type HonsekiChoice = MuniKey | "elsewhere";

export class World {
  readonly households: HouseholdPlan[] = [];
  readonly families: Family[] = [];
  private readonly myNumbers = new Set<string>();
  private readonly residentSeq: Record<MuniKey, number> = { setagaya: 0, matsumoto: 0, obuse: 0 };
  private readonly householdSeq: Record<MuniKey, number> = { setagaya: 0, matsumoto: 0, obuse: 0 };
  private personSeq = 0;

  constructor(readonly today: Ymd) {}

  residents(muni?: MuniKey): ResidentPlan[] {
    return this.households.filter((h) => !muni || h.muni === muni).flatMap((h) => h.members);
  }

  private readonly names = new Set<string>();

  nameTaken(family: string, given: string): boolean {
    return this.names.has(`${family} ${given}`);
  }

  takeName(family: string, given: string): void {
    this.names.add(`${family} ${given}`);
  }

  nextPersonKey(): string {
    this.personSeq += 1;
    return `p${this.personSeq}`;
  }

  newMyNumber(rng: Prng): string {
    for (;;) {
      const first11 = String(rng.int(1, 9)) + rng.digits(10);
      const n = first11 + String(myNumberCheckDigit(first11));
      if (!this.myNumbers.has(n)) {
        this.myNumbers.add(n);
        return n;
      }
    }
  }

  newHousehold(muni: MuniKey, address: string, kind: string): HouseholdPlan {
    this.householdSeq[muni] += 1;
    const hh: HouseholdPlan = {
      muni,
      householdNo: String(this.householdSeq[muni]).padStart(7, "0"),
      address,
      kind,
      members: [],
    };
    this.households.push(hh);
    return hh;
  }

  nextResidentNo(muni: MuniKey): string {
    this.residentSeq[muni] += 1;
    return String(this.residentSeq[muni]).padStart(8, "0");
  }
}

// ───────────────────────────── people ─────────────────────────────

export function familyNamePool(muni: MuniKey): readonly NamePair[] {
  return muni === "setagaya" ? FAMILY_NAMES : [...FAMILY_NAMES, ...NAGANO_FAMILY_NAMES, ...NAGANO_FAMILY_NAMES];
}

export function pickFamilyName(rng: Prng, muni: MuniKey, avoid: readonly string[] = []): NamePair {
  const pool = familyNamePool(muni).filter(([k]) => !avoid.includes(k));
  return rng.pick(pool);
}

export function pickGiven(rng: Prng, sex: Sex, year: number, avoid: readonly string[] = []): NamePair {
  const pool = givenNamePool(sex, year).filter(([k]) => !avoid.includes(k));
  return rng.pick(pool);
}

/** A birth date giving age `age` on REF. */
export function dobForAge(rng: Prng, age: number): Ymd {
  return addDays(addYears(REF, -age), -rng.int(0, 364));
}

export function newPerson(
  w: World,
  rng: Prng,
  o: {
    family: NamePair;
    given?: NamePair;
    sex: Sex;
    dob: Ymd;
    birthplace: string;
    fatherName?: string | null;
    motherName?: string | null;
    avoidGiven?: readonly string[];
  },
): Person {
  // Full names stay unique across the demo so that a name on a screen points at one person.
  let given = o.given ?? pickGiven(rng, o.sex, Number(o.dob.slice(0, 4)), o.avoidGiven);
  for (let i = 0; !o.given && i < 20 && w.nameTaken(o.family[0], given[0]); i++) given = pickGiven(rng, o.sex, Number(o.dob.slice(0, 4)), o.avoidGiven);
  w.takeName(o.family[0], given[0]);
  return {
    key: w.nextPersonKey(),
    familyName: o.family[0],
    familyNameKana: o.family[1],
    givenName: given[0],
    givenNameKana: given[1],
    sex: o.sex,
    dob: o.dob,
    birthplace: o.birthplace,
    birthNotifiedOn: addDays(o.dob, rng.int(3, 13)),
    birthNotifier: rng.chance(0.75) ? "父" : "母",
    fatherName: o.fatherName ?? null,
    motherName: o.motherName ?? null,
    kosekiRelationship: o.sex === "male" ? rng.weighted([["長男", 5], ["二男", 3], ["三男", 1]]) : rng.weighted([["長女", 5], ["二女", 3], ["三女", 1]]),
    originKoseki: null,
    marriage: null,
    divorce: null,
    adoption: null,
    entry: null,
    deceasedOn: null,
    extraEvents: [],
    addresses: [],
    resident: null,
  };
}

export function nameOf(p: Person): string {
  return fullName(p.familyName, p.givenName);
}

/** Parents' names for someone whose parents are not modelled: same family name, older given names. */
function parentNames(w: World, rng: Prng, family: NamePair, dob: Ymd): { fatherName: string; motherName: string } {
  const y = Number(dob.slice(0, 4)) - 28;
  const unique = (sex: Sex) => {
    let g = pickGiven(rng, sex, y);
    for (let i = 0; i < 20 && w.nameTaken(family[0], g[0]); i++) g = pickGiven(rng, sex, y);
    w.takeName(family[0], g[0]);
    return fullName(family[0], g[0]);
  };
  return { fatherName: unique("male"), motherName: unique("female") };
}

/** An adult whose parents are not modelled (born `age` years before REF). */
export function newAdult(w: World, rng: Prng, muni: MuniKey, o: { family: NamePair; sex: Sex; age: number; avoidGiven?: readonly string[] }): Person {
  const dob = dobForAge(rng, o.age);
  const birthplace = rng.chance(0.35) ? MUNICIPALITIES[muni].birthplace : otherBirthplace(rng);
  return newPerson(w, rng, { family: o.family, sex: o.sex, dob, birthplace, ...parentNames(w, rng, o.family, dob), avoidGiven: o.avoidGiven });
}

export function honsekiFor(rng: Prng, choice: HonsekiChoice): string {
  return choice === "elsewhere" ? otherHonseki(rng) : muniHonseki(choice, rng);
}

/** Where a household of `muni` keeps its 本籍 (about 30 % of 世田谷区 in 松本市 or 小布施町). */
export function randomHonsekiChoice(rng: Prng, muni: MuniKey): HonsekiChoice {
  switch (muni) {
    case "setagaya":
      return rng.weighted<HonsekiChoice>([["matsumoto", 24], ["obuse", 13], ["elsewhere", 7], ["setagaya", 56]]);
    case "matsumoto":
      return rng.weighted<HonsekiChoice>([["setagaya", 10], ["obuse", 5], ["elsewhere", 7], ["matsumoto", 78]]);
    case "obuse":
      return rng.weighted<HonsekiChoice>([["matsumoto", 8], ["elsewhere", 6], ["obuse", 86]]);
  }
}

// ───────────────────────────── families (戸籍 units) ─────────────────────────────

export function newFamily(
  w: World,
  o: Pick<Family, "honseki" | "head" | "formedOn" | "formedBy"> & Partial<Family>,
): Family {
  const f: Family = {
    key: `f${w.families.length + 1}`,
    spouse: null,
    laterSpouse: null,
    children: [],
    kind: "current",
    pendingFiling: false,
    transfer: null,
    kaiseiOn: null,
    closedOn: null,
    ...o,
  };
  w.families.push(f);
  return f;
}

/** Marries `husband` and `wife` (the wife takes the husband's name) and makes their 戸籍. */
export function marry(
  w: World,
  rng: Prng,
  o: { husband: Person; wife: Person; wifeMaiden: NamePair; on: Ymd; honseki: string; husbandOrigin: string; wifeOrigin?: string },
): Family {
  const { husband, wife } = o;
  const wifeMaidenName = fullName(o.wifeMaiden[0], wife.givenName);
  husband.originKoseki = o.husbandOrigin;
  wife.originKoseki = o.wifeOrigin ?? `${otherHonseki(rng)} ${wife.fatherName ?? ""}`.trim();
  husband.marriage = { on: o.on, spouseName: wifeMaidenName, newHonseki: o.honseki, surnameOf: "夫" };
  wife.marriage = { on: o.on, spouseName: nameOf(husband), newHonseki: o.honseki, surnameOf: "夫" };
  return newFamily(w, { honseki: o.honseki, head: husband, spouse: wife, formedOn: o.on, formedBy: "婚姻" });
}

/** A married wife: current family name of the husband, parents under her maiden name. */
export function newWife(w: World, rng: Prng, muni: MuniKey, o: { husbandFamily: NamePair; age: number; avoidGiven?: readonly string[] }): { wife: Person; maiden: NamePair } {
  const maiden = pickFamilyName(rng, muni, [o.husbandFamily[0]]);
  const dob = dobForAge(rng, o.age);
  const birthplace = rng.chance(0.35) ? MUNICIPALITIES[muni].birthplace : otherBirthplace(rng);
  const wife = newPerson(w, rng, { family: o.husbandFamily, sex: "female", dob, birthplace, ...parentNames(w, rng, maiden, dob), avoidGiven: o.avoidGiven });
  return { wife, maiden };
}

/** A child of the family's 筆頭者 and spouse (or of `mother` for a second marriage). */
export function bearChild(w: World, rng: Prng, f: Family, o: { dob: Ymd; sex?: Sex; birthplace: string; mother?: Person; given?: NamePair }): Person {
  const mother = o.mother ?? f.spouse ?? f.head;
  const father = f.head.sex === "male" ? f.head : null;
  const sex = o.sex ?? (rng.chance(0.5) ? "male" : "female");
  const siblings = f.children.map((c) => c.givenName);
  const child = newPerson(w, rng, {
    family: [f.head.familyName, f.head.familyNameKana],
    given: o.given,
    sex,
    dob: o.dob,
    birthplace: o.birthplace,
    fatherName: father ? nameOf(father) : null,
    motherName: nameOf(mother),
    avoidGiven: [...siblings, f.head.givenName, mother.givenName],
  });
  f.children.push(child);
  return child;
}

/** Children born between `from` and HISTORY_END, 1.5–4 years apart, while the mother is at most 43. */
export function bearChildren(w: World, rng: Prng, f: Family, count: number, from: Ymd, birthplace: string): Person[] {
  const mother = f.spouse ?? f.head;
  const out: Person[] = [];
  let d = from;
  for (let i = 0; i < count; i++) {
    if (d > HISTORY_END || ageOn(mother.dob, d) > 43) break;
    out.push(bearChild(w, rng, f, { dob: d, birthplace }));
    d = addDays(d, rng.int(540, 1460));
  }
  return out;
}

/** Sets 長男/二女 … on the children of a family, counted per (father, mother) pair as the 戸籍 does. */
export function assignChildRelationships(f: Family): void {
  const counters = new Map<string, number>();
  for (const c of [...f.children].sort((a, b) => (a.dob < b.dob ? -1 : 1))) {
    if (c.adoption) {
      c.kosekiRelationship = c.sex === "male" ? "養子" : "養女";
      continue;
    }
    const k = `${c.fatherName}|${c.motherName}|${c.sex}`;
    const n = (counters.get(k) ?? 0) + 1;
    counters.set(k, n);
    c.kosekiRelationship = kosekiChildRelationship(c.sex, n);
  }
}

/** An adult child who lives elsewhere: married out (removed from the register) or single. */
export function sendAway(rng: Prng, child: Person, o: { marryAfterAge?: number } = {}): void {
  const at = o.marryAfterAge ?? 26;
  const earliest = addYears(child.dob, at);
  if (earliest < HISTORY_END && rng.chance(0.7)) {
    const on = randomDate(rng, earliest, minDate(addYears(child.dob, at + 10), HISTORY_END));
    const spouseFamily = rng.pick(FAMILY_NAMES.filter(([k]) => k !== child.familyName));
    const spouseGiven = pickGiven(rng, child.sex === "male" ? "female" : "male", Number(child.dob.slice(0, 4)));
    // Both a son and a daughter leave the parents' register on marriage; the couple takes the husband's name.
    child.marriage = { on, spouseName: fullName(spouseFamily[0], spouseGiven[0]), newHonseki: otherHonseki(rng), surnameOf: "夫" };
  }
  child.addresses = [{ address: otherAddress(rng), since: addYears(child.dob, rng.int(18, 24)) }];
}

// ───────────────────────────── residents ─────────────────────────────

export type Settlement = {
  becameResidentOn: Ymd;
  addressSetOn: Ymd;
  addressSetReason: string;
  notifiedOn: Ymd;
  previousAddress: string | null;
  /** Since when the previous address was held (for the 附票). */
  previousSince: Ymd | null;
  /** Before a 転居, the address held on moving in from elsewhere, and since when. */
  arrivalFrom: string | null;
  arrivalSince: Ymd | null;
};

/** A household's move into `muni` between the two dates; sometimes followed by a move within the town. */
export function settle(rng: Prng, muni: MuniKey, from: Ymd, to: Ymd, o: { previousAddress?: string; allowRelocation?: boolean } = {}): Settlement {
  const moveIn = randomDate(rng, from, to);
  const relocate = (o.allowRelocation ?? true) && rng.chance(0.25) && addDays(moveIn, 200) < to;
  if (relocate) {
    const addressSetOn = randomDate(rng, addDays(moveIn, 200), to);
    return {
      becameResidentOn: moveIn,
      addressSetOn,
      addressSetReason: "転居",
      notifiedOn: minDate(addDays(addressSetOn, rng.int(0, 13)), maxDate(to, addressSetOn)),
      previousAddress: muniAddress(muni, rng),
      previousSince: moveIn,
      arrivalFrom: o.previousAddress ?? otherAddress(rng),
      arrivalSince: addDays(moveIn, -rng.int(400, 2500)),
    };
  }
  return {
    becameResidentOn: moveIn,
    addressSetOn: moveIn,
    addressSetReason: "転入",
    // Never after `to` (a move-in "today" was notified today).
    notifiedOn: minDate(addDays(moveIn, rng.int(0, 13)), to),
    previousAddress: o.previousAddress ?? otherAddress(rng),
    previousSince: addDays(moveIn, -rng.int(400, 3000)),
    arrivalFrom: null,
    arrivalSince: null,
  };
}

/** Adds `person` to the household; a child born after the move is registered by 出生. */
export function addResident(
  w: World,
  rng: Prng,
  hh: HouseholdPlan,
  person: Person,
  o: { relationship: string; isHead?: boolean; settlement: Settlement; honseki?: string | null; kosekiHeadName?: string | null },
): ResidentPlan {
  const s = o.settlement;
  let r: Pick<ResidentPlan, "becameResidentOn" | "addressSetOn" | "addressSetReason" | "notifiedOn" | "previousAddress">;
  const history: { address: string; since: Ymd }[] = [];
  if (person.dob >= s.addressSetOn) {
    r = { becameResidentOn: person.dob, addressSetOn: person.dob, addressSetReason: "出生", notifiedOn: person.birthNotifiedOn, previousAddress: null };
  } else if (person.dob >= s.becameResidentOn) {
    // Born here, then the household moved within the town.
    r = { becameResidentOn: person.dob, addressSetOn: s.addressSetOn, addressSetReason: s.addressSetReason, notifiedOn: s.notifiedOn, previousAddress: s.previousAddress };
    history.push({ address: s.previousAddress!, since: person.dob });
  } else {
    r = { becameResidentOn: s.becameResidentOn, addressSetOn: s.addressSetOn, addressSetReason: s.addressSetReason, notifiedOn: s.notifiedOn, previousAddress: s.previousAddress };
    if (s.arrivalFrom) {
      history.push({ address: s.arrivalFrom, since: maxDate(person.dob, s.arrivalSince ?? s.becameResidentOn) });
      history.push({ address: s.previousAddress!, since: s.becameResidentOn });
    } else if (s.previousAddress) {
      history.push({ address: s.previousAddress, since: maxDate(person.dob, s.previousSince ?? s.becameResidentOn) });
    }
  }
  history.push({ address: hh.address, since: r.addressSetOn });
  person.addresses = history.slice(-3);
  const resident: ResidentPlan = {
    muni: hh.muni,
    residentNo: w.nextResidentNo(hh.muni),
    household: hh,
    person,
    isHouseholdHead: o.isHead ?? false,
    relationship: o.relationship,
    alias: null,
    nationality: null,
    residenceCardNo: null,
    residenceStatus: null,
    residencePeriodEnd: null,
    honseki: o.honseki ?? null,
    kosekiHeadName: o.kosekiHeadName ?? null,
    ...r,
    myNumber: w.newMyNumber(rng),
    status: "active",
    movedOutOn: null,
    moveOutPlannedOn: null,
    deceasedOn: null,
    gaijiPending: false,
    adultWard: false,
    demo: null,
    card: null,
    extraCards: [],
    noTaxRecord: false,
    taxNotResidentOnJan1Year: null,
    sealPlan: "auto",
    supportMeasure: false,
  };
  person.resident = resident;
  hh.members.push(resident);
  return resident;
}

/** Sets 本籍 and 筆頭者 on every resident listed (not removed) in the family's register. */
export function linkHonseki(f: Family): void {
  for (const p of [f.head, f.spouse, f.laterSpouse, ...f.children]) {
    if (p?.resident && !isRemoved(f, p)) {
      p.resident.honseki = f.honseki;
      p.resident.kosekiHeadName = nameOf(f.head);
    }
  }
}

/** Removed from this register (除籍): married out as a child, or dead. */
export function isRemoved(f: Family, p: Person, asOf?: Ymd): boolean {
  const limit = asOf ?? "9999-12-31";
  if (p.deceasedOn && p.deceasedOn <= limit) return true;
  const isChild = f.children.includes(p);
  return isChild && !!p.marriage && p.marriage.on <= limit;
}
