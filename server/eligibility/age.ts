import "server-only";

/** Completed years on `today` (both YYYY-MM-DD): the age rises on the birthday; 2/29 births on 3/1 in common years. */
export function ageOn(dateOfBirth: string, today: string): number {
  const [by, bm, bd] = dateOfBirth.split("-").map(Number);
  const [ty, tm, td] = today.split("-").map(Number);
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age--;
  return age;
}
