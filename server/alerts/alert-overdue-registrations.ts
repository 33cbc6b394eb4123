import "server-only";
import { jstDateString } from "@/lib/jst";
import { systemContext } from "../context";
import { withTenant } from "../db/tenant";
import { raiseAlert } from "./raise-alert";

const JOB = "registration-overdue-alerts";

/**
 * The daily job (pg-boss, 08:00 JST): one alert for each 利用登録 application past its review due date —
 * pending, bound to a card (reviewable), due before today (JST), as the review queue counts overdue
 * (server/koseki-registration/list-registration-queue.ts). Once per application: the key is its id, so later
 * runs and retries raise nothing new. Returns how many alerts it raised.
 */
export async function alertOverdueRegistrations({ now = new Date() }: { now?: Date } = {}): Promise<{ raised: number }> {
  const today = new Date(`${jstDateString(now)}T00:00:00Z`);
  return withTenant(systemContext(JOB), async (tx) => {
    const overdue = await tx.kosekiRegistration.findMany({
      where: { status: "pending", cardSerial: { not: null }, dueOn: { lt: today } },
      select: { id: true, municipalityId: true, receiptNo: true, dueOn: true },
      orderBy: { dueOn: "asc" },
    });
    let raised = 0;
    for (const r of overdue) {
      const id = await raiseAlert(tx, {
        municipalityId: r.municipalityId,
        kind: "registration_overdue",
        dedupeKey: `registration_overdue:${r.id}`,
        payload: { registrationId: r.id, receiptNo: r.receiptNo, dueOn: r.dueOn.toISOString().slice(0, 10) },
        now,
      });
      if (id) raised++;
    }
    return { raised };
  });
}
