// Generates a fictional 住民・世帯 feed file (docs/import-formats.md) for benchmarks and demos.
//
//   node --import ./scripts/lib/register-server-only.mjs --import tsx scripts/generate-residents.ts \
//     --rows 1000000 --out /tmp/residents.csv [--encoding utf-8|shift_jis] [--format csv|jsonl] [--headers ja|keys] [--seed 42] [--prefix R]
//
// Every value is made up: names from short lists, addresses in a fictional 中央市, 個人番号 with valid check
// digits but derived from a counter (no real person's number). Households of 1–5 members. The same seed gives
// the same file, so a second run is an identical re-import. Output is streamed (constant memory).
import fs from "node:fs";
import { once } from "node:events";
import iconv from "iconv-lite";
import { myNumberCheckDigit } from "../lib/my-number";
import { RESIDENT_COLUMNS } from "../server/imports/feeds/residents";

type Options = { rows: number; out: string; encoding: "utf-8" | "shift_jis"; format: "csv" | "jsonl"; headers: "ja" | "keys"; seed: number; prefix: string };

function usage(message?: string): never {
  if (message) console.error(`generate-residents: ${message}`);
  console.error("usage: generate-residents.ts --rows N --out FILE [--encoding utf-8|shift_jis] [--format csv|jsonl] [--headers ja|keys] [--seed S] [--prefix R]");
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const o: Options = { rows: 1_000_000, out: "", encoding: "utf-8", format: "csv", headers: "ja", seed: 42, prefix: "R" };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1];
    switch (argv[i]) {
      case "--rows":
        o.rows = Number(v);
        i++;
        break;
      case "--out":
        o.out = v ?? "";
        i++;
        break;
      case "--encoding":
        if (v !== "utf-8" && v !== "shift_jis") usage("--encoding is utf-8 or shift_jis");
        o.encoding = v;
        i++;
        break;
      case "--format":
        if (v !== "csv" && v !== "jsonl") usage("--format is csv or jsonl");
        o.format = v;
        i++;
        break;
      case "--headers":
        if (v !== "ja" && v !== "keys") usage("--headers is ja or keys");
        o.headers = v;
        i++;
        break;
      case "--seed":
        o.seed = Number(v);
        i++;
        break;
      case "--prefix":
        o.prefix = v ?? "R";
        i++;
        break;
      default:
        usage(`unknown argument ${argv[i]}`);
    }
  }
  if (!Number.isInteger(o.rows) || o.rows < 1) usage("--rows must be a positive integer");
  if (!o.out) usage("--out is required");
  if (o.format === "jsonl" && o.encoding !== "utf-8") usage("JSON Lines is UTF-8 only");
  return o;
}

