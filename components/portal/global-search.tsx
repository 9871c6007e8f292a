"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { SearchIcon } from "@/components/icons";
import type { SearchResult } from "@/lib/domain/search";

/** How long typing pauses before the portal is asked. */
const TYPING_PAUSE_MS = 200;

/**
 * The top bar's search, keyboard-first as Azure's: G then / goes to it, the arrows move through
 * the results, Enter opens one, Escape closes them. It finds vaults, backup items and policies.
 */
export function GlobalSearch() {
  const router = useRouter();
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [term, setTerm] = useState("");
  const [results, setResults] = useState<SearchResult[] | null>(null);
  const [active, setActive] = useState(0);

  useEffect(() => {
    let previousKey = "";
    const focusSearch = (event: KeyboardEvent) => {
      const typing = event.target instanceof HTMLElement && event.target.closest("input, textarea, select");
      if (!typing && previousKey === "g" && event.key === "/") {
        event.preventDefault();
        input.current?.focus();
      }
      previousKey = event.key.toLowerCase();
    };
    window.addEventListener("keydown", focusSearch);
    return () => window.removeEventListener("keydown", focusSearch);
  }, []);

  useEffect(() => {
    if (term.trim() === "") return;
    let current = true;
    const timer = setTimeout(async () => {
      const response = await fetch(`/search?${new URLSearchParams({ q: term })}`, { cache: "no-store" }).catch(
        () => null,
      );
      const found = response?.ok ? ((await response.json()) as SearchResult[]) : [];
      if (!current) return;
      setResults(found);
      setActive(0);
    }, TYPING_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [term]);

  const shown = term.trim() === "" ? null : results;
  const open = (result: SearchResult) => {
    setTerm("");
    setResults(null);
    input.current?.blur();
    router.push(result.href);
  };
  return (
    <div className="relative w-[420px] max-w-[40vw]">
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-label="Search resources"
        aria-keyshortcuts="G /"
        aria-expanded={shown !== null}
        aria-controls={listId}
        aria-activedescendant={shown?.length ? `${listId}-${active}` : undefined}
        placeholder="Search resources (G+/)"
        value={term}
        onChange={(event) => setTerm(event.target.value)}
        onBlur={() => setTimeout(() => setResults(null), 150)}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            setTerm("");
            setResults(null);
          } else if (shown?.length && event.key === "ArrowDown") {
            event.preventDefault();
            setActive((active + 1) % shown.length);
          } else if (shown?.length && event.key === "ArrowUp") {
            event.preventDefault();
            setActive((active - 1 + shown.length) % shown.length);
          } else if (shown?.length && event.key === "Enter") {
            event.preventDefault();
            open(shown[active]);
          }
        }}
        className="peer h-7 w-full rounded-sm border border-white/30 bg-white/10 pl-7 pr-2 text-[12px] text-white placeholder:text-white/70 focus:bg-white focus:text-text focus:outline-none"
      />
      {/* After the box, so that it can take the box's focused colours (peer-focus). */}
      <SearchIcon className="pointer-events-none absolute left-2 top-1/2 -translate-y-1/2 text-white/70 peer-focus:text-text-secondary" />
      {shown !== null ? (
        <ul
          id={listId}
          role="listbox"
          aria-label="Search results"
          className="absolute left-0 right-0 top-8 z-50 max-h-[60vh] overflow-y-auto rounded-sm border border-border bg-surface py-1 text-text shadow-xl"
        >
          {shown.length === 0 ? (
            <li className="px-3 py-2 text-[12px] text-text-secondary">No results</li>
          ) : (
            shown.map((result, index) => (
              <li
                key={result.href}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                className={`cursor-pointer px-3 py-1.5 ${index === active ? "bg-primary-lighter" : "hover:bg-surface-muted"}`}
                onMouseDown={(event) => {
                  event.preventDefault();
                  open(result);
                }}
              >
                <span className="block text-[13px]">{result.name}</span>
                <span className="block text-[11px] text-text-secondary">
                  {result.kind} · {result.detail}
                </span>
              </li>
            ))
          )}
        </ul>
      ) : null}
    </div>
  );
}
