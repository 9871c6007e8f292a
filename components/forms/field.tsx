import type { ReactNode } from "react";
import { useDisabledReason } from "./disabled-reason";

/** A labelled form field with its hint and the server's reasons next to it. */
export function Field({
  id,
  label,
  required,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  required?: boolean;
  hint?: string;
  errors?: string[];
  children: ReactNode;
}) {
  return (
    <div className="mb-4 grid grid-cols-1 gap-1 md:grid-cols-[200px_minmax(0,420px)] md:items-start">
      <label htmlFor={id} className="pt-1.5 font-semibold">
        {label}
        {required ? <span className="text-error-bright"> *</span> : null}
      </label>
      <div>
        {children}
        {hint ? <p className="mt-1 text-[12px] text-text-secondary">{hint}</p> : null}
        <FieldErrors id={`${id}-error`} errors={errors} />
      </div>
    </div>
  );
}

/** The server's reasons for a field, under it. */
export function FieldErrors({ id, errors }: { id?: string; errors?: string[] }) {
  return errors?.map((error) => (
    <p key={error} id={id} role="alert" className="mt-1 text-[12px] text-error">
      {error}
    </p>
  ));
}

/**
 * A form's submit button, disabled with the reason when the user's role doesn't allow the change
 * (the reason also shows under it, for keyboard and touch users).
 */
export function PermittedSubmit({
  label,
  pendingLabel,
  pending,
  denied,
  disabled = false,
  className = "",
}: {
  label: string;
  pendingLabel: string;
  pending: boolean;
  denied: string | null;
  disabled?: boolean;
  className?: string;
}) {
  const reason = useDisabledReason(denied, { shown: true });
  return (
    <>
      <button
        type="submit"
        className={`${primaryButtonClass} ${className}`}
        disabled={pending || denied !== null || disabled}
        title={denied ?? undefined}
        aria-describedby={reason.describedBy}
      >
        {pending ? pendingLabel : label}
      </button>
      {reason.reasonText}
    </>
  );
}

export const inputClass =
  "h-8 rounded-sm border border-border-strong bg-surface px-2 text-[13px] hover:border-text aria-[invalid=true]:border-error-bright";
export const primaryButtonClass =
  "inline-flex h-8 items-center rounded-sm bg-primary px-4 text-[13px] font-semibold text-white hover:bg-primary-hover active:bg-primary-pressed disabled:bg-surface-muted disabled:text-text-disabled";
export const destructiveButtonClass =
  "inline-flex h-8 items-center rounded-sm bg-error-bright px-4 text-[13px] font-semibold text-white hover:bg-error disabled:bg-surface-muted disabled:text-text-disabled";
export const secondaryButtonClass =
  "inline-flex h-8 items-center rounded-sm border border-border-strong bg-surface px-4 text-[13px] font-semibold hover:bg-surface-muted";
