// Household templates: each makes the residents of one household and the 戸籍 units they belong to.
// Options let the fixed demo households pin ages, 本籍 and family names; the rest comes from the stream.
import { addDays, addYears, ageOn, maxDate, minDate, randomDate, type Ymd } from "./dates";
import type { NamePair } from "./names";
import { MUNICIPALITIES, muniAddress, otherAddress, otherBirthplace, otherHonseki, type MuniKey } from "./places";
import {
  HISTORY_END,
  REF,
  addResident,
  assignChildRelationships,
  bearChild,
  bearChildren,
  dobForAge,
  honsekiFor,
  linkHonseki,
  marry,
  nameOf,
  newAdult,
  newFamily,
  newPerson,
  newWife,
  pickFamilyName,
  randomHonsekiChoice,
  sendAway,
  settle,
  type HonsekiChoice,
  type World,
} from "./population";
import type { Prng } from "./prng";
import type { Family, HouseholdPlan, Person, ResidentPlan } from "./types";

export type HouseholdKind =
  | "single_young"
  | "single_elderly"
  | "couple"
  | "older_couple"
  | "couple_kids"
  | "three_gen"
  | "single_parent"
  | "elderly_couple";

export type HouseholdOptions = {
  honseki?: HonsekiChoice;
  family?: NamePair;
  headAge?: number;
  wifeAge?: number;
  /** Ages on REF of the children living at home. */
  kidAges?: number[];
  kids?: number;
  sex?: "male" | "female";
  /** Move-in window (default: a plausible one for the template). */
  moveIn?: { from: Ymd; to: Ymd };
  previousAddress?: string;
};

export type Built = { household: HouseholdPlan; families: Family[]; residents: ResidentPlan[] };

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

function birthplaceFor(muni: MuniKey, rng: Prng, dob: Ymd, movedInOn: Ymd): string {
  return dob >= movedInOn ? MUNICIPALITIES[muni].birthplace : otherBirthplace(rng);
}

/** A married couple (husband 筆頭者) with `kidAges` or `kids` children, some grown and gone. */
function coupleHousehold(w: World, rng: Prng, muni: MuniKey, kind: HouseholdKind, o: HouseholdOptions, ranges: { head: [number, number]; kids: [number, number]; awayChance: number }): Built {
  const family = o.family ?? pickFamilyName(rng, muni);
  const headAge = o.headAge ?? rng.int(...ranges.head);
  const husband = newAdult(w, rng, muni, { family, sex: "male", age: headAge });
  const { wife, maiden } = newWife(w, rng, muni, { husbandFamily: family, age: o.wifeAge ?? clamp(headAge + rng.int(-6, 3), 24, 95), avoidGiven: [husband.givenName] });
  const kidDobs = o.kidAges?.map((a) => dobForAge(rng, a)).sort();
  const earliest = maxDate(addYears(wife.dob, 22), addYears(husband.dob, 23));
  const latest = kidDobs?.length ? addDays(kidDobs[0], -rng.int(250, 900)) : minDate(addYears(wife.dob, 34), addDays(HISTORY_END, -200));
  const marriedOn = latest <= earliest ? latest : randomDate(rng, earliest, latest);
  const honseki = honsekiFor(rng, o.honseki ?? randomHonsekiChoice(rng, muni));
  const f = marry(w, rng, {
    husband,
    wife,
    wifeMaiden: maiden,
    on: marriedOn,
    honseki,
    husbandOrigin: `${rng.chance(0.5) ? honseki : otherHonseki(rng)} ${husband.fatherName}`,
  });
  const kids = kidDobs
    ? kidDobs.map((dob) => bearChild(w, rng, f, { dob, birthplace: "" }))
    : bearChildren(w, rng, f, o.kids ?? rng.int(...ranges.kids), addDays(marriedOn, rng.int(300, 1100)), "");
  const moveIn = o.moveIn ?? { from: addDays(marriedOn, -200), to: addDays(HISTORY_END, -60) };
  const s = settle(rng, muni, maxDate(moveIn.from, addYears(wife.dob, 20)), moveIn.to, { previousAddress: o.previousAddress });
  for (const k of kids) k.birthplace = birthplaceFor(muni, rng, k.dob, s.becameResidentOn);
  const home = kids.filter((k) => (o.kidAges ? true : ageOn(k.dob, REF) < 22 || !rng.chance(ranges.awayChance)));
  for (const k of kids) if (!home.includes(k)) sendAway(rng, k);
  assignChildRelationships(f);
  const hh = w.newHousehold(muni, muniAddress(muni, rng), kind);
  addResident(w, rng, hh, husband, { relationship: "世帯主", isHead: true, settlement: s });
  addResident(w, rng, hh, wife, { relationship: "妻", settlement: s });
  for (const k of home) addResident(w, rng, hh, k, { relationship: "子", settlement: s });
  linkHonseki(f);
  return { household: hh, families: [f], residents: hh.members };
}

