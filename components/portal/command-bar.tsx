import Link from "next/link";
import type { ButtonHTMLAttributes, ReactNode } from "react";
import { useDisabledReason } from "@/components/forms/disabled-reason";

export function CommandBar({ children, label = "Commands" }: { children: ReactNode; label?: string }) {
  return (
    <div role="toolbar" aria-label={label} className="flex flex-wrap items-center gap-0.5 py-1">
      {children}
    </div>
  );
}

export const commandClass =
  "inline-flex h-8 items-center gap-1.5 rounded-sm px-2 text-[13px] text-text hover:bg-surface-muted disabled:cursor-not-allowed disabled:text-text-disabled disabled:hover:bg-transparent [&>svg]:text-primary disabled:[&>svg]:text-text-disabled";

export function CommandLink({ href, icon, children }: { href: string; icon?: ReactNode; children: ReactNode }) {
  return (
    <Link href={href} className={commandClass}>
      {icon}
      {children}
    </Link>
  );
}

/** A command; when disabled, `disabledReason` is shown on hover and read by screen readers. */
export function CommandButton({
  icon,
  children,
  disabledReason,
  disabled,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { icon?: ReactNode; disabledReason?: string }) {
  const reason = useDisabledReason(disabled ? disabledReason : null);
  return (
    <span title={disabled ? disabledReason : undefined}>
      <button
        type="button"
        className={commandClass}
        disabled={disabled}
        aria-describedby={reason.describedBy}
        {...props}
      >
        {icon}
        {children}
      </button>
      {reason.reasonText}
    </span>
  );
}

export function CommandDivider() {
  return <span aria-hidden className="mx-1 h-5 w-px bg-border" />;
}

/** A command link, or the same command disabled with the reason when the user's role doesn't allow it. */
export function PermittedCommandLink({
  href,
  icon,
  denied,
  children,
}: {
  href: string;
  icon?: ReactNode;
  denied: string | null;
  children: ReactNode;
}) {
  return denied ? (
    <CommandButton icon={icon} disabled disabledReason={denied}>
      {children}
    </CommandButton>
  ) : (
    <CommandLink href={href} icon={icon}>
      {children}
    </CommandLink>
  );
}
