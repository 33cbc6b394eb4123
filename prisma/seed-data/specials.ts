// The fixed demo households: the people behind the documented demo cards (refusal examples and showcase
// residents), built first from their own PRNG streams so that their names never shift when the random
// filler changes. Households added later are built after the filler (buildLateSpecials), so that adding
// them shifts no one. docs/demo-data.md lists them.
import { addDays, type Ymd } from "./dates";
import {
  coupleKids,
  elderlyCouple,
  olderCouple,
  singleElderly,
  singleYoung,
  threeGenerations,
  youngCouple,
  type Built,
} from "./households";
import type { NamePair } from "./names";
import { MUNICIPALITIES, muniHonseki, otherAddress, type MuniKey } from "./places";
import { KAISEI_DATE, addResident, assignChildRelationships, linkHonseki, marry, newFamily, newPerson, type World } from "./population";
import { Prng } from "./prng";
import type { DemoRole, Family, HouseholdPlan, ResidentPlan, Sex } from "./types";

export function cardSerial(muni: MuniKey, n: number): string {
  return `JPKI-${MUNICIPALITIES[muni].code}-${String(n).padStart(6, "0")}`;
}

function role(r: ResidentPlan, n: number, kind: DemoRole["kind"], title: string, expectation: string): ResidentPlan {
  r.demo = { serial: cardSerial(r.muni, n), kind, title, expectation };
  return r;
}

const head = (b: Built) => b.household.members[0];
const byRelationship = (b: Built, rel: string) => b.household.members.filter((m) => m.relationship === rel);

// ───────────────────────────── foreign residents ─────────────────────────────

type ForeignDef = {
  family: string;
  given: string;
  familyKana: string;
  givenKana: string;
  sex: Sex;
  dob: Ymd;
  nationality: string;
  status: string;
  periodEnd: Ymd | null;
  alias?: string;
  movedIn: Ymd;
  /** A Japanese address, or the country for someone who came from abroad. */
  previousAddress: string;
};

function addForeign(w: World, rng: Prng, hh: HouseholdPlan, def: ForeignDef, relationship: string, isHead: boolean): ResidentPlan {
  const p = newPerson(w, rng, { family: [def.family, def.familyKana], given: [def.given, def.givenKana], sex: def.sex, dob: def.dob, birthplace: def.nationality });
  const fromAbroad = !def.previousAddress.includes("県") && !def.previousAddress.includes("都");
  const r = addResident(w, rng, hh, p, {
    relationship,
    isHead,
    settlement: {
      becameResidentOn: def.movedIn,
      addressSetOn: def.movedIn,
      addressSetReason: fromAbroad ? "国外から転入" : "転入",
      notifiedOn: addDays(def.movedIn, rng.int(0, 10)),
      previousAddress: def.previousAddress,
      previousSince: null,
      arrivalFrom: null,
      arrivalSince: null,
    },
  });
  r.nationality = def.nationality;
  r.residenceStatus = def.status;
  r.residencePeriodEnd = def.periodEnd;
  r.residenceCardNo = rng.letters(2) + rng.digits(8) + rng.letters(2);
  r.alias = def.alias ?? null;
  r.sealPlan = "none";
  return r;
}

function foreignHousehold(w: World, rng: Prng, muni: MuniKey, defs: ForeignDef[], relationships: string[]): ResidentPlan[] {
  const hh = w.newHousehold(muni, addressFor(muni, rng), "foreign");
  return defs.map((d, i) => addForeign(w, rng, hh, d, relationships[i], i === 0));
}

function addressFor(muni: MuniKey, rng: Prng): string {
  const m = MUNICIPALITIES[muni];
  const town = rng.pick(m.towns);
  return town.style === "chome" ? `${m.prefix}${town.name}${"一二三"[rng.int(0, 2)]}丁目${rng.int(1, 30)}番${rng.int(1, 25)}号` : `${m.prefix}大字${town.name}${rng.int(100, 3200)}番地`;
}

// ───────────────────────────── 世田谷区 ─────────────────────────────

