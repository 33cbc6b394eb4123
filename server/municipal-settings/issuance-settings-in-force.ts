import "server-only";
import type { IssuanceSettingValues } from "@/lib/schemas/municipal-settings";
import type { Tx } from "../db";

// The issuance settings as of an instant (docs/decisions/0014-municipal-settings.md): the latest
// IssuanceSettingsVersion whose effectiveFrom is at or before the instant, else the Municipality's own columns
// (the values before any change made on the settings screen).

export type IssuanceSettings = IssuanceSettingValues;

export const ISSUANCE_SETTING_KEYS = ["usableFromNextDay", "nameMaxLength", "nameMaxLines", "addressMaxLength", "addressMaxLines", "excludeAdultWards"] as const satisfies readonly (keyof IssuanceSettings)[];

export const pickIssuanceSettings = (row: IssuanceSettings): IssuanceSettings =>
  Object.fromEntries(ISSUANCE_SETTING_KEYS.map((k) => [k, row[k]])) as IssuanceSettings;

export type InForce = IssuanceSettings & { versionId: string | null; effectiveFrom: Date | null };

/** Pure: the version in force at `at` among `versions` (any order), else the baseline. */
export function settingsInForce(baseline: IssuanceSettings, versions: ReadonlyArray<IssuanceSettings & { id: string; effectiveFrom: Date }>, at: Date): InForce {
  let best: (typeof versions)[number] | null = null;
  for (const v of versions) if (v.effectiveFrom <= at && (!best || v.effectiveFrom > best.effectiveFrom)) best = v;
  return best ? { ...pickIssuanceSettings(best), versionId: best.id, effectiveFrom: best.effectiveFrom } : { ...pickIssuanceSettings(baseline), versionId: null, effectiveFrom: null };
}

/** Reads the version in force at `at` for a municipality whose baseline row the caller holds. */
export async function loadIssuanceSettings(tx: Tx, municipality: IssuanceSettings & { id: string }, at: Date): Promise<InForce> {
  const version = await tx.issuanceSettingsVersion.findFirst({
    where: { municipalityId: municipality.id, effectiveFrom: { lte: at } },
    orderBy: { effectiveFrom: "desc" },
  });
  return settingsInForce(municipality, version ? [version] : [], at);
}