export function coupleKids(w: World, rng: Prng, muni: MuniKey, o: HouseholdOptions = {}): Built {
  return coupleHousehold(w, rng, muni, "couple_kids", o, { head: [30, 55], kids: [1, 3], awayChance: 0.5 });
}

export function youngCouple(w: World, rng: Prng, muni: MuniKey, o: HouseholdOptions = {}): Built {
  return coupleHousehold(w, rng, muni, "couple", { kids: 0, ...o }, { head: [26, 40], kids: [0, 0], awayChance: 0 });
}

export function olderCouple(w: World, rng: Prng, muni: MuniKey, o: HouseholdOptions = {}): Built {
  return coupleHousehold(w, rng, muni, "older_couple", o, { head: [55, 69], kids: [1, 3], awayChance: 1 });
}

export function elderlyCouple(w: World, rng: Prng, muni: MuniKey, o: HouseholdOptions = {}): Built {
  return coupleHousehold(w, rng, muni, "elderly_couple", o, { head: [70, 88], kids: [1, 3], awayChance: 1 });
}

/** A young adult living alone, still in the parents' 戸籍 (parents live elsewhere). */
export function singleYoung(w: World, rng: Prng, muni: MuniKey, o: HouseholdOptions = {}): Built {
  const family = o.family ?? pickFamilyName(rng, muni);
  const sex = o.sex ?? (rng.chance(0.5) ? "male" : "female");
  const age = o.headAge ?? rng.int(19, 34);
  const dob = dobForAge(rng, age);
  const fatherAge = age + rng.int(25, 34);
  const father = newAdult(w, rng, muni, { family, sex: "male", age: fatherAge });
  const { wife: mother, maiden } = newWife(w, rng, muni, { husbandFamily: family, age: clamp(fatherAge + rng.int(-5, 2), age + 22, 99), avoidGiven: [father.givenName] });
  const honseki = honsekiFor(rng, o.honseki ?? randomHonsekiChoice(rng, muni));
  const parentsMarried = randomDate(rng, maxDate(addYears(mother.dob, 20), addYears(father.dob, 22)), maxDate(addDays(dob, -300), addYears(mother.dob, 20)));
  const f = marry(w, rng, { husband: father, wife: mother, wifeMaiden: maiden, on: parentsMarried, honseki, husbandOrigin: `${honseki} ${father.fatherName}` });
  const parentsAddress = o.previousAddress ?? otherAddress(rng);
  father.addresses = [{ address: parentsAddress, since: parentsMarried }];
  mother.addresses = [{ address: parentsAddress, since: parentsMarried }];
  const me = bearChild(w, rng, f, { dob, sex, birthplace: otherBirthplace(rng) });
  for (let i = rng.int(0, 2); i > 0; i--) {
    const sib = bearChild(w, rng, f, { dob: randomDate(rng, addDays(parentsMarried, 300), minDate(addYears(parentsMarried, 14), HISTORY_END)), birthplace: otherBirthplace(rng) });
    if (ageOn(sib.dob, REF) >= 22 && rng.chance(0.6)) sendAway(rng, sib);
    else sib.addresses = [{ address: parentsAddress, since: sib.dob }];
  }
  assignChildRelationships(f);
  const moveIn = o.moveIn ?? { from: addYears(dob, 18), to: addDays(HISTORY_END, -30) };
  const s = settle(rng, muni, moveIn.from, moveIn.to, { previousAddress: parentsAddress });
  const hh = w.newHousehold(muni, muniAddress(muni, rng), "single_young");
  addResident(w, rng, hh, me, { relationship: "世帯主", isHead: true, settlement: s });
  linkHonseki(f);
  return { household: hh, families: [f], residents: hh.members };
}