function setagaya(w: World): void {
  const m: MuniKey = "setagaya";
  const s = (label: string) => new Prng(`setagaya/${label}`);
  const today = w.today;

  const family = coupleKids(w, s("family"), m, { honseki: "setagaya", headAge: 46, wifeAge: 44, kidAges: [17, 14, 12] });
  role(head(family), 1, "showcase", "Head of a household of five; 本籍 in 世田谷区", "Everything is offered: 住民票 (世帯全員 or chosen members, 個人番号 allowed), 記載事項証明書, 印鑑登録証明書, tax certificates for 令和7・8年度, and 戸籍全部/個人事項証明書 and 附票 of 世田谷区.").sealPlan = "active";
  const youngest = byRelationship(family, "子").at(-1)!;
  role(youngest, 900006, "refusal", "Child under 15 with an own card", "Refused for every type: under 15 (age).");

  const nguyen = foreignHousehold(w, s("nguyen"), m, [
    { family: "NGUYEN", given: "VAN AN", familyKana: "グエン", givenKana: "ヴァン アン", sex: "male", dob: "1992-08-14", nationality: "ベトナム", status: "技術・人文知識・国際業務", periodEnd: "2028-09-30", movedIn: "2021-04-05", previousAddress: otherAddress(s("nguyen-prev")) },
    { family: "NGUYEN", given: "THI LAN", familyKana: "グエン", givenKana: "ティ ラン", sex: "female", dob: "1994-02-03", nationality: "ベトナム", status: "家族滞在", periodEnd: "2028-09-30", movedIn: "2022-10-20", previousAddress: "ベトナム" },
  ], ["世帯主", "妻"]);
  role(nguyen[0], 2, "showcase", "Foreign resident (ベトナム) with his wife", "住民票 offers 国籍・地域, 在留カード番号 and 在留資格 items and no 本籍・筆頭者; no 戸籍 (foreign nationals have none).");

  const approved = youngCouple(w, s("approved"), m, { honseki: "matsumoto" });
  role(head(approved), 3, "showcase", "本籍 in 松本市, 利用登録 approved", "住所地 services at 世田谷区 as usual; 本籍地 services at 松本市 (202029): 戸籍全部/個人事項証明書 and 附票 are offered (registration RDEM-2026-0001 approved).");

  const pending = singleYoung(w, s("pending"), m, { honseki: "obuse" });
  role(head(pending), 4, "showcase", "本籍 in 小布施町, 利用登録 pending", "本籍地 services at 小布施町 (205419) are refused: registration RDEM-2026-0002 is still pending review (past its deadline: overdue in the review queue). 住所地 services work.");

  const smartphone = singleYoung(w, s("smartphone"), m, { honseki: "setagaya" });
  role(head(smartphone), 5, "showcase", "スマホ用電子証明書 (smartphone certificate)", "Same person as an ordinary card: everything a resident may get is offered through the smartphone certificate too.");

  const rejected = olderCouple(w, s("rejected"), m, { honseki: "matsumoto" });
  role(head(rejected), 6, "showcase", "本籍 in 松本市, 利用登録 rejected", "本籍地 services at 松本市 are refused (registration RDEM-2026-0003 rejected: honseki_mismatch; a new web pre-registration RDEM-2026-0005 awaits the kiosk application). 住所地 services work.");

  const rereg = coupleKids(w, s("rereg"), m, { honseki: "obuse", headAge: 41, wifeAge: 39, kidAges: [9, 6] });
  role(head(rereg), 7, "showcase", "本籍 in 小布施町, card renewed: re-registration needed", "本籍地 services at 小布施町 are refused: registration RDEM-2025-0004 was bound to the old certificate JPKI-131121-800001 (revoked on renewal) and is flagged reregistration_needed.");

  const movedIn2026 = singleYoung(w, s("moved-in-2026"), m, { honseki: "elsewhere", moveIn: { from: "2026-05-11", to: "2026-05-11" } });
  const mi = role(head(movedIn2026), 8, "showcase", "Moved in on 2026-05-11 (not resident on 1 January 2026)", "Tax certificates are refused: the 令和8年度 record is flagged not resident on 1 January (taxed by the former municipality); there is no 令和7年度 record. 住民票 works; no 戸籍 here (本籍 outside the three municipalities).");
  mi.taxNotResidentOnJan1Year = 2026;

  const wang = foreignHousehold(w, s("wang"), m, [
    { family: "王", given: "麗華", familyKana: "ワン", givenKana: "リーホワ", sex: "female", dob: "1985-11-02", nationality: "中国", status: "永住者", periodEnd: null, alias: "大山 麗華", movedIn: "2015-03-20", previousAddress: otherAddress(s("wang-prev")) },
  ], ["世帯主"]);
  role(wang[0], 9, "showcase", "Foreign resident (中国, 永住者) with a 通称", "住民票 prints the 通称 大山 麗華 with the name; 国籍・地域 and 在留資格 items offered; no 在留期間 (永住者).");

  foreignHousehold(w, s("smith"), m, [
    { family: "SMITH", given: "JOHN MICHAEL", familyKana: "スミス", givenKana: "ジョン マイケル", sex: "male", dob: "1988-06-30", nationality: "米国", status: "技術・人文知識・国際業務", periodEnd: "2027-07-31", movedIn: "2023-08-01", previousAddress: "米国" },
  ], ["世帯主"]);
  foreignHousehold(w, s("delacruz"), m, [
    { family: "DELA CRUZ", given: "MARIA LUISA", familyKana: "デラ クルス", givenKana: "マリア ルイサ", sex: "female", dob: "1990-01-25", nationality: "フィリピン", status: "介護", periodEnd: "2029-01-31", movedIn: "2020-11-16", previousAddress: "フィリピン" },
  ], ["世帯主"]);

  const support = singleYoung(w, s("support"), m, { honseki: "setagaya", sex: "female", headAge: 34 });
  const sm = role(head(support), 900001, "refusal", "支援措置 (DV support measure) in force", "Refused for every type, with no detail shown: support measure (支援措置).");
  sm.supportMeasure = true;

  const moveOut = youngCouple(w, s("move-out-planned"), m, { honseki: "setagaya" });
  const wife = byRelationship(moveOut, "妻")[0];
  wife.moveOutPlannedOn = addDays(today, 18);
  role(wife, 900002, "refusal", "転出予定 (filed move-out, effective in 18 days)", "Refused for every type: a move-out has been filed (転出予定).");
  role(head(moveOut), 900003, "refusal", "Household member of the 900002 person (himself active)", "住民票 and 記載事項証明書 are refused (even for himself alone) because the household contains someone due to move out; 印鑑 and tax certificates are issued.");

  const movedOut = singleYoung(w, s("moved-out"), m, { honseki: "setagaya" });
  const mo = role(head(movedOut), 900004, "refusal", "転出 (moved out on 2026-10-31)", "Refused for every type: moved out (除票; removed persons are never issued at a kiosk).");
  mo.status = "moved_out";
  mo.movedOutOn = "2026-10-31";
  // The 附票 follows the person: the new address was reported by the new municipality.
  mo.person.addresses.push({ address: otherAddress(s("moved-out-new")), since: "2026-10-31" });

  const deceased = elderlyCouple(w, s("deceased"), m, { honseki: "setagaya", headAge: 84, wifeAge: 80 });
  const dh = head(deceased);
  const dw = byRelationship(deceased, "妻")[0];
  dh.status = "deceased";
  dh.deceasedOn = "2026-09-12";
  dh.person.deceasedOn = "2026-09-12";
  dh.isHouseholdHead = false;
  dh.relationship = "夫";
  dw.isHouseholdHead = true;
  dw.relationship = "世帯主";
  deceased.household.members.reverse();
  role(dh, 900005, "refusal", "死亡 (died on 2026-09-12)", "Refused for every type: deceased. (His widow is now 世帯主 and is issued normally.)");

  const gaiji = singleElderly(w, s("gaiji"), m, { honseki: "setagaya", family: ["髙橋", "タカハシ"] });
  const gj = role(head(gaiji), 900007, "refusal", "外字 being registered (髙 of 髙橋)", "Refused for every type: a 外字 in the name is still being registered.");
  gj.gaijiPending = true;

  const today1 = singleYoung(w, s("moved-in-today"), m, { honseki: "elsewhere", moveIn: { from: today, to: today } });
  role(head(today1), 900008, "refusal", "Moved in today (転入 on the day the seed ran)", "Refused today (usable from the next day after 転入); from tomorrow 住民票 works. No tax records (not resident on 1 January).");

  const cardToday = singleYoung(w, s("card-today"), m, { honseki: "setagaya" });
  role(head(cardToday), 900009, "refusal", "Card issued today", "Refused today (usable from the day after card issuance); everything works from tomorrow.");

  const pinToday = youngCouple(w, s("pin-today"), m, { honseki: "setagaya" });
  role(head(pinToday), 900010, "refusal", "PIN changed today", "Refused today (usable from the day after a PIN change); everything works from tomorrow.");

  const expired = singleElderly(w, s("expired"), m, { honseki: "setagaya" });
  role(head(expired), 900011, "refusal", "Card certificate expired 30 days ago", "Refused for every type: certificate expired.");

  const revoked = singleYoung(w, s("revoked"), m, { honseki: "setagaya" });
  role(head(revoked), 900012, "refusal", "Card certificate revoked (lost card)", "Refused for every type: certificate revoked.");

  const abolished = olderCouple(w, s("seal-abolished"), m, { honseki: "setagaya" });
  const ab = role(head(abolished), 900013, "refusal", "Seal registration abolished, none active", "印鑑登録証明書 is refused (no active registration; abolished on 2026-11-20). Other certificates are issued.");
  ab.sealPlan = "abolished_only";

  const noTax = singleYoung(w, s("no-tax"), m, { honseki: "setagaya" });
  const nt = role(head(noTax), 900014, "refusal", "No tax record", "Tax certificates are refused (no tax record for any year); other certificates are issued.");
  nt.noTaxRecord = true;
}

