// Store-chain identifiers as the issuance centre sends them (terminal.storeChain) and their Japanese names.
// Unknown identifiers are shown as sent.
export const STORE_CHAIN_NAMES: Record<string, string> = {
  "seven-eleven": "セブン-イレブン",
  lawson: "ローソン",
  familymart: "ファミリーマート",
  ministop: "ミニストップ",
  seicomart: "セイコーマート",
  "daily-yamazaki": "デイリーヤマザキ",
};

export function storeChainName(chain: string): string {
  return STORE_CHAIN_NAMES[chain] ?? chain;
}
