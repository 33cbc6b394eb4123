// Turns the 戸籍 units (families) into the registers the 本籍地 municipalities hold: members in register
// order, 戸籍事項 and 身分事項 events with labelled fields in print order, and 附票 address lines.
// Families whose 本籍 lies outside the three demo municipalities produce no record.
import { addDays, type Ymd } from "./dates";
import { MUNICIPALITIES, muniOfAddress, type MuniKey } from "./places";
import { KAISEI_DATE, isRemoved, nameOf } from "./population";
import type { AddressLine, Family, KosekiEventField, Person, ResidentPlan } from "./types";

export type KosekiEventPlan = { position: number; kind: string; eventDate: Ymd | null; fields: KosekiEventField[] };

export type KosekiMemberPlan = {
  position: number;
  person: Person;
  relationship: string;
  spouseRole: "夫" | "妻" | null;
  removed: boolean;
  /** Set only on the member row of the person's current register in their own municipality. */
  resident: ResidentPlan | null;
  events: KosekiEventPlan[];
  fuhyo: AddressLine[];
};

export type KosekiRecordPlan = {
  muni: MuniKey;
  recordNo: string;
  kind: Family["kind"];
  honseki: string;
  head: Person;
  pendingFiling: boolean;
  family: Family;
  events: KosekiEventPlan[];
  members: KosekiMemberPlan[];
};

const KAISEI_REASON = "平成6年法務省令第51号附則第2条第1項による改製";

const date = (label: string, value: Ymd): KosekiEventField => ({ label, value, type: "date" });
const text = (label: string, value: string): KosekiEventField => ({ label, value });

function numbered(events: Omit<KosekiEventPlan, "position">[]): KosekiEventPlan[] {
  return events.map((e, i) => ({ ...e, position: i + 1 }));
}

function recordEvents(f: Family): Omit<KosekiEventPlan, "position">[] {
  if (f.kind === "kaisei_genkoseki") {
    return [
      { kind: "編製", eventDate: f.formedOn, fields: [date("編製日", f.formedOn)] },
      { kind: "消除", eventDate: f.closedOn, fields: [date("消除日", f.closedOn!), text("消除事由", `${KAISEI_REASON}につき消除`)] },
    ];
  }
  if (f.kind === "joseki") {
    return [
      { kind: "編製", eventDate: f.formedOn, fields: [date("編製日", f.formedOn)] },
      { kind: "転籍", eventDate: f.transfer!.on, fields: [date("転籍日", f.transfer!.on), text("新本籍", f.transfer!.to!)] },
    ];
  }
  if (f.kaiseiOn) return [{ kind: "戸籍改製", eventDate: f.kaiseiOn, fields: [date("改製日", f.kaiseiOn), text("改製事由", KAISEI_REASON)] }];
  if (f.formedBy === "転籍" && f.transfer?.from) {
    return [{ kind: "転籍", eventDate: f.transfer.on, fields: [date("転籍日", f.transfer.on), text("従前本籍", f.transfer.from)] }];
  }
  return [{ kind: "編製", eventDate: f.formedOn, fields: [date("編製日", f.formedOn)] }];
}