// ───────────────────────────── 松本市 ─────────────────────────────

function matsumoto(w: World): void {
  const m: MuniKey = "matsumoto";
  const s = (label: string) => new Prng(`matsumoto/${label}`);

  const three = threeGenerations(w, s("three-gen"), m, { honseki: "matsumoto", headAge: 45, kidAges: [15, 11] });
  role(head(three), 1, "showcase", "Three-generation household; parents keep their own 戸籍", "Everything offered; 住民票 世帯全員 lists 世帯主, 妻, 子 ×2, 父, 母. 戸籍 at 松本市: his own register (he was removed from his parents' one by marriage). From the next 1 April the 住民票 fee changes from ¥150 to ¥120.").sealPlan = "active";

  const li = foreignHousehold(w, s("li"), m, [
    { family: "李", given: "明", familyKana: "リ", givenKana: "ミン", sex: "male", dob: "2003-05-19", nationality: "中国", status: "留学", periodEnd: "2027-03-31", movedIn: "2024-04-01", previousAddress: "中国" },
  ], ["世帯主"]);
  role(li[0], 2, "showcase", "Foreign student (中国, 留学)", "住民票 with 国籍・地域, 在留カード番号, 在留資格 and 在留期間等; tax certificates (非課税 for 令和7・8年度).");

  const fromSetagaya = youngCouple(w, s("honseki-setagaya"), m, { honseki: "setagaya" });
  role(head(fromSetagaya), 3, "showcase", "本籍 in 世田谷区 (no 利用登録)", "住所地 services at 松本市 work; 本籍地 services at 世田谷区 (131121) are refused: not registered (利用登録なし).");

  const tenseki = coupleKids(w, s("tenseki"), m, { honseki: "matsumoto", headAge: 44, wifeAge: 42, kidAges: [14, 11, 7] });
  const current = tenseki.families[0];
  const kids = [...current.children].sort((a, b) => (a.dob < b.dob ? -1 : 1));
  const transferOn = addDays(kids[1].dob, 400);
  const obuseHonseki = muniHonseki("obuse", s("tenseki-old"));
  newFamily(w, {
    honseki: obuseHonseki,
    head: current.head,
    spouse: current.spouse,
    children: kids.filter((k) => k.dob < transferOn),
    formedOn: current.formedOn,
    formedBy: "婚姻",
    kind: "joseki",
    transfer: { on: transferOn, to: current.honseki },
    closedOn: transferOn,
  });
  current.formedOn = transferOn;
  current.formedBy = "転籍";
  current.transfer = { on: transferOn, from: obuseHonseki };
  current.head.marriage!.newHonseki = obuseHonseki;
  current.spouse!.marriage!.newHonseki = obuseHonseki;
  role(head(tenseki), 4, "showcase", "本籍 moved (転籍) from 小布施町 to 松本市", "戸籍 at 松本市 shows the 転籍 (従前本籍 in 小布施町). The old register in 小布施町 is a 除籍, which 小布施町 does not issue at kiosks.");

  const kaisei = elderlyCouple(w, s("kaisei"), m, { honseki: "matsumoto", headAge: 82, wifeAge: 79 });
  const kf = kaisei.families[0];
  kf.kaiseiOn = KAISEI_DATE.matsumoto;
  newFamily(w, {
    honseki: kf.honseki,
    head: kf.head,
    spouse: kf.spouse,
    children: [...kf.children],
    formedOn: kf.formedOn,
    formedBy: "婚姻",
    kind: "kaisei_genkoseki",
    kaiseiOn: KAISEI_DATE.matsumoto,
    closedOn: KAISEI_DATE.matsumoto,
  });
  role(head(kaisei), 5, "showcase", "Elderly couple with a 改製原戸籍 (平成改製 2004)", "戸籍 at 松本市: the current register (戸籍改製 2004-10-01) and the 改製原戸籍, which 松本市 allows at kiosks (allowKaiseiGenkoseki).");

  foreignHousehold(w, s("tran"), m, [
    { family: "TRAN", given: "THI HOA", familyKana: "チャン", givenKana: "ティ ホア", sex: "female", dob: "1999-12-08", nationality: "ベトナム", status: "特定技能1号", periodEnd: "2027-06-30", movedIn: "2023-06-15", previousAddress: "ベトナム" },
  ], ["世帯主"]);

  const ward = singleElderly(w, s("adult-ward"), m, { honseki: "matsumoto" });
  const aw = role(head(ward), 900001, "refusal", "成年被後見人 (adult ward)", "Refused for every type: 松本市 excludes adult wards (excludeAdultWards).");
  aw.adultWard = true;
}

