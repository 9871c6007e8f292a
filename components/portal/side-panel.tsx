"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { type ReactNode, useEffect } from "react";
import { destructiveButtonClass, primaryButtonClass } from "@/components/forms/field";
import type { usePanelAction } from "./use-panel-action";

/** A blade that slides in from the right over the page, as the Azure portal opens its action panes. */
export function SidePanel({
  open,
  onOpenChange,
  title,
  description,
  trigger,
  children,
  footer,
}: {
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  /** The element that opens the panel, when the panel isn't opened from outside. */
  trigger?: ReactNode;
  children: ReactNode;
  footer: ReactNode;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger ? <Dialog.Trigger asChild>{trigger}</Dialog.Trigger> : null}
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <Dialog.Content
          data-side-panel
          className="fixed right-0 top-0 z-50 flex h-full w-[480px] max-w-full flex-col bg-surface shadow-2xl"
          // Closing a toast is not a click away from the panel.
          onInteractOutside={(event) => {
            if (event.target instanceof Element && event.target.closest("[data-sonner-toaster]"))
              event.preventDefault();
          }}
        >
          <div className="border-b border-divider px-6 py-4">
            <Dialog.Title className="text-[18px] font-semibold">{title}</Dialog.Title>
            {description ? (
              <Dialog.Description className="text-[12px] text-text-secondary">{description}</Dialog.Description>
            ) : null}
          </div>
          <div className="flex min-h-0 flex-1 flex-col overflow-y-auto px-6 py-4">{children}</div>
          <div className="flex gap-2 border-t border-divider px-6 py-3">{footer}</div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** The outcome of a panel's action: a success note, or the server's refusal. */
export function ActionMessage({ state }: { state?: { ok?: boolean; message?: string } }) {
  if (!state?.message) return null;
  return (
    <p
      role={state.ok ? "status" : "alert"}
      className={`mt-3 rounded-sm px-3 py-2 ${state.ok ? "bg-[#dff6dd]" : "border-l-4 border-error-bright bg-[#fde7e9]"}`}
    >
      {state.message}
    </p>
  );
}

export function CloseButton({ children }: { children?: ReactNode }) {
  return (
    <Dialog.Close asChild>
      <button
        type="button"
        className="inline-flex h-8 items-center rounded-sm border border-border-strong bg-surface px-4 text-[13px] font-semibold hover:bg-surface-muted"
      >
        {children ?? "Cancel"}
      </button>
    </Dialog.Close>
  );
}

/**
 * A side panel whose footer runs one server action (through `usePanelAction`): the submit button
 * shows progress, and the panel opens fresh each time, as Azure's panes do.
 */
export function ActionPanel({
  action,
  submitLabel,
  busyLabel = "Working…",
  destructive,
  disabled,
  onSubmit,
  onClosed,
  closeLabel,
  ...panel
}: Omit<Parameters<typeof SidePanel>[0], "footer"> & {
  open: boolean;
  action: ReturnType<typeof usePanelAction>;
  submitLabel: string;
  busyLabel?: string;
  closeLabel?: string;
  destructive?: boolean;
  disabled?: boolean;
  onSubmit: () => void;
  /** Puts the panel's fields back to their defaults. */
  onClosed?: () => void;
}) {
  // However the panel closes (Cancel, Escape, or its action's success, which closes it from
  // outside), the last outcome and what was typed don't show when it opens again.
  useEffect(() => {
    if (panel.open) return;
    action.reset();
    onClosed?.();
    // Only a change of `open` resets: `action` and `onClosed` are new objects at every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [panel.open]);
  return (
    <SidePanel
      {...panel}
      footer={
        <>
          <button
            type="button"
            className={destructive ? destructiveButtonClass : primaryButtonClass}
            disabled={action.pending || disabled}
            onClick={onSubmit}
          >
            {action.pending ? busyLabel : submitLabel}
          </button>
          <CloseButton>{closeLabel}</CloseButton>
        </>
      }
    />
  );
}
