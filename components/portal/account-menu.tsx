"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState, useTransition } from "react";

const itemClass = "block cursor-pointer text-primary outline-none hover:underline data-highlighted:underline";

/**
 * The top bar's account menu. Radix's menu closes on Escape, a click outside and a chosen entry,
 * keeps keyboard focus in the menu while open and gives it back to the button after.
 */
export function AccountMenu({
  user,
  signOut,
}: {
  user: { name: string; email: string };
  signOut: () => Promise<void>;
}) {
  const [signingOut, startSignOut] = useTransition();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  // Any navigation closes it too (the browser's Back, a link of the page): the top bar stays mounted
  // across pages, so the page it is on is state, adjusted while rendering.
  const [shownOn, setShownOn] = useState(pathname);
  if (shownOn !== pathname) {
    setShownOn(pathname);
    setOpen(false);
  }
  return (
    // Not modal: a click outside closes the menu and still does what it clicks, as in Azure's portal.
    <DropdownMenu.Root open={open} onOpenChange={setOpen} modal={false}>
      <DropdownMenu.Trigger
        aria-label={`Account: ${user.email}`}
        className="flex h-10 items-center px-3 text-[12px] hover:bg-white/10 data-[state=open]:bg-white/10"
      >
        {user.name}
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          className="z-50 w-64 border border-border bg-surface p-3 text-[13px] text-text shadow-2xl"
        >
          <p className="font-semibold">{user.name}</p>
          <p className="mb-3 text-[12px] text-text-secondary">{user.email}</p>
          <DropdownMenu.Item asChild className={`mb-2 ${itemClass}`}>
            <Link href="/account">My account</Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item
            className={itemClass}
            disabled={signingOut}
            // Kept open until the sign-in page replaces the portal.
            onSelect={(event) => {
              event.preventDefault();
              startSignOut(signOut);
            }}
          >
            {signingOut ? "Signing out…" : "Sign out"}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