// ───────────────────────────── 小布施町 ─────────────────────────────

/** A large register (13 members, several 身分事項 each) for the multi-page 戸籍全部事項証明書. */
function bigFamily(w: World, rng: Prng): Built {
  const m: MuniKey = "obuse";
  const bp = MUNICIPALITIES.obuse.birthplace;
  const honseki = "長野県上高井郡小布施町大字小布施815番地";
  const fam: [string, string] = ["宮沢", "ミヤザワ"];
  const mk = (given: [string, string], sex: Sex, dob: Ymd, father: string | null, mother: string | null, birthplace = bp, family = fam) =>
    newPerson(w, rng, { family, given, sex, dob, birthplace, fatherName: father, motherName: mother });

  const masao = mk(["正男", "マサオ"], "male", "1948-03-15", "宮沢 茂", "宮沢 文子");
  const sachiko = mk(["幸子", "サチコ"], "female", "1953-07-08", "竹内 勇", "竹内 静子", "長野県須坂市");
  const kyoko = mk(["京子", "キョウコ"], "female", "1958-11-23", "上條 清", "上條 良子", "長野県長野市");
  masao.kosekiRelationship = "長男";
  sachiko.kosekiRelationship = "二女";
  kyoko.kosekiRelationship = "長女";
  masao.originKoseki = `${honseki} 宮沢 茂`;
  sachiko.originKoseki = "長野県須坂市大字須坂1412番地 竹内 勇";
  kyoko.originKoseki = "長野県長野市大字鶴賀2207番地 上條 京子";
  masao.marriage = { on: "1974-04-29", spouseName: "竹内 幸子", newHonseki: honseki, surnameOf: "夫" };
  sachiko.marriage = { on: "1974-04-29", spouseName: "宮沢 正男", newHonseki: honseki, surnameOf: "夫" };
  sachiko.deceasedOn = "2011-06-10";
  kyoko.marriage = { on: "2013-10-05", spouseName: "宮沢 正男", newHonseki: honseki, surnameOf: "夫" };

  const f: Family = newFamily(w, { honseki, head: masao, spouse: sachiko, laterSpouse: kyoko, formedOn: "1974-04-29", formedBy: "婚姻", kaiseiOn: KAISEI_DATE.obuse });
  const kidsDef: [string, string, Sex, Ymd, [Ymd, string] | null][] = [
    ["健一", "ケンイチ", "male", "1975-02-11", ["2008-05-17", "丸山 香織"]],
    ["由美子", "ユミコ", "female", "1977-08-30", ["2007-10-06", "中村 達也"]],
    ["秀樹", "ヒデキ", "male", "1980-01-20", null],
    ["直美", "ナオミ", "female", "1982-05-03", ["2010-11-20", "青木 大輔"]],
    ["和也", "カズヤ", "male", "1985-09-14", ["2014-04-12", "市川 彩"]],
    ["智子", "トモコ", "female", "1988-12-01", null],
    ["拓也", "タクヤ", "male", "1991-06-22", ["2019-09-28", "百瀬 麻衣"]],
    ["愛", "アイ", "female", "1994-02-14", null],
    ["亮", "リョウ", "male", "1996-10-05", ["2022-06-18", "小松 結衣"]],
  ];
  const kids = kidsDef.map(([g, gk, sex, dob, marriage]) => {
    const k = mk([g, gk], sex, dob, "宮沢 正男", "宮沢 幸子");
    if (marriage) k.marriage = { on: marriage[0], spouseName: marriage[1], newHonseki: muniHonseki(rng.chance(0.5) ? "obuse" : "matsumoto", rng), surnameOf: "夫" };
    return k;
  });
  const shota = mk(["翔太", "ショウタ"], "male", "1990-04-08", "田中 浩", "宮沢 京子", "長野県長野市");
  shota.adoption = { on: "2014-03-20", adoptiveFather: "宮沢 正男", adoptiveMother: "宮沢 京子" };
  shota.originKoseki = "長野県長野市大字鶴賀2207番地 上條 京子";
  shota.marriage = { on: "2020-07-11", spouseName: "宮坂 さくら", newHonseki: "長野県長野市大字南長野1520番地", surnameOf: "夫" };
  f.children.push(...kids, shota);
  assignChildRelationships(f);
  masao.extraEvents.push(
    { kind: "配偶者の死亡", date: "2011-06-10", fields: [{ label: "配偶者の死亡日", value: "2011-06-10", type: "date" }] },
    { kind: "婚姻", date: "2013-10-05", fields: [{ label: "婚姻日", value: "2013-10-05", type: "date" }, { label: "配偶者氏名", value: "上條 京子" }] },
    { kind: "養子縁組", date: "2014-03-20", fields: [{ label: "縁組日", value: "2014-03-20", type: "date" }, { label: "共同縁組者", value: "妻" }, { label: "養子氏名", value: "上條 翔太" }] },
  );
  kyoko.extraEvents.push({ kind: "養子縁組", date: "2014-03-20", fields: [{ label: "縁組日", value: "2014-03-20", type: "date" }, { label: "共同縁組者", value: "夫" }, { label: "養子氏名", value: "上條 翔太" }] });

  const hh = w.newHousehold(m, "長野県上高井郡小布施町大字小布施815番地", "big_family");
  const born = { becameResidentOn: masao.dob, addressSetOn: masao.dob, addressSetReason: "出生", notifiedOn: masao.birthNotifiedOn, previousAddress: null, previousSince: null, arrivalFrom: null, arrivalSince: null };
  addResident(w, rng, hh, masao, { relationship: "世帯主", isHead: true, settlement: born });
  addResident(w, rng, hh, kyoko, {
    relationship: "妻",
    settlement: { becameResidentOn: "2013-10-05", addressSetOn: "2013-10-05", addressSetReason: "転入", notifiedOn: "2013-10-07", previousAddress: "長野県長野市大字鶴賀2207番地", previousSince: "1998-04-01", arrivalFrom: null, arrivalSince: null },
  });
  for (const k of kids.filter((k) => !k.marriage)) addResident(w, rng, hh, k, { relationship: "子", settlement: born });
  linkHonseki(f);
  return { household: hh, families: [f], residents: hh.members };
}

