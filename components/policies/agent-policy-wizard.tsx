"use client";

// The Backup Agent's Schedule Backup Wizard, as the seed page walks through it: Getting started →
// Select Items to Backup → Specify Backup Schedule → Select Retention Policy → Choose Initial
// Backup Type → Confirmation → Finish, then Close.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionState } from "@/components/forms/action-state";
import { inputClass, primaryButtonClass, secondaryButtonClass } from "@/components/forms/field";
import { importAzurePolicy } from "@/lib/domain/policy/azure-json";
import { describeRetention, describeSchedule } from "@/lib/domain/policy/describe";
import { newPolicyDraft } from "@/lib/domain/policy/draft";
import { policyRulesOf } from "@/lib/domain/policy/rules";
import { policyNameSchema } from "@/lib/schemas/policy-input";
import {
  errorsUnder,
  type FieldErrors,
  FieldErrorList,
  RetentionFields,
  ScheduleFields,
  type ZoneChoice,
} from "./policy-fields";
import { RetentionPreview } from "./retention-preview";
import { usePolicyDraft } from "./use-policy-draft";

const STEPS = [
  "Getting started",
  "Select Items to Backup",
  "Specify Backup Schedule",
  "Select Retention Policy",
  "Choose Initial Backup Type",
  "Confirmation",
] as const;

type Folder = { id: string; path: string; sizeGb: number; server: { name: string } };

