import Link from "next/link";
import type { ReactNode } from "react";

export type Crumb = { label: string; href?: string };

export function Breadcrumbs({ crumbs }: { crumbs: Crumb[] }) {
  return (
    <nav aria-label="Breadcrumb" className="text-[12px] text-text-secondary">
      <ol className="flex flex-wrap items-center gap-1">
        {crumbs.map((crumb, index) => (
          <li key={`${crumb.label}-${index}`} className="flex items-center gap-1">
            {index > 0 ? <span aria-hidden>&gt;</span> : null}
            {crumb.href ? (
              <Link href={crumb.href} className="text-primary hover:underline">
                {crumb.label}
              </Link>
            ) : (
              <span aria-current="page">{crumb.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** A portal blade: breadcrumb, icon and title, subtitle, command bar, then content. */
export function Blade({
  crumbs,
  title,
  subtitle,
  icon,
  commands,
  children,
}: {
  crumbs: Crumb[];
  title: string;
  subtitle?: string;
  icon?: ReactNode;
  commands?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="flex min-h-full flex-col bg-surface" aria-labelledby="blade-title">
      <header className="px-6 pt-3">
        <Breadcrumbs crumbs={crumbs} />
        <div className="mt-2 flex items-center gap-3">
          {icon ? (
            // In the portal's blue, as Azure's blade headers, unless the icon has its own colour.
            <span className="flex h-8 w-8 items-center justify-center text-primary [&>svg]:h-7 [&>svg]:w-7">
              {icon}
            </span>
          ) : null}
          <div>
            <h1 id="blade-title" className="text-[20px] font-semibold leading-7">
              {title}
            </h1>
            {subtitle ? <p className="text-[12px] text-text-secondary">{subtitle}</p> : null}
          </div>
        </div>
      </header>
      {commands ? (
        <div className="mt-2 border-b border-divider px-4">{commands}</div>
      ) : (
        <div className="mt-3 border-b border-divider" />
      )}
      <div className="flex-1 px-6 py-4">{children}</div>
    </section>
  );
}

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="mb-6">
      <div className="mb-2 flex items-center justify-between">
        <h2 className="text-[15px] font-semibold">{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