function memberEvents(f: Family, p: Person, until: Ymd, muni: MuniKey): Omit<KosekiEventPlan, "position">[] {
  const isPartner = p === f.head || p === f.spouse || p === f.laterSpouse;
  const out: Omit<KosekiEventPlan, "position">[] = [];
  const later: Omit<KosekiEventPlan, "position">[] = [];
  out.push({
    kind: "出生",
    eventDate: p.dob,
    fields: [date("出生日", p.dob), text("出生地", p.birthplace), date("届出日", p.birthNotifiedOn), text("届出人", p.birthNotifier)],
  });
  if (p.adoption) {
    later.push({
      kind: "養子縁組",
      eventDate: p.adoption.on,
      fields: [date("縁組日", p.adoption.on), text("養父氏名", p.adoption.adoptiveFather), text("養母氏名", p.adoption.adoptiveMother), text("従前戸籍", p.originKoseki ?? "")],
    });
  }
  if (p.entry) {
    later.push({ kind: "入籍", eventDate: p.entry.on, fields: [date("届出日", p.entry.on), text("入籍事由", p.entry.reason), text("従前戸籍", p.entry.from)] });
  }
  if (isPartner && f.formedBy === "離婚" && p.divorce) {
    later.push({ kind: "離婚", eventDate: p.divorce.on, fields: [date("離婚日", p.divorce.on), text("配偶者氏名", p.divorce.spouseName), text("従前戸籍", p.originKoseki ?? "")] });
  } else if (isPartner && p.marriage) {
    later.push({
      kind: "婚姻",
      eventDate: p.marriage.on,
      fields: [date("婚姻日", p.marriage.on), text("配偶者氏名", p.marriage.spouseName), text("従前戸籍", p.originKoseki ?? "")],
    });
  } else if (!isPartner && p.marriage) {
    later.push({
      kind: "婚姻",
      eventDate: p.marriage.on,
      fields: [date("婚姻日", p.marriage.on), text("配偶者氏名", p.marriage.spouseName), text("新本籍", p.marriage.newHonseki), text("称する氏", `${p.marriage.surnameOf}の氏`)],
    });
  }
  for (const e of p.extraEvents) later.push({ kind: e.kind, eventDate: e.date, fields: e.fields });
  if (p.deceasedOn) {
    const notifier = f.children.find((c) => !c.deceasedOn && c !== p) ?? (p === f.head ? f.spouse : f.head);
    later.push({
      kind: "死亡",
      eventDate: p.deceasedOn,
      fields: [
        date("死亡日", p.deceasedOn),
        text("死亡地", MUNICIPALITIES[muni].birthplace),
        date("届出日", addDays(p.deceasedOn, 2)),
        text("届出人", notifier && notifier !== p ? `親族 ${nameOf(notifier)}` : "同居者"),
      ],
    });
  }
  later.sort((a, b) => ((a.eventDate ?? "") < (b.eventDate ?? "") ? -1 : 1));
  return [...out, ...later].filter((e) => !e.eventDate || e.eventDate <= until);
}

/** Register order: 筆頭者, spouse, children of the first marriage by birth, a later spouse, adopted children. */
function registerOrder(f: Family): Person[] {
  const born = f.children.filter((c) => !c.adoption).sort((a, b) => (a.dob < b.dob ? -1 : 1));
  const adopted = f.children.filter((c) => c.adoption);
  return [f.head, ...(f.spouse ? [f.spouse] : []), ...born, ...(f.laterSpouse ? [f.laterSpouse] : []), ...adopted];
}

export function buildKosekiRecords(families: readonly Family[], today: Ymd): KosekiRecordPlan[] {
  const seq: Record<MuniKey, number> = { setagaya: 0, matsumoto: 0, obuse: 0 };
  const out: KosekiRecordPlan[] = [];
  for (const f of families) {
    const muni = muniOfAddress(f.honseki);
    if (!muni) continue;
    // A current register made before the municipality computerized its 戸籍 was rewritten on that day.
    if (f.kind === "current" && !f.kaiseiOn && !f.transfer && f.formedOn < KAISEI_DATE[muni]) f.kaiseiOn = KAISEI_DATE[muni];
    const until = f.closedOn ?? today;
    // Rewriting a register (改製, 転籍) carries over only the members still in it.
    const rewrittenOn = f.kind === "current" ? (f.kaiseiOn ?? (f.formedBy === "転籍" ? f.transfer?.on : null) ?? null) : null;
    const people = registerOrder(f).filter((p) => p.dob <= until && !(rewrittenOn && isRemoved(f, p, addDays(rewrittenOn, -1))));
    seq[muni] += 1;
    const members: KosekiMemberPlan[] = people.map((p, i) => {
      const removed = isRemoved(f, p, until);
      const partnerOf = p === f.head ? [f.spouse, f.laterSpouse].filter((s) => s && s.dob <= until && !isRemoved(f, s, until)) : [];
      // 配偶者区分 is shown only while the marriage lasts (both partners alive in the register).
      const headGone = isRemoved(f, f.head, until);
      const spouseRole =
        p === f.spouse || p === f.laterSpouse
          ? removed || headGone ? null : p.sex === "female" ? "妻" : "夫"
          : p === f.head && !removed && partnerOf.length > 0 ? (p.sex === "male" ? "夫" : "妻") : null;
      const resident = f.kind === "current" && !removed && p.resident && p.resident.muni === muni ? p.resident : null;
      const fuhyo = removed ? [] : p.addresses.filter((a) => a.since <= until).slice(-3);
      return {
        position: i + 1,
        person: p,
        relationship: p.kosekiRelationship,
        spouseRole,
        removed,
        resident,
        events: numbered(memberEvents(f, p, until, muni)),
        fuhyo,
      };
    });
    out.push({
      muni,
      recordNo: String(seq[muni]).padStart(6, "0"),
      kind: f.kind,
      honseki: f.honseki,
      head: f.head,
      pendingFiling: f.pendingFiling,
      family: f,
      events: numbered(recordEvents(f)),
      members,
    });
  }
  return out;
}
