import Link from "next/link";
import type { ReactNode } from "react";

export function Tile({ title, children, className = "" }: { title: string; children: ReactNode; className?: string }) {
  return (
    <section
      aria-label={title}
      className={`rounded-sm border border-border bg-surface p-4 shadow-[0_1.6px_3.6px_rgba(0,0,0,0.08)] ${className}`}
    >
      <h2 className="mb-3 text-[14px] font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/** A big number with its label; a link when it leads somewhere. */
export function TileMetric({
  label,
  value,
  href,
  icon,
}: {
  label: string;
  value: ReactNode;
  href?: string;
  icon?: ReactNode;
}) {
  const content = (
    <>
      <span className="flex items-center gap-1.5 text-[24px] font-semibold leading-8">
        {icon}
        {value}
      </span>
      <span className="text-[12px] text-text-secondary">{label}</span>
    </>
  );
  return href ? (
    <Link
      href={href}
      className="flex flex-col rounded-sm px-1 hover:bg-primary-lighter"
      aria-label={`${label}: ${value}`}
    >
      {content}
    </Link>
  ) : (
    <div className="flex flex-col px-1">{content}</div>
  );
}
