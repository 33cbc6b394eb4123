// 個人番号: 11 digits plus a check digit (行政手続における特定の個人を識別するための番号の利用等に関する
// 法律施行令 第8条). With P(n) the n-th digit counted from the right of the first 11 (n = 1..11) and
// Q(n) = n + 1 for n ≤ 6, n - 5 for n ≥ 7: r = Σ P(n)·Q(n) mod 11, check = r ≤ 1 ? 0 : 11 - r.

export function myNumberCheckDigit(first11: string): number {
  if (!/^\d{11}$/.test(first11)) throw new Error("eleven digits expected");
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const p = Number(first11[11 - n]);
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const r = sum % 11;
  return r <= 1 ? 0 : 11 - r;
}

export function isValidMyNumber(value: string): boolean {
  if (!/^\d{12}$/.test(value)) return false;
  return myNumberCheckDigit(value.slice(0, 11)) === Number(value[11]);
}

/** Masked form for screens that must show that a number exists without showing it. */
export function maskMyNumber(value: string): string {
  return "*".repeat(Math.max(0, value.length - 4)) + value.slice(-4);
}
