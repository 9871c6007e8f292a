import type { ReactNode } from "react";

/** Sign-in and set-up: a card on the portal's background, without the portal's navigation. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-full flex-col bg-surface-alt">
      <header className="flex h-10 shrink-0 items-center bg-topbar px-4 text-white">
        <span className="text-[15px] font-semibold tracking-tight">Vault Portal</span>
        <span className="ml-4 text-[12px] text-white/70">Azure Backup · Recovery Services</span>
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-16">
        <div className="w-full max-w-[560px] rounded-sm border border-border bg-surface p-8 shadow-sm">{children}</div>
      </main>
    </div>
  );
}
