import { useId } from "react";

/**
 * Why a control is disabled, for everyone: screen readers read it as the control's description
 * through `aria-describedby` on this text. Hidden by default (the caller shows it on hover with
 * `title`); `shown` writes it under the control, for keyboard and touch users too.
 */
export function useDisabledReason(reason: string | null | undefined, { shown = false } = {}) {
  const id = useId();
  if (!reason) return { describedBy: undefined, reasonText: null };
  return {
    describedBy: id,
    reasonText: shown ? (
      <p id={id} className="mt-2 text-[12px] text-text-secondary">
        {reason}
      </p>
    ) : (
      <span id={id} className="sr-only">
        {reason}
      </span>
    ),
  };
}
