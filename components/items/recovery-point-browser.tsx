"use client";

import { useState, useTransition } from "react";
import type { ActionState } from "@/components/forms/action-state";
import { inputClass, secondaryButtonClass } from "@/components/forms/field";
import { formatBytes } from "@/lib/domain/jobs/display";

export type PointEntry = { name: string; path: string; type: string; size: number; mtime: string | null };
export type BrowseAnswer = ActionState & { data?: { entries: PointEntry[]; truncated: boolean } };
export type Browse = (request: { folder?: string; search?: string }) => Promise<BrowseAnswer>;

/**
 * Select Items to Recover: the recovery point's folders, opened one at a time (the server's agent
 * reads each when asked), or the entries whose name contains a text; checked entries are selected.
 */
export function RecoveryPointBrowser({
  root,
  browse,
  selected,
  onToggle,
  downloadHref,
}: {
  /** The item's folder. */
  root: string;
  browse: Browse;
  selected: string[];
  onToggle: (path: string, checked: boolean) => void;
  /** Where a file, or a folder as a zip archive, downloads from; null for what can't be downloaded. */
  downloadHref: (entry: PointEntry) => string | null;
}) {
  const [folder, setFolder] = useState<string | null>(null);
  const [search, setSearch] = useState("");
  const [answer, setAnswer] = useState<{ title: string; result: BrowseAnswer } | null>(null);
  const [pending, startTransition] = useTransition();

  function show(request: { folder?: string; search?: string }, title: string) {
    startTransition(async () => {
      const result = await browse(request).catch((): BrowseAnswer => ({
        ok: false,
        message: "The portal couldn't ask the agent. Check the connection.",
      }));
      setAnswer({ title, result });
    });
  }
  const open = (path: string) => {
    setFolder(path);
    show({ folder: path }, path);
  };
  const parent = folder && folder !== root ? folder.slice(0, folder.lastIndexOf("/")) || "/" : null;

  return (
    <div className="rounded-sm border border-border p-2">
      <div className="mb-2 flex flex-wrap gap-2">
        <button type="button" className={secondaryButtonClass} onClick={() => open(folder ?? root)} disabled={pending}>
          {answer ? "Refresh" : "Browse the recovery point"}
        </button>
        <form
          className="flex gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            if (search.trim()) show({ search: search.trim() }, `Names containing “${search.trim()}”`);
          }}
        >
          <label htmlFor="point-search" className="sr-only">
            Search by name
          </label>
          <input
            id="point-search"
            className={`${inputClass} w-44`}
            placeholder="Search by name"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
          <button type="submit" className={secondaryButtonClass} disabled={pending || !search.trim()}>
            Search
          </button>
        </form>
      </div>
      {pending ? (
        <p role="status" className="text-text-secondary">
          Asking the server&apos;s Backup Agent…
        </p>
      ) : null}
      {!pending && answer ? (
        answer.result.ok && answer.result.data ? (
          <div>
            <p className="mb-1 font-mono text-[12px] text-text-secondary">{answer.title}</p>
            {parent && answer.title === folder ? (
              <button type="button" className="mb-1 text-primary hover:underline" onClick={() => open(parent)}>
                .. (up)
              </button>
            ) : null}
            {answer.result.data.entries.length === 0 ? <p>Nothing here.</p> : null}
            <ul aria-label="Items in the recovery point" className="max-h-56 overflow-y-auto">
              {answer.result.data.entries.map((entry) => (
                <li key={entry.path} className="flex items-center gap-2 py-0.5">
                  <input
                    type="checkbox"
                    aria-label={entry.path}
                    checked={selected.includes(entry.path)}
                    onChange={(event) => onToggle(entry.path, event.target.checked)}
                  />
                  {entry.type === "dir" ? (
                    <button
                      type="button"
                      className="text-primary hover:underline"
                      onClick={() => open(entry.path)}
                      title={`Open ${entry.path}`}
                    >
                      {answer.title === folder ? entry.name : entry.path}/
                    </button>
                  ) : (
                    <span>{answer.title === folder ? entry.name : entry.path}</span>
                  )}
                  <span className="ml-auto flex shrink-0 gap-3 whitespace-nowrap text-[12px] text-text-secondary">
                    {entry.type === "file" ? formatBytes(entry.size) : null}
                    {downloadHref(entry) ? (
                      <a
                        href={downloadHref(entry)!}
                        className="text-primary hover:underline"
                        aria-label={`Download ${entry.path}${entry.type === "dir" ? " as a zip archive" : ""}`}
                      >
                        Download
                      </a>
                    ) : null}
                  </span>
                </li>
              ))}
            </ul>
            {answer.result.message ? (
              <p className="mt-1 text-[12px] text-text-secondary">{answer.result.message}</p>
            ) : null}
          </div>
        ) : (
          <p role="alert" className="text-error">
            {answer.result.message}
          </p>
        )
      ) : null}
    </div>
  );
}
