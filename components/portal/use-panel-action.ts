"use client";

import { useState, useTransition } from "react";
import type { ActionState } from "@/components/forms/action-state";
import { useNotify } from "@/components/portal/notifications";

/**
 * Runs a panel's server action: keeps its state for the panel, and reports the outcome as a toast
 * and in the notifications (a field's error stays next to the field only). `page` is where
 * `onDone` goes, if it navigates: the toast is about that page.
 */
export function usePanelAction(title: string, onDone: () => void, page?: string) {
  const notify = useNotify();
  const [state, setState] = useState<ActionState>();
  const [pending, startTransition] = useTransition();
  function run<T>(perform: () => Promise<ActionState & { data?: T }>, linkOf?: (data: T) => string) {
    startTransition(async () => {
      // A dropped connection or a server crash is an outcome too, not a blank panel.
      const result = await perform().catch((): ActionState & { data?: T } => ({
        ok: false,
        message: "The portal couldn't complete the request. Check the connection and try again.",
      }));
      setState(result);
      if (result.ok || !result.fieldErrors) {
        notify({
          title,
          message: result.message ?? "",
          tone: result.ok ? "success" : "error",
          href: result.ok && result.data !== undefined && linkOf ? linkOf(result.data) : undefined,
          page: result.ok ? page : undefined,
        });
      }
      if (result.ok) onDone();
    });
  }
  return { state, pending, run, reset: () => setState(undefined) };
}
