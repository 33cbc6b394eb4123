"use server";

import type { IncidentCloseInput, IncidentRefInput } from "@/lib/schemas/logs";
import { acknowledgeIncident } from "@/server/incidents/acknowledge-incident";
import { closeIncident } from "@/server/incidents/close-incident";
import { runStaffAction } from "@/server/http/server-actions";

// Wiring only: the verbs parse with the shared schema and authorize. The list and the detail page both change.
const AREA = { revalidate: "/incidents", layout: true };

export async function acknowledgeIncidentAction(input: IncidentRefInput) {
  return runStaffAction((ctx) => acknowledgeIncident({ ctx, input }), AREA);
}

export async function closeIncidentAction(input: IncidentCloseInput) {
  return runStaffAction((ctx) => closeIncident({ ctx, input }), AREA);
}