/** A widow or widower living alone; the spouse is in the register as deceased, children have married out. */
export function singleElderly(w: World, rng: Prng, muni: MuniKey, o: HouseholdOptions = {}): Built {
  const family = o.family ?? pickFamilyName(rng, muni);
  const widow = o.sex ? o.sex === "female" : rng.chance(0.6);
  const age = o.headAge ?? rng.int(72, 92);
  const husbandAge = widow ? age + rng.int(0, 5) : age;
  const husband = newAdult(w, rng, muni, { family, sex: "male", age: husbandAge });
  const { wife, maiden } = newWife(w, rng, muni, { husbandFamily: family, age: widow ? age : clamp(age + rng.int(-5, 1), 60, 99), avoidGiven: [husband.givenName] });
  const honseki = honsekiFor(rng, o.honseki ?? randomHonsekiChoice(rng, muni));
  const marriedOn = randomDate(rng, maxDate(addYears(wife.dob, 20), addYears(husband.dob, 22)), addYears(wife.dob, 28));
  const f = marry(w, rng, { husband, wife, wifeMaiden: maiden, on: marriedOn, honseki, husbandOrigin: `${honseki} ${husband.fatherName}` });
  const kids = bearChildren(w, rng, f, rng.int(1, 3), addDays(marriedOn, rng.int(300, 900)), "");
  for (const k of kids) {
    k.birthplace = otherBirthplace(rng);
    sendAway(rng, k);
  }
  assignChildRelationships(f);
  const survivor = widow ? wife : husband;
  const deceased = widow ? husband : wife;
  deceased.deceasedOn = randomDate(rng, maxDate("2005-01-01", addYears(deceased.dob, 60)), "2025-12-31");
  const s = settle(rng, muni, o.moveIn?.from ?? maxDate(marriedOn, "1975-01-01"), o.moveIn?.to ?? addDays(deceased.deceasedOn, -30), { previousAddress: o.previousAddress });
  const hh = w.newHousehold(muni, muniAddress(muni, rng), "single_elderly");
  addResident(w, rng, hh, survivor, { relationship: "世帯主", isHead: true, settlement: s });
  linkHonseki(f);
  return { household: hh, families: [f], residents: hh.members };
}

/** A divorced mother who returned to her maiden name; her children entered her new register (入籍). */
export function singleParent(w: World, rng: Prng, muni: MuniKey, o: HouseholdOptions = {}): Built {
  const family = o.family ?? pickFamilyName(rng, muni);
  const age = o.headAge ?? rng.int(30, 48);
  const mother = newAdult(w, rng, muni, { family, sex: "female", age });
  const exFamily = pickFamilyName(rng, muni, [family[0]]);
  const ex = newAdult(w, rng, muni, { family: exFamily, sex: "male", age: age + rng.int(-2, 5) });
  const exHonseki = otherHonseki(rng);
  const marriedLatest = minDate(addYears(mother.dob, 29), addYears(HISTORY_END, -4));
  const marriedOn = randomDate(rng, minDate(addYears(mother.dob, 23), marriedLatest), marriedLatest);
  const kidCount = o.kids ?? rng.int(1, 2);
  const kids: Person[] = [];
  let d = addDays(marriedOn, rng.int(300, 900));
  for (let i = 0; i < kidCount && d < addDays(HISTORY_END, -800); i++) {
    kids.push(newPerson(w, rng, { family, sex: rng.chance(0.5) ? "male" : "female", dob: d, birthplace: "", fatherName: nameOf(ex), motherName: nameOf(mother), avoidGiven: kids.map((k) => k.givenName) }));
    d = addDays(d, rng.int(600, 1400));
  }
  const lastBirth = kids.length ? kids[kids.length - 1].dob : marriedOn;
  const divorcedOn = randomDate(rng, addDays(lastBirth, 200), maxDate(addDays(lastBirth, 200), minDate(addYears(lastBirth, 6), addDays(HISTORY_END, -300))));
  const honseki = honsekiFor(rng, o.honseki ?? randomHonsekiChoice(rng, muni));
  mother.originKoseki = `${exHonseki} ${nameOf(ex)}`;
  mother.divorce = { on: divorcedOn, spouseName: nameOf(ex) };
  const f = newFamily(w, { honseki, head: mother, formedOn: divorcedOn, formedBy: "離婚" });
  for (const k of kids) {
    k.originKoseki = `${exHonseki} ${nameOf(ex)}`;
    k.entry = { on: addDays(divorcedOn, rng.int(20, 120)), reason: "母の氏を称する入籍", from: `${exHonseki} ${nameOf(ex)}` };
    f.children.push(k);
  }
  assignChildRelationships(f);
  const s = settle(rng, muni, o.moveIn?.from ?? addDays(marriedOn, -100), o.moveIn?.to ?? addDays(HISTORY_END, -60), { previousAddress: o.previousAddress });
  for (const k of kids) k.birthplace = birthplaceFor(muni, rng, k.dob, s.becameResidentOn);
  const hh = w.newHousehold(muni, muniAddress(muni, rng), "single_parent");
  addResident(w, rng, hh, mother, { relationship: "世帯主", isHead: true, settlement: s });
  for (const k of kids) addResident(w, rng, hh, k, { relationship: "子", settlement: s });
  linkHonseki(f);
  return { household: hh, families: [f], residents: hh.members };
}

/**
 * Three generations in the parents' house: the son (世帯主) was born here, his wife moved in on marriage,
 * their children were born here; his parents (父, 母) keep their own register, from which he was removed
 * by marriage. Both registers share the 本籍.
 */