function obuse(w: World, big: Built): void {
  const m: MuniKey = "obuse";
  const s = (label: string) => new Prng(`obuse/${label}`);

  role(head(big), 1, "showcase", "Head of a 13-member 戸籍 (two marriages, adoption, 8 members removed)", "戸籍全部事項証明書 runs to several pages (weekdays 9:00–17:00 only in 小布施町); 住民票 世帯全員 lists five members.").sealPlan = "active";

  const family = coupleKids(w, s("family"), m, { honseki: "obuse", headAge: 39, wifeAge: 37, kidAges: [16, 13] });
  role(head(family), 2, "showcase", "Ordinary family in 小布施町", "住民票 (世帯全員: 4), 印鑑, tax (only the latest year: taxYearsOffered 1) are offered; 住民票記載事項証明書 is not offered in 小布施町; 戸籍 only on weekdays 9:00–17:00.").sealPlan = "active";

  const reyes = foreignHousehold(w, s("reyes"), m, [
    { family: "REYES", given: "ANA", familyKana: "レイエス", givenKana: "アナ", sex: "female", dob: "1979-09-09", nationality: "フィリピン", status: "永住者", periodEnd: null, movedIn: "2014-06-01", previousAddress: otherAddress(s("reyes-prev")) },
  ], ["世帯主"]);
  role(reyes[0], 3, "showcase", "Foreign resident (フィリピン, 永住者)", "住民票 with 国籍・地域 and 在留資格; tax certificate for the latest year.");

  const longName = foreignHousehold(w, s("long-name"), m, [
    { family: "DOS SANTOS OLIVEIRA", given: "MARIA FERNANDA CRISTINA", familyKana: "ドス サントス オリヴェイラ", givenKana: "マリア フェルナンダ クリスチーナ", sex: "female", dob: "1986-04-17", nationality: "ブラジル", status: "定住者", periodEnd: "2028-04-16", movedIn: "2019-09-02", previousAddress: otherAddress(s("long-prev")) },
  ], ["世帯主"]);
  role(longName[0], 900001, "refusal", "Name longer than 小布施町's limit (nameMaxLength 20)", "Refused for every type: the name does not fit the configured length (go to the counter).");

  const pendingFiling = youngCouple(w, s("pending-filing"), m, { honseki: "obuse", moveIn: { from: "2019-04-01", to: "2024-03-31" } });
  pendingFiling.families[0].pendingFiling = true;
  role(head(pendingFiling), 900002, "refusal", "戸籍 with a filing not yet reflected", "戸籍全部/個人事項証明書 and 附票 are refused (a 届出 is pending on the register); 住民票 and tax certificates are issued.");
}

