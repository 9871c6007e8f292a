"use client";

import { usePathname, useRouter } from "next/navigation";
import { type ReactNode, useEffect, useRef } from "react";

/** How long typing pauses before the list follows: a keystroke alone doesn't reload the page. */
const TYPING_PAUSE_MS = 300;

/**
 * A list's filters that apply as they change, as the Azure portal's lists do: a select at once,
 * a text box when typing pauses. The filters live in the address (a GET form: Enter submits it
 * without JavaScript too); any change starts again on the first page.
 */
export function LiveFilterForm({ label, children }: { label: string; children: ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const form = useRef<HTMLFormElement>(null);
  const typing = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(typing.current), []);
  const apply = () => {
    if (!form.current) return;
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(form.current))
      if (typeof value === "string" && value.trim() !== "") query.set(name, value.trim());
    const search = query.toString();
    router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false });
  };
  return (
    <form
      ref={form}
      role="search"
      aria-label={label}
      className="mb-3 flex flex-wrap items-end gap-2"
      onChange={(event) => {
        clearTimeout(typing.current);
        if (event.target instanceof HTMLSelectElement) apply();
        else typing.current = setTimeout(apply, TYPING_PAUSE_MS);
      }}
    >
      {children}
    </form>
  );
}
