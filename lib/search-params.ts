/** The first value of a search parameter (Next gives string[] for repeated keys). */
export function firstParam(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
