// 全国地方公共団体コード: five digits plus a check digit (総務省 method): weights 6,5,4,3,2 on the first
// five digits, r = sum mod 11, check = the last digit of 11 - r (so r = 0 gives 1, r = 1 gives 0).
// Examples: 131016 (千代田区), 011002 (札幌市), 011011 (札幌市中央区, r = 0).

export function municipalityCheckDigit(first5: string): number {
  if (!/^\d{5}$/.test(first5)) throw new Error("five digits expected");
  const weights = [6, 5, 4, 3, 2];
  const sum = [...first5].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  const r = sum % 11;
  return (11 - r) % 10;
}

export function isValidMunicipalityCode(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return municipalityCheckDigit(code.slice(0, 5)) === Number(code[5]);
}
