"use server";

import type { AlertSettingsInput } from "@/lib/schemas/alerts";
import { updateAlertSettings } from "@/server/alerts/update-alert-settings";
import { runStaffAction } from "@/server/http/server-actions";

// Wiring only: the verb parses with the shared schema and authorizes.
export async function updateAlertSettingsAction(input: AlertSettingsInput) {
  return runStaffAction((ctx) => updateAlertSettings({ ctx, input }), { revalidate: "/alerts", fields: { alert_webhook_url_not_allowed: "webhookUrl" } });
}