export function AgentPolicyWizard({
  vaultId,
  folders,
  zones,
  today,
  listHref,
  create,
}: {
  vaultId: string;
  folders: Folder[];
  zones: ZoneChoice[];
  today: string;
  listHref: string;
  create: (input: {
    vaultId: string;
    name: string;
    policy: unknown;
    protectFolderIds: string[];
  }) => Promise<ActionState>;
}) {
  const router = useRouter();
  const { draft, update, properties } = usePolicyDraft(newPolicyDraft("MAB", "V1", today));
  const [step, setStep] = useState(0);
  const [name, setName] = useState("");
  const [selected, setSelected] = useState<string[]>([]);
  const [initialBackup, setInitialBackup] = useState<"online" | "offline">("online");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const [done, setDone] = useState<string>();
  const [pending, startTransition] = useTransition();

  // Check each step's own fields before moving on; the server checks everything again on Finish.
  const stepIssues = (): FieldErrors => {
    const found: FieldErrors = {};
    const validName = policyNameSchema.safeParse(name);
    if (step === 0 && !validName.success) found.name = validName.error.issues.map((issue) => issue.message);
    // As the agent's wizard, a schedule needs something to back up; with no folder left to offer, the policy
    // alone may be created and assigned later.
    if (step === 1 && folders.length > 0 && selected.length === 0)
      found.protectFolderIds = ["Select at least one item to back up."];
    if (step === 2 || step === 3) {
      const imported = importAzurePolicy(properties);
      if (!imported.ok) {
        const prefix = step === 2 ? ["schedulePolicy", "timeZone"] : ["retentionPolicy"];
        for (const issue of imported.issues)
          if (prefix.some((path) => issue.path.startsWith(path)))
            (found[`policy.${issue.path}`] ??= []).push(issue.message);
      }
    }
    return found;
  };
  const next = () => {
    const found = stepIssues();
    setErrors(found);
    if (Object.keys(found).length === 0) setStep(step + 1);
  };
  const finish = () =>
    startTransition(async () => {
      const result = await create({ vaultId, name: name.trim(), policy: properties, protectFolderIds: selected });
      setErrors(result.fieldErrors ?? {});
      setMessage(result.ok ? undefined : result.message);
      if (result.ok) setDone(result.message);
    });

  const rules = (() => {
    const imported = importAzurePolicy(properties);
    return imported.ok ? policyRulesOf(imported.policy.properties, imported.policy.timeZone) : null;
  })();

  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[220px_minmax(0,1fr)]">
      <ol aria-label="Wizard steps" className="space-y-1">
        {STEPS.map((label, index) => (
          <li
            key={label}
            aria-current={index === step ? "step" : undefined}
            className={`border-l-2 px-3 py-1 ${index === step ? "border-primary bg-primary-lighter font-semibold" : index < step ? "border-success" : "border-border text-text-secondary"}`}
          >
            {label}
          </li>
        ))}
      </ol>
      <section aria-label={STEPS[step]} className="max-w-4xl">
        <h2 className="mb-3 text-[16px] font-semibold">{done ? "Completed" : STEPS[step]}</h2>
        {done ? (
          <div>
            <p role="status" className="mb-4 rounded-sm bg-[#dff6dd] px-3 py-2">
              {done}
            </p>
            <button type="button" className={primaryButtonClass} onClick={() => router.push(listHref)}>
              Close
            </button>
          </div>
        ) : (
          <>
            {step === 0 ? (
              <div>
                <p className="mb-3 max-w-2xl">
                  This wizard schedules backups of files and folders of servers registered to this vault with the Azure
                  Backup Agent: what to back up, when, and how long each recovery point is kept.
                </p>
                <label htmlFor="policy-name" className="mb-1 block font-semibold">
                  Policy name
                </label>
                <input
                  id="policy-name"
                  className={`${inputClass} w-80`}
                  value={name}
                  onChange={(event) => setName(event.target.value)}
                  aria-invalid={errors.name ? true : undefined}
                />
                <FieldErrorList messages={errors.name ?? []} />
              </div>
            ) : null}
            {step === 1 ? (
              <div>
                {folders.length === 0 ? (
                  <p className="text-text-secondary">
                    Every folder of the servers registered to this vault is protected already. You can still create the
                    policy and assign it later.
                  </p>
                ) : (
                  <fieldset aria-label="Items to back up" className="space-y-1">
                    {folders.map((folder) => (
                      <label key={folder.id} className="flex items-center gap-2">
                        <input
                          type="checkbox"
                          checked={selected.includes(folder.id)}
                          onChange={(event) =>
                            setSelected(
                              event.target.checked
                                ? [...selected, folder.id]
                                : selected.filter((id) => id !== folder.id),
                            )
                          }
                        />
                        <span className="font-mono text-[12px]">{folder.path}</span>
                        <span className="text-text-secondary">
                          on {folder.server.name} · {folder.sizeGb} GB
                        </span>
                      </label>
                    ))}
                  </fieldset>
                )}
                <FieldErrorList messages={errors.protectFolderIds ?? []} />
              </div>
            ) : null}
            {step === 2 ? <ScheduleFields draft={draft} update={update} errors={errors} zones={zones} /> : null}
            {step === 3 ? (
              <div className="grid grid-cols-1 gap-4 xl:grid-cols-[minmax(0,1fr)_440px]">
                <RetentionFields draft={draft} update={update} errors={errors} />
                <RetentionPreview properties={properties} defaultStart={today} />
              </div>
            ) : null}
            {step === 4 ? (
              <fieldset aria-label="Initial backup type" className="space-y-2">
                <label className="flex items-start gap-2">
                  <input
                    type="radio"
                    checked={initialBackup === "online"}
                    onChange={() => setInitialBackup("online")}
                  />
                  <span>
                    <strong>Automatically over the network.</strong> The first backup copies everything over the
                    network.
                  </span>
                </label>
                <label className="flex items-start gap-2">
                  <input
                    type="radio"
                    checked={initialBackup === "offline"}
                    onChange={() => setInitialBackup("offline")}
                  />
                  <span>
                    <strong>Offline.</strong> Ship the initial copy on disks. This portal simulates data transfer, so
                    the first backup still runs over the network.
                  </span>
                </label>
              </fieldset>
            ) : null}
            {step === 5 ? (
              <dl aria-label="Summary" className="grid grid-cols-[200px_1fr] gap-y-2">
                <dt className="text-text-secondary">Policy name</dt>
                <dd>{name}</dd>
                <dt className="text-text-secondary">Items to back up</dt>
                <dd>
                  {selected.length === 0
                    ? "None yet"
                    : folders
                        .filter((folder) => selected.includes(folder.id))
                        .map((folder) => `${folder.path} (${folder.server.name})`)
                        .join(", ")}
                </dd>
                <dt className="text-text-secondary">Schedule</dt>
                <dd>{rules ? describeSchedule(rules.schedule, draft.windowsTimeZone) : "—"}</dd>
                <dt className="text-text-secondary">Retention</dt>
                <dd>{rules ? describeRetention(rules.rules).join("; ") : "—"}</dd>
                <dt className="text-text-secondary">Initial backup</dt>
                <dd>{initialBackup === "online" ? "Over the network" : "Offline"}</dd>
              </dl>
            ) : null}
            {message ? (
              <p role="alert" className="mt-3 rounded-sm border-l-4 border-error-bright bg-[#fde7e9] px-3 py-2">
                {message}
              </p>
            ) : null}
            {step === 5 ? <FieldErrorList messages={errorsUnder(errors, "policy")} /> : null}
            <div className="mt-6 flex gap-2 border-t border-divider pt-4">
              <button
                type="button"
                className={secondaryButtonClass}
                disabled={step === 0 || pending}
                onClick={() => setStep(step - 1)}
              >
                Previous
              </button>
              {step < STEPS.length - 1 ? (
                <button type="button" className={primaryButtonClass} onClick={next}>
                  Next
                </button>
              ) : (
                <button type="button" className={primaryButtonClass} disabled={pending} onClick={finish}>
                  {pending ? "Creating…" : "Finish"}
                </button>
              )}
              <Link href={listHref} className={secondaryButtonClass}>
                Cancel
              </Link>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
