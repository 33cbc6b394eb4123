import "server-only";
import type { Tx } from "../db";
import { loadSettlement, type SettlementView } from "../settlement/get-settlement";
import { loadUsageStatistics, type UsageStatistics } from "../stats/get-usage-statistics";
import type { StatsMunicipality } from "../stats/stats-target";

/** Everything a monthly report prints, read in one tenant transaction from the rollups and settlement tables. */
export type ReportData = {
  month: string;
  municipality: { id: string; code: string; name: string };
  stats: UsageStatistics;
  settlement: SettlementView;
  generatedAt: Date;
  generatedByName: string;
};

export async function loadReportData(tx: Tx, municipality: StatsMunicipality, month: string, generatedAt: Date, generatedByName: string): Promise<ReportData> {
  const stats = await loadUsageStatistics(tx, municipality, month);
  const settlement = await loadSettlement(tx, municipality, month);
  return { month, municipality: { id: municipality.id, code: municipality.code, name: municipality.name }, stats, settlement, generatedAt, generatedByName };
}
