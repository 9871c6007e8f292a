"use client";

import type { ServerAction } from "@/components/forms/action-state";
import { useDisabledReason } from "@/components/forms/disabled-reason";
import { primaryButtonClass } from "@/components/forms/field";
import { ConfirmedAction } from "@/components/portal/confirmed-action";
import { ActionMessage } from "@/components/portal/side-panel";
import { StatusLabel } from "@/components/portal/status";
import { Cell, DataTable, Row } from "@/components/portal/table";
import { usePanelAction } from "@/components/portal/use-panel-action";
import type { VaultCredentialsFile } from "@/lib/schemas/agent";
import type { Tone } from "@/lib/domain/protection/display";

export type CredentialRow = {
  id: string;
  prefix: string;
  createdBy: string;
  created: string;
  expires: string;
  state: "Active" | "Used" | "Expired" | "Revoked";
  usedBy: string | null;
};

const STATE_TONES: Record<CredentialRow["state"], Tone> = {
  Active: "success",
  Used: "info",
  Expired: "neutral",
  Revoked: "neutral",
};

/** Saves the file the browser was given, as a download. */
function saveFile(fileName: string, file: VaultCredentialsFile) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: "application/json" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
  link.click();
  URL.revokeObjectURL(url);
}

/** Properties → Backup credentials: download vault credentials for the Backup Agent, list and revoke them. */
export function BackupCredentials({
  revoke,
  download,
  vaultId,
  vaultName,
  credentials,
  denied,
}: {
  revoke: ServerAction<{ vaultId: string; credentialId: string }>;
  download: ServerAction<{ vaultId: string }, { fileName: string; file: VaultCredentialsFile }>;
  vaultId: string;
  vaultName: string;
  credentials: CredentialRow[];
  denied: string | null;
}) {
  const action = usePanelAction(`Backup credentials (${vaultName})`, () => undefined);
  const reason = useDisabledReason(denied, { shown: true });
  return (
    <div className="max-w-[960px]">
      <p className="mb-3 text-text-secondary">
        {"Vault credentials register a server's Backup Agent to this vault: "}
        <code className="font-mono text-[12px]">
          npm run agent -- register --vault-credentials FILE --passphrase-file FILE
        </code>
        . Each file registers one server and is valid for 10 days.
      </p>
      <button
        type="button"
        className={primaryButtonClass}
        disabled={action.pending || denied !== null}
        aria-describedby={reason.describedBy}
        onClick={() =>
          action.run(async () => {
            const result = await download({ vaultId });
            if (result.ok && result.data) saveFile(result.data.fileName, result.data.file);
            return result;
          })
        }
      >
        {action.pending ? "Preparing…" : "Download"}
      </button>
      {reason.reasonText}
      <ActionMessage state={action.state} />
      {credentials.length > 0 ? (
        <div className="mt-4">
          <DataTable
            label="Vault credentials"
            headers={["Credential", "Downloaded by", "Downloaded", "Expires", "State", ""]}
          >
            {credentials.map((credential) => (
              <Row key={credential.id}>
                <Cell className="font-mono text-[12px]">{credential.prefix}</Cell>
                <Cell>{credential.createdBy}</Cell>
                <Cell className="whitespace-nowrap">{credential.created}</Cell>
                <Cell className="whitespace-nowrap">{credential.expires}</Cell>
                <Cell>
                  <StatusLabel
                    tone={STATE_TONES[credential.state]}
                    label={credential.usedBy ? `Used by ${credential.usedBy}` : credential.state}
                  />
                </Cell>
                <Cell>
                  {credential.state === "Active" && denied === null ? (
                    <ConfirmedAction
                      label="Revoke"
                      title="Revoke vault credentials"
                      description={credential.prefix}
                      body="A server can't register with these credentials anymore. Servers registered already are not affected."
                      confirmLabel="Revoke"
                      destructive
                      perform={() => revoke({ vaultId, credentialId: credential.id })}
                    />
                  ) : null}
                </Cell>
              </Row>
            ))}
          </DataTable>
        </div>
      ) : null}
    </div>
  );
}