export function buildSpecials(w: World): void {
  // The big register's names are written out by hand; taking them first keeps every full name unique.
  const big = bigFamily(w, new Prng("obuse/big-family"));
  setagaya(w);
  matsumoto(w);
  obuse(w, big);
}


// ───────────────────────────── added after the filler ─────────────────────────────

/**
 * The 附票 and 支援措置 case (docs/demo-data.md): a husband and his wife in one 戸籍 with its 本籍 in 世田谷区.
 * She left their home for her own household elsewhere in 世田谷区 and is under a 支援措置; the 附票 of their
 * 戸籍 would print her new address, so it is refused to him (household_support_measure) while his 戸籍 is
 * still issued, and she is refused everything herself (resident_support_measure). Her current 附票 line also
 * carries the 附票 feed's 支援措置 flag.
 *
 * Built after the random filler, by hand and from its own stream, so that nobody generated before shifts
 * (resident and household numbers, card serials, register numbers and names stay as they were). The family
 * names are in no name pool, so no generated person can ever take these full names.
 */
function supportMeasureKoseki(w: World, rng: Prng): void {
  const m: MuniKey = "setagaya";
  const honseki = "東京都世田谷区上馬四丁目21番地";
  const home = "東京都世田谷区上馬四丁目21番8号";
  const fam: NamePair = ["桐山", "キリヤマ"];
  const marriedOn: Ymd = "2014-10-11";
  const leftOn: Ymd = "2025-03-20";

  const husband = newPerson(w, rng, { family: fam, given: ["修平", "シュウヘイ"], sex: "male", dob: "1984-06-18", birthplace: "神奈川県川崎市", fatherName: "桐山 隆", motherName: "桐山 恵子" });
  const wife = newPerson(w, rng, { family: fam, given: ["美咲", "ミサキ"], sex: "female", dob: "1988-02-09", birthplace: "埼玉県さいたま市", fatherName: "大野 正樹", motherName: "大野 洋子" });
  husband.kosekiRelationship = "長男";
  wife.kosekiRelationship = "長女";
  const f = marry(w, rng, {
    husband,
    wife,
    wifeMaiden: ["大野", "オオノ"],
    on: marriedOn,
    honseki,
    husbandOrigin: "神奈川県川崎市中原区小杉町二丁目18番地 桐山 隆",
    wifeOrigin: "埼玉県さいたま市浦和区高砂三丁目7番地 大野 正樹",
  });

  // Both moved in on marriage; he stayed in their home.
  const his = w.newHousehold(m, home, "separated");
  const he = addResident(w, rng, his, husband, {
    relationship: "世帯主",
    isHead: true,
    settlement: { becameResidentOn: marriedOn, addressSetOn: marriedOn, addressSetReason: "転入", notifiedOn: "2014-10-14", previousAddress: "神奈川県川崎市中原区小杉町二丁目5番14号", previousSince: "2009-04-01", arrivalFrom: null, arrivalSince: null },
  });
  // She left for her own household (転居 within the ward) and asked for a 支援措置 shortly after.
  const hers = w.newHousehold(m, "東京都世田谷区祖師谷五丁目3番11号", "separated");
  const she = addResident(w, rng, hers, wife, {
    relationship: "世帯主",
    isHead: true,
    settlement: { becameResidentOn: marriedOn, addressSetOn: leftOn, addressSetReason: "転居", notifiedOn: "2025-03-24", previousAddress: home, previousSince: marriedOn, arrivalFrom: "埼玉県さいたま市浦和区高砂三丁目9番2号", arrivalSince: "2010-04-01" },
  });
  wife.addresses.at(-1)!.supportMeasure = true;
  she.supportMeasure = true;
  linkHonseki(f);

  role(
    he,
    900015,
    "refusal",
    "Husband of the 900016 person, in one 戸籍 with her (本籍 in 世田谷区); she left his household",
    "本籍地 services at 世田谷区: 戸籍の附票 is refused (household_support_measure: it would show the address of his wife, who is under 支援措置, whichever members are chosen); 戸籍全部/個人事項証明書 are issued (the 戸籍 prints no address). 住所地 services work (she is no longer in his household).",
  );
  role(
    she,
    900016,
    "refusal",
    "支援措置 in force; left the household of her husband (900015), still in his 戸籍; her current 附票 line carries the feed's 支援措置 flag",
    "Refused for every type, 住所地 and 本籍地 services alike, with no detail shown: support measure (resident_support_measure).",
  );
}

/** Fixed households added after the random filler (see supportMeasureKoseki). */
export function buildLateSpecials(w: World): void {
  supportMeasureKoseki(w, new Prng("setagaya/support-measure-koseki"));
}
