"use client";

// Create an Azure VM policy, or modify any policy: schedule, instant restore, retention, preview.
// Modify shows what the change does to existing recovery points before it is saved.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionState } from "@/components/forms/action-state";
import { inputClass, primaryButtonClass, secondaryButtonClass } from "@/components/forms/field";
import type { PolicyChangeImpact } from "@/lib/domain/retention/policy-change";
import { newPolicyDraft, type PolicyDraft } from "@/lib/domain/policy/draft";
import {
  type FieldErrors,
  FieldErrorList,
  InstantRestoreFields,
  RetentionFields,
  ScheduleFields,
  type ZoneChoice,
} from "./policy-fields";
import { RemovalConfirmation } from "./policy-change-impact";
import { RetentionPreview } from "./retention-preview";
import { usePolicyDraft } from "./use-policy-draft";
import { counted } from "@/lib/domain/format/count";

type SaveResult = ActionState & { data?: unknown };

export type PolicyFormProps = {
  vaultId: string;
  zones: ZoneChoice[];
  /** The viewer's zone, for the times of recovery points. */
  timeZone: string;
  today: string;
  listHref: string;
} & (
  | {
      mode: "create";
      initial: PolicyDraft;
      create: (input: { vaultId: string; name: string; policy: unknown }) => Promise<SaveResult>;
    }
  | {
      mode: "modify";
      policyId: string;
      initial: PolicyDraft;
      preview: (input: {
        vaultId: string;
        policyId: string;
        policy: unknown;
      }) => Promise<ActionState & { data?: PolicyChangeImpact }>;
      save: (input: {
        vaultId: string;
        policyId: string;
        policy: unknown;
        confirmRemoval: boolean;
      }) => Promise<ActionState & { data?: PolicyChangeImpact }>;
    }
);

export function PolicyForm(props: PolicyFormProps) {
  const router = useRouter();
  const { draft, update, properties } = usePolicyDraft(props.initial);
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [impact, setImpact] = useState<PolicyChangeImpact>();
  const [confirmRemoval, setConfirmRemoval] = useState(false);
  const [pending, startTransition] = useTransition();
  const isVm = draft.workload === "AzureIaasVM";

  const report = (result: ActionState) => {
    setErrors(result.fieldErrors ?? {});
    setMessage(result.message ? { ok: Boolean(result.ok), text: result.message } : undefined);
  };
  const edit = (change: (next: PolicyDraft) => void) => {
    update(change);
    setImpact(undefined);
  };

  const submit = () =>
    startTransition(async () => {
      if (props.mode === "create") {
        const result = await props.create({ vaultId: props.vaultId, name, policy: properties });
        report(result);
        if (result.ok) router.push(`${props.listHref}?created=${encodeURIComponent(name)}`);
        return;
      }
      if (!impact) {
        const result = await props.preview({ vaultId: props.vaultId, policyId: props.policyId, policy: properties });
        report(result);
        if (result.ok) setImpact(result.data);
        setConfirmRemoval(false);
        return;
      }
      const result = await props.save({
        vaultId: props.vaultId,
        policyId: props.policyId,
        policy: properties,
        confirmRemoval,
      });
      report(result);
      setImpact(undefined);
    });

  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,1fr)_480px]">
      <form
        className="max-w-3xl"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        {props.mode === "create" ? (
          <div className="mb-4 grid grid-cols-1 gap-1 md:grid-cols-[180px_1fr]">
            <label htmlFor="policy-name" className="pt-1.5 font-semibold">
              Policy name <span className="text-error-bright">*</span>
            </label>
            <div>
              <input
                id="policy-name"
                className={`${inputClass} w-full max-w-80`}
                value={name}
                onChange={(event) => setName(event.target.value)}
                aria-invalid={errors.name ? true : undefined}
              />
              <FieldErrorList messages={errors.name ?? []} />
            </div>
          </div>
        ) : null}
        {isVm ? (
          <div className="mb-4 grid grid-cols-1 gap-1 md:grid-cols-[180px_1fr]">
            <span className="pt-1.5 font-semibold">Policy sub-type</span>
            <div className="flex gap-4 pt-1.5">
              {(["V1", "V2"] as const).map((type) => (
                <label key={type} className="inline-flex items-center gap-1">
                  <input
                    type="radio"
                    name="vmPolicyType"
                    checked={draft.vmPolicyType === type}
                    // Enhanced can't become standard (Azure), and a new draft takes the sub-type's defaults.
                    disabled={props.mode === "modify" && (props.initial.vmPolicyType === "V2" || type === "V1")}
                    onChange={() =>
                      edit((next) =>
                        Object.assign(next, newPolicyDraft("AzureIaasVM", type), {
                          windowsTimeZone: next.windowsTimeZone,
                          runDate: next.runDate,
                        }),
                      )
                    }
                  />
                  {type === "V1" ? "Standard" : "Enhanced"}
                </label>
              ))}
            </div>
          </div>
        ) : null}
        <h2 className="mb-2 mt-4 text-[15px] font-semibold">Backup schedule</h2>
        <ScheduleFields draft={draft} update={edit} errors={errors} zones={props.zones} />
        {isVm ? <InstantRestoreFields draft={draft} update={edit} errors={errors} /> : null}
        <h2 className="mb-2 mt-4 text-[15px] font-semibold">Retention range</h2>
        <RetentionFields draft={draft} update={edit} errors={errors} />
        <FieldErrorList messages={[...(errors.policy ?? []), ...(errors["policy.backupManagementType"] ?? [])]} />
        {impact ? (
          <div role="status" aria-label="Impact of the change" className="mb-3 rounded-sm bg-warning-bg px-3 py-2">
            Saving applies the new rules to <strong>{counted(impact.itemCount, "backup item")}</strong> and their{" "}
            {counted(impact.recoveryPoints, "existing recovery point")}: <strong>{impact.expireSooner}</strong> expire
            sooner, <strong>{impact.liveLonger}</strong> live longer, {impact.unchanged} unchanged. On-demand points
            keep their retain-till date.
          </div>
        ) : null}
        {impact && impact.removedWithinDay.length > 0 ? (
          <div className="mb-3">
            <RemovalConfirmation
              removed={impact.removedWithinDay}
              timeZone={props.timeZone}
              checked={confirmRemoval}
              onCheckedChange={setConfirmRemoval}
            />
          </div>
        ) : null}
        {message ? (
          <p
            role={message.ok ? "status" : "alert"}
            className={`mb-3 rounded-sm px-3 py-2 ${message.ok ? "bg-[#dff6dd]" : "border-l-4 border-error-bright bg-[#fde7e9]"}`}
          >
            {message.text}
          </p>
        ) : null}
        <div className="flex gap-2 border-t border-divider pt-4">
          <button
            type="submit"
            className={primaryButtonClass}
            disabled={pending || (impact !== undefined && impact.removedWithinDay.length > 0 && !confirmRemoval)}
          >
            {pending ? "Working…" : props.mode === "create" ? "Create" : impact ? "Save" : "Review changes"}
          </button>
          <Link href={props.listHref} className={secondaryButtonClass}>
            Cancel
          </Link>
        </div>
      </form>
      <RetentionPreview properties={properties} defaultStart={props.today} />
    </div>
  );
}