/** mulberry32: small, fast, seedable. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAMILY: Array<[string, string]> = [
  ["山川", "ヤマカワ"], ["川村", "カワムラ"], ["森田", "モリタ"], ["石原", "イシハラ"], ["高野", "タカノ"], ["松井", "マツイ"], ["藤本", "フジモト"],
  ["大西", "オオニシ"], ["小池", "コイケ"], ["桜井", "サクライ"], ["野口", "ノグチ"], ["菊地", "キクチ"], ["髙橋", "タカハシ"], ["渡邊", "ワタナベ"],
  ["斎藤", "サイトウ"], ["浜田", "ハマダ"], ["岡村", "オカムラ"], ["平野", "ヒラノ"], ["秋山", "アキヤマ"], ["島田", "シマダ"],
];
const MALE: Array<[string, string]> = [["一郎", "イチロウ"], ["健太", "ケンタ"], ["翔", "ショウ"], ["大輔", "ダイスケ"], ["拓海", "タクミ"], ["誠", "マコト"], ["陽斗", "ハルト"], ["悠真", "ユウマ"]];
const FEMALE: Array<[string, string]> = [["花子", "ハナコ"], ["美咲", "ミサキ"], ["陽菜", "ヒナ"], ["結衣", "ユイ"], ["彩", "アヤ"], ["桜", "サクラ"], ["真由美", "マユミ"], ["葵", "アオイ"]];
const TOWNS = ["桜町", "梅町", "本町", "緑町", "若葉台", "旭町", "栄町", "光が丘", "泉町", "港町"];
const KANJI_DIGITS = ["一", "二", "三", "四", "五", "六", "七", "八", "九"];

const pad = (n: number, w: number) => String(n).padStart(w, "0");

function dateBetween(rand: () => number, fromYear: number, toYear: number): string {
  const y = fromYear + Math.floor(rand() * (toYear - fromYear + 1));
  const m = 1 + Math.floor(rand() * 12);
  const d = 1 + Math.floor(rand() * 28);
  return `${y}-${pad(m, 2)}-${pad(d, 2)}`;
}

function myNumber(counter: number): string {
  // 11 digits from a counter spread over the range (fictional), plus the real check digit.
  const first11 = String(10_000_000_000 + ((counter * 7_919_993) % 89_999_999_999)).slice(0, 11);
  return first11 + myNumberCheckDigit(first11);
}

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const rand = prng(o.seed);
  const file = fs.createWriteStream(o.out);
  let out: NodeJS.WritableStream = file;
  if (o.encoding === "shift_jis") {
    const encoder = iconv.encodeStream("cp932");
    encoder.pipe(file);
    out = encoder;
  }
  const keys = RESIDENT_COLUMNS.map((c) => c.key);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, "drain");
  };
  if (o.format === "csv") await write((o.headers === "ja" ? RESIDENT_COLUMNS.map((c) => c.label) : keys).join(",") + "\r\n");

  const started = Date.now();
  let written = 0;
  let household = 0;
  let buffer: string[] = [];
  while (written < o.rows) {
    household++;
    const size = Math.min(o.rows - written, 1 + Math.floor(rand() * rand() * 5));
    const [family, familyKana] = FAMILY[Math.floor(rand() * FAMILY.length)];
    const address = `北山県中央市${TOWNS[household % TOWNS.length]}${KANJI_DIGITS[household % 9]}丁目${1 + (household % 30)}番${1 + (household % 20)}号`;
    const movedIn = dateBetween(rand, 1990, 2024);
    const foreign = rand() < 0.02;
    for (let k = 0; k < size; k++) {
      written++;
      const female = k === 1 ? true : rand() < 0.5;
      const [given, givenKana] = (female ? FEMALE : MALE)[Math.floor(rand() * 8)];
      const roll = rand();
      const status = roll < 0.005 ? "死亡" : roll < 0.012 ? "転出" : "現存";
      const row: Record<string, string> = {
        residentNo: `${o.prefix}${pad(written, 9)}`,
        householdNo: `H${pad(household, 9)}`,
        householdAddress: address,
        familyName: family,
        givenName: given,
        familyNameKana: familyKana,
        givenNameKana: givenKana,
        alias: "",
        dateOfBirth: k === 0 ? dateBetween(rand, 1940, 2000) : k === 1 ? dateBetween(rand, 1942, 2002) : dateBetween(rand, 1995, 2024),
        sex: female ? "女" : "男",
        isHouseholdHead: k === 0 ? "1" : "0",
        relationship: k === 0 ? "世帯主" : k === 1 ? (female ? "妻" : "夫") : "子",
        nationality: foreign ? "ベトナム" : "",
        residenceCardNo: foreign ? `AB${pad(written % 100_000_000, 8)}CD` : "",
        residenceStatus: foreign ? "技術・人文知識・国際業務" : "",
        residencePeriodEnd: foreign ? "2027-03-31" : "",
        honseki: foreign ? "" : `北山県東市本町${KANJI_DIGITS[household % 9]}番地`,
        kosekiHeadName: foreign ? "" : `${family} ${given}`,
        becameResidentOn: movedIn,
        addressSetOn: movedIn,
        addressSetReason: "転入",
        notifiedOn: movedIn,
        previousAddress: rand() < 0.5 ? "南川県西市駅前二丁目3番4号" : "",
        myNumber: myNumber(written + o.seed * 1_000_003),
        status,
        movedOutOn: status === "転出" ? "2025-03-31" : "",
        moveOutPlannedOn: "",
        deceasedOn: status === "死亡" ? "2025-01-15" : "",
        gaijiPending: "0",
        adultWard: "0",
      };
      buffer.push(o.format === "csv" ? keys.map((key) => quote(row[key])).join(",") : JSON.stringify(row));
    }
    if (buffer.length >= 2000) {
      await write(buffer.join(o.format === "csv" ? "\r\n" : "\n") + (o.format === "csv" ? "\r\n" : "\n"));
      buffer = [];
    }
  }
  if (buffer.length) await write(buffer.join(o.format === "csv" ? "\r\n" : "\n") + (o.format === "csv" ? "\r\n" : "\n"));
  out.end();
  await once(file, "finish");
  const bytes = fs.statSync(o.out).size;
  console.error(`[generate] ${written.toLocaleString()} residents in ${household.toLocaleString()} households → ${o.out} (${(bytes / 1024 / 1024).toFixed(1)} MB, ${o.encoding}, ${Date.now() - started} ms)`);
}

await main();
