"use client";

import type { ServerAction } from "@/components/forms/action-state";
import type { MonitoringSettingsInput } from "@/lib/schemas/vault";
import { useState } from "react";
import { PermittedSubmit } from "@/components/forms/field";
import { ActionMessage } from "@/components/portal/side-panel";
import { usePanelAction } from "@/components/portal/use-panel-action";

/** The vault's Properties → Monitoring settings: whether failed jobs raise alerts (Azure's alertsForAllJobFailures). */
export function MonitoringSettings({
  update,
  vaultId,
  vaultName,
  alertsForAllJobFailures,
  denied,
}: {
  update: ServerAction<MonitoringSettingsInput>;
  vaultId: string;
  vaultName: string;
  alertsForAllJobFailures: boolean;
  denied: string | null;
}) {
  const [enabled, setEnabled] = useState(alertsForAllJobFailures);
  const action = usePanelAction(`Monitoring settings (${vaultName})`, () => undefined);
  return (
    <form
      className="max-w-[720px]"
      onSubmit={(event) => {
        event.preventDefault();
        action.run(() => update({ vaultId, alertsForAllJobFailures: enabled }));
      }}
    >
      <label className="mb-1 flex items-center gap-2">
        <input
          type="checkbox"
          checked={enabled}
          disabled={denied !== null}
          onChange={(event) => setEnabled(event.target.checked)}
        />
        Use built-in alerts for all job failures
      </label>
      <p className="mb-3 text-[12px] text-text-secondary">
        Failed backup and restore jobs raise an alert, resolved by the item&apos;s next success. Security alerts
        (deleted backup data, weakened soft delete) and overdue backups are raised either way.
      </p>
      <ActionMessage state={action.state} />
      <PermittedSubmit
        label="Update"
        pendingLabel="Updating…"
        pending={action.pending}
        denied={denied}
        disabled={enabled === alertsForAllJobFailures}
      />
    </form>
  );
}
