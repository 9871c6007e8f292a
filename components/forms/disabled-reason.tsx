import { useId } from "react";

/**
 * Why a control is disabled, for everyone: the caller shows it on hover with `title`, and screen
 * readers read it as the control's description through `aria-describedby` on this hidden text.
 */
export function useDisabledReason(reason: string | null | undefined) {
  const id = useId();
  if (!reason) return { describedBy: undefined, reasonText: null };
  return {
    describedBy: id,
    reasonText: (
      <span id={id} className="sr-only">
        {reason}
      </span>
    ),
  };
}