export function threeGenerations(w: World, rng: Prng, muni: MuniKey, o: HouseholdOptions = {}): Built {
  const family = o.family ?? pickFamilyName(rng, muni);
  const headAge = o.headAge ?? rng.int(35, 52);
  const fatherAge = clamp(headAge + rng.int(26, 33), 0, 92);
  const father = newAdult(w, rng, muni, { family, sex: "male", age: fatherAge });
  const { wife: mother, maiden: motherMaiden } = newWife(w, rng, muni, { husbandFamily: family, age: clamp(fatherAge - rng.int(0, 4), headAge + 23, 95), avoidGiven: [father.givenName] });
  const honseki = honsekiFor(rng, o.honseki ?? (rng.chance(0.85) ? muni : randomHonsekiChoice(rng, muni)));
  const headDob = dobForAge(rng, headAge);
  const parentsMarried = randomDate(rng, maxDate(addYears(mother.dob, 20), addYears(father.dob, 22)), maxDate(addYears(mother.dob, 20), addDays(headDob, -300)));
  const parents = marry(w, rng, { husband: father, wife: mother, wifeMaiden: motherMaiden, on: parentsMarried, honseki, husbandOrigin: `${honseki} ${father.fatherName}` });
  const sParents = settle(rng, muni, parentsMarried, addDays(headDob, -30), { allowRelocation: false });
  const head = bearChild(w, rng, parents, { dob: headDob, sex: "male", birthplace: MUNICIPALITIES[muni].birthplace });
  for (let i = rng.int(0, 2); i > 0; i--) {
    const sib = bearChild(w, rng, parents, { dob: randomDate(rng, addDays(headDob, 500), addDays(headDob, 3000)), birthplace: MUNICIPALITIES[muni].birthplace });
    sendAway(rng, sib, { marryAfterAge: 24 });
  }
  assignChildRelationships(parents);
  const { wife, maiden } = newWife(w, rng, muni, { husbandFamily: family, age: o.wifeAge ?? clamp(headAge + rng.int(-5, 2), 26, 70), avoidGiven: [head.givenName, mother.givenName] });
  const kidDobs = o.kidAges?.map((a) => dobForAge(rng, a)).sort();
  const latest = kidDobs?.length ? addDays(kidDobs[0], -rng.int(250, 800)) : minDate(addYears(wife.dob, 32), addDays(HISTORY_END, -400));
  const marriedOn = randomDate(rng, minDate(latest, maxDate(addYears(wife.dob, 23), addYears(head.dob, 24))), latest);
  const own = marry(w, rng, { husband: head, wife, wifeMaiden: maiden, on: marriedOn, honseki, husbandOrigin: `${honseki} ${nameOf(father)}` });
  const kids = kidDobs
    ? kidDobs.map((dob) => bearChild(w, rng, own, { dob, birthplace: MUNICIPALITIES[muni].birthplace, mother: wife }))
    : bearChildren(w, rng, own, o.kids ?? rng.int(1, 2), addDays(marriedOn, rng.int(300, 900)), MUNICIPALITIES[muni].birthplace);
  assignChildRelationships(own);
  const sWife = settle(rng, muni, marriedOn, addDays(marriedOn, 40), { allowRelocation: false });
  const hh = w.newHousehold(muni, muniAddress(muni, rng), "three_gen");
  addResident(w, rng, hh, head, { relationship: "世帯主", isHead: true, settlement: sParents });
  addResident(w, rng, hh, wife, { relationship: "妻", settlement: sWife });
  for (const k of kids) addResident(w, rng, hh, k, { relationship: "子", settlement: sWife });
  addResident(w, rng, hh, father, { relationship: "父", settlement: sParents });
  addResident(w, rng, hh, mother, { relationship: "母", settlement: sParents });
  linkHonseki(parents);
  linkHonseki(own);
  return { household: hh, families: [parents, own], residents: hh.members };
}

export const GENERATORS: Record<HouseholdKind, (w: World, rng: Prng, muni: MuniKey, o?: HouseholdOptions) => Built> = {
  single_young: singleYoung,
  single_elderly: singleElderly,
  couple: youngCouple,
  older_couple: olderCouple,
  couple_kids: coupleKids,
  three_gen: threeGenerations,
  single_parent: singleParent,
  elderly_couple: elderlyCouple,
};

export const RANDOM_KIND_WEIGHTS: readonly (readonly [HouseholdKind, number])[] = [
  ["single_young", 18],
  ["single_elderly", 9],
  ["couple", 12],
  ["older_couple", 9],
  ["couple_kids", 32],
  ["three_gen", 7],
  ["single_parent", 6],
  ["elderly_couple", 7],
];

export function randomHousehold(w: World, rng: Prng, muni: MuniKey): Built {
  return GENERATORS[rng.weighted(RANDOM_KIND_WEIGHTS)](w, rng, muni);
}

