"use client";

import type { ServerAction } from "@/components/forms/action-state";
import type { ConfigureBackupInput } from "@/lib/schemas/protection";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { inputClass, primaryButtonClass, secondaryButtonClass } from "@/components/forms/field";
import { ActionMessage } from "@/components/portal/side-panel";
import type { PolicyChoice } from "./policy-choice-panel";
import { usePanelAction } from "@/components/portal/use-panel-action";

type Source = { id: string; name: string; detail: string; sizeGb: number; blockedBecause: string | null };

/** Configure backup: a policy and the data sources to protect with it, then Enable backup. */
export function ConfigureBackupForm({
  configure,
  vaultId,
  workload,
  policies,
  sources,
}: {
  configure: ServerAction<ConfigureBackupInput>;
  vaultId: string;
  workload: "AzureIaasVM" | "MAB";
  policies: PolicyChoice[];
  sources: Source[];
}) {
  const router = useRouter();
  const [policyId, setPolicyId] = useState(policies[0]?.id ?? "");
  const [selected, setSelected] = useState<string[]>([]);
  const itemsPage = `/vaults/${vaultId}/items/${workload}`;
  const { state, pending, run } = usePanelAction("Configure backup", () => router.push(itemsPage), itemsPage);
  const chosen = policies.find((policy) => policy.id === policyId);
  const toggle = (id: string) =>
    setSelected((current) => (current.includes(id) ? current.filter((value) => value !== id) : [...current, id]));
  const noun = workload === "AzureIaasVM" ? "virtual machines" : "folders";
  return (
    <div className="max-w-[880px]">
      <section aria-labelledby="policy-heading" className="mb-6">
        <h2 id="policy-heading" className="mb-2 text-[15px] font-semibold">
          Backup policy
        </h2>
        {policies.length === 0 ? (
          <p>
            This vault has no policy for this workload yet.{" "}
            <Link href={`/vaults/${vaultId}/policies/new?type=${workload}`} className="text-primary hover:underline">
              Create a new policy
            </Link>
          </p>
        ) : (
          <>
            <select
              id="configure-policy"
              aria-label="Backup policy"
              className={`${inputClass} w-80`}
              value={policyId}
              onChange={(event) => setPolicyId(event.target.value)}
            >
              {policies.map((policy) => (
                <option key={policy.id} value={policy.id}>
                  {policy.name}
                </option>
              ))}
            </select>
            <Link
              href={`/vaults/${vaultId}/policies/new?type=${workload}`}
              className="ml-3 text-primary hover:underline"
            >
              Create a new policy
            </Link>
            {chosen ? <p className="mt-2 text-[12px] text-text-secondary">{chosen.summary}</p> : null}
            {state?.fieldErrors?.policyId?.map((error) => (
              <p key={error} role="alert" className="mt-1 text-[12px] text-error">
                {error}
              </p>
            ))}
          </>
        )}
      </section>
      <section aria-labelledby="sources-heading" className="mb-6">
        <h2 id="sources-heading" className="mb-2 text-[15px] font-semibold">
          {workload === "AzureIaasVM" ? "Virtual machines" : "Files and folders"}
        </h2>
        {sources.length === 0 ? (
          <p className="text-text-secondary">
            {workload === "AzureIaasVM"
              ? "Every virtual machine is protected already. Add virtual machines in the Inventory."
              : "No unprotected folders on servers registered to this vault. Register a server, or add folders, in the Inventory."}{" "}
            <Link href="/inventory" className="text-primary hover:underline">
              Open the Inventory
            </Link>
          </p>
        ) : (
          <table aria-label={`Select ${noun}`} className="w-full border-collapse text-left text-[13px]">
            <thead>
              <tr className="border-b border-border-strong">
                <th className="w-8 px-2 py-2" scope="col">
                  <span className="sr-only">Selected</span>
                </th>
                <th className="px-2 py-2 font-semibold" scope="col">
                  Name
                </th>
                <th className="px-2 py-2 font-semibold" scope="col">
                  {workload === "AzureIaasVM" ? "Resource group · OS" : "Server"}
                </th>
                <th className="px-2 py-2 font-semibold" scope="col">
                  Size
                </th>
              </tr>
            </thead>
            <tbody>
              {sources.map((source) => (
                <tr key={source.id} className="border-b border-divider">
                  <td className="px-2 py-2">
                    <input
                      type="checkbox"
                      aria-label={source.name}
                      disabled={source.blockedBecause !== null}
                      checked={selected.includes(source.id)}
                      onChange={() => toggle(source.id)}
                    />
                  </td>
                  <td className="px-2 py-2">
                    {source.name}
                    {source.blockedBecause ? (
                      <span className="block text-[12px] text-error">{source.blockedBecause}</span>
                    ) : null}
                  </td>
                  <td className="px-2 py-2">{source.detail}</td>
                  <td className="px-2 py-2">{source.sizeGb} GB</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {state?.fieldErrors?.sourceIds?.map((error) => (
          <p key={error} role="alert" className="mt-1 text-[12px] text-error">
            {error}
          </p>
        ))}
      </section>
      {state?.fieldErrors ? null : <ActionMessage state={state} />}
      <div className="mt-4 flex gap-2 border-t border-divider pt-4">
        <button
          type="button"
          className={primaryButtonClass}
          disabled={pending || !policyId || selected.length === 0}
          onClick={() =>
            run(() => configure({ vaultId, backupManagementType: workload, sourceIds: selected, policyId }))
          }
        >
          {pending ? "Enabling…" : "Enable backup"}
        </button>
        <Link href={`/vaults/${vaultId}`} className={secondaryButtonClass}>
          Cancel
        </Link>
      </div>
    </div>
  );
}
