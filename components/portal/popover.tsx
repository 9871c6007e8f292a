"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { type ReactNode, useRef } from "react";

/** The button that opens its Popover: put it inside the Popover's `trigger`. */
export const PopoverTrigger = Dialog.Trigger;

/**
 * A small popover under its trigger, as Azure's filter pills and date fields open theirs: a
 * non-modal dialog that Escape and a click outside close, giving focus back to the trigger.
 */
export function Popover({
  open,
  onOpenChange,
  title,
  titleHidden = false,
  trigger,
  focusChosen = false,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  /** The title names the dialog for screen readers only, when what it holds says what it is (a calendar). */
  titleHidden?: boolean;
  /** Holds the PopoverTrigger. */
  trigger: ReactNode;
  /** Focus starts on a refused field, else on the chosen value, rather than on the first control. */
  focusChosen?: boolean;
  children: ReactNode;
}) {
  const content = useRef<HTMLDivElement>(null);
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange} modal={false}>
      <div className="relative">
        {trigger}
        <Dialog.Content
          ref={content}
          aria-describedby={undefined}
          className="absolute left-0 top-full z-30 mt-1 w-72 border border-border bg-surface p-3 text-[13px] shadow-xl"
          onOpenAutoFocus={(event) => {
            if (!focusChosen) return;
            const target =
              content.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
              content.current?.querySelector<HTMLElement>('[aria-current="true"]');
            if (!target) return;
            event.preventDefault();
            target.focus();
          }}
        >
          <Dialog.Title className={titleHidden ? "sr-only" : "mb-2 font-semibold"}>{title}</Dialog.Title>
          {children}
        </Dialog.Content>
      </div>
    </Dialog.Root>
  );
}
