"use server";

import type { AddIncidentIssuancesBySearchInput, AddIncidentIssuancesInput, VoidIncidentIssuancesInput } from "@/lib/schemas/issuance-void";
import type { IncidentCloseInput, IncidentRefInput } from "@/lib/schemas/logs";
import { acknowledgeIncident } from "@/server/incidents/acknowledge-incident";
import { addIncidentIssuances } from "@/server/incidents/add-incident-issuances";
import { addIncidentIssuancesBySearch } from "@/server/incidents/add-incident-issuances-by-search";
import { closeIncident } from "@/server/incidents/close-incident";
import { voidIncidentIssuances } from "@/server/incidents/void-incident-issuances";
import { runStaffAction } from "@/server/http/server-actions";

// Wiring only: the verbs parse with the shared schema and authorize. The list and the detail page both change.
const AREA = { revalidate: "/incidents", layout: true };

export async function acknowledgeIncidentAction(input: IncidentRefInput) {
  return runStaffAction((ctx) => acknowledgeIncident({ ctx, input }), AREA);
}

export async function closeIncidentAction(input: IncidentCloseInput) {
  return runStaffAction((ctx) => closeIncident({ ctx, input }), AREA);
}

export async function addIncidentIssuancesAction(input: AddIncidentIssuancesInput) {
  return runStaffAction((ctx) => addIncidentIssuances({ ctx, input }), AREA);
}

export async function addIncidentIssuancesBySearchAction(input: AddIncidentIssuancesBySearchInput) {
  return runStaffAction((ctx) => addIncidentIssuancesBySearch({ ctx, input }), AREA);
}

// The issuance log and details show the voids too.
export async function voidIncidentIssuancesAction(input: VoidIncidentIssuancesInput) {
  return runStaffAction((ctx) => voidIncidentIssuances({ ctx, input }), { revalidate: "/", layout: true });
}
