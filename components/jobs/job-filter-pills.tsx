"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { FieldErrors, inputClass, primaryButtonClass } from "@/components/forms/field";
import { CheckmarkIcon, DismissIcon, FilterIcon } from "@/components/icons";
import { commandClass } from "@/components/portal/command-bar";
import { Popover, PopoverTrigger } from "@/components/portal/popover";
import { listHref } from "@/lib/domain/list-address";

/**
 * A filter of the jobs list: its parameter in the address, its name and its choices. The first
 * choice is the default, which the address leaves out.
 */
export type ListFilter = {
  name: string;
  label: string;
  options: Array<[value: string, label: string]>;
  /** The choice that takes a start and an end (`from`, `to`) instead of a preset: Start time's custom range. */
  customRange?: string;
};

type FilterProps = {
  base: string;
  /** The address's parameters but the page: the filters, the sort, the columns. */
  query: Record<string, string>;
  filters: ListFilter[];
  /** The reasons the address's values are refused, by parameter (the custom range's show at its fields). */
  errors: Record<string, string[] | undefined>;
};

const defaultOf = (filter: ListFilter) => filter.options[0][0];
const valueOf = (filter: ListFilter, query: Record<string, string>) => query[filter.name] || defaultOf(filter);
const labelOf = (filter: ListFilter, value: string) =>
  filter.options.find(([option]) => option === value)?.[1] ?? value;
const rangeRefused = (filter: ListFilter, errors: FilterProps["errors"]) =>
  filter.customRange !== undefined && Boolean(errors.from || errors.to);

/** The list with `filter` set to `value`, from its first page; a preset leaves a custom range's ends out. */
function chosenHref({ base, query }: FilterProps, filter: ListFilter, value: string) {
  return listHref(base, query, {
    [filter.name]: value === defaultOf(filter) ? "" : value,
    ...(filter.customRange ? { from: "", to: "" } : {}),
  });
}

/**
 * A popover's open state. A new address (a choice made) closes it, or opens it when `refused`: the
 * address's values for it are refused, and its fields say why. Adjusted while rendering, as the
 * address comes with the render.
 */
function useOpenPerAddress(address: string, refused: boolean) {
  const [state, setState] = useState({ address, open: refused });
  if (state.address !== address) setState({ address, open: refused });
  return [state.address === address ? state.open : refused, (open: boolean) => setState({ address, open })] as const;
}

/** A filter's choices (each a link to the list filtered so), and a custom range's fields when it has one. */
function FilterEditor({ filter, onChosen, ...props }: FilterProps & { filter: ListFilter; onChosen: () => void }) {
  const value = valueOf(filter, props.query);
  return (
    <>
      <ul aria-label={filter.label}>
        {filter.options
          .filter(([option]) => option !== filter.customRange)
          .map(([option, label]) => (
            <li key={option}>
              <Link
                href={chosenHref(props, filter, option)}
                scroll={false}
                onClick={onChosen}
                aria-current={option === value ? "true" : undefined}
                className="flex items-center gap-2 rounded-sm px-2 py-1.5 hover:bg-surface-muted"
              >
                <span className="flex w-4 text-primary">{option === value ? <CheckmarkIcon /> : null}</span>
                {label}
              </Link>
            </li>
          ))}
      </ul>
      {filter.customRange ? (
        <CustomRangeForm {...props} filter={filter} customRange={filter.customRange} onChosen={onChosen} />
      ) : null}
    </>
  );
}

/** A custom range's start and end, applied together; the server's reasons show at the fields. */
function CustomRangeForm({
  filter,
  customRange,
  onChosen,
  ...props
}: FilterProps & { filter: ListFilter; customRange: string; onChosen: () => void }) {
  const router = useRouter();
  const id = useId();
  const { query, errors } = props;
  return (
    <form
      aria-label={labelOf(filter, customRange)}
      className="mt-2 flex flex-col gap-2 border-t border-divider pt-3"
      onSubmit={(event) => {
        event.preventDefault();
        const fields = new FormData(event.currentTarget);
        const href = listHref(props.base, query, {
          [filter.name]: customRange,
          from: String(fields.get("from") ?? ""),
          to: String(fields.get("to") ?? ""),
        });
        // The same address again: nothing to load; its reasons, if any, already show.
        if (href === listHref(props.base, query)) {
          if (!rangeRefused(filter, errors)) onChosen();
          return;
        }
        router.push(href, { scroll: false });
      }}
    >
      <p className="font-semibold">{labelOf(filter, customRange)}</p>
      {(["from", "to"] as const).map((name) => (
        <div key={name} className="flex flex-col gap-1">
          <label htmlFor={`${id}-${name}`} className="text-[12px]">
            {name === "from" ? "From" : "To"}
          </label>
          <input
            id={`${id}-${name}`}
            type="datetime-local"
            name={name}
            defaultValue={query[name] ?? ""}
            className={inputClass}
            aria-invalid={errors[name] ? true : undefined}
            aria-describedby={errors[name] ? `${id}-${name}-error` : undefined}
          />
          <FieldErrors id={`${id}-${name}-error`} errors={errors[name]} />
        </div>
      ))}
      <button type="submit" className={`${primaryButtonClass} self-start`}>
        Apply
      </button>
    </form>
  );
}

/** One filter as a pill, "Status : All", opening its choices; a chosen one has an "x" back to its default. */
function FilterPill({ filter, ...props }: FilterProps & { filter: ListFilter }) {
  const [open, setOpen] = useOpenPerAddress(listHref(props.base, props.query), rangeRefused(filter, props.errors));
  const value = valueOf(filter, props.query);
  const chosen = value !== defaultOf(filter);
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      title={filter.label}
      focusChosen
      trigger={
        <span
          className={`inline-flex h-7 items-center rounded-full border bg-surface text-[12px] ${
            rangeRefused(filter, props.errors) ? "border-error-bright" : "border-border-strong"
          }`}
        >
          <PopoverTrigger className="h-full rounded-full px-3 hover:bg-surface-muted data-[state=open]:bg-surface-muted">
            {filter.label} : <span className="font-semibold">{labelOf(filter, value)}</span>
          </PopoverTrigger>
          {chosen ? (
            <Link
              href={chosenHref(props, filter, defaultOf(filter))}
              scroll={false}
              aria-label={`Reset ${filter.label}`}
              title={`Reset ${filter.label}`}
              className="-ml-1.5 mr-1 flex size-5 items-center justify-center rounded-full hover:bg-surface-muted [&>svg]:size-3"
            >
              <DismissIcon />
            </Link>
          ) : null}
        </span>
      }
    >
      <FilterEditor {...props} filter={filter} onChosen={() => setOpen(false)} />
    </Popover>
  );
}

/**
 * The jobs list's filters as Azure's pills, on one line above the list: each opens its choices, and
 * choosing one loads the list filtered so (the address is the only state: the sort and the columns
 * stay, the page starts again). Reset filters goes back to every default.
 */
export function JobFilterPills(props: FilterProps) {
  const { base, query, filters } = props;
  const filtered =
    filters.some((filter) => valueOf(filter, query) !== defaultOf(filter)) || Boolean(query.from || query.to);
  return (
    <div role="group" aria-label="Job filters" className="mb-3 flex flex-wrap items-center gap-2">
      {filters.map((filter) => (
        <FilterPill key={filter.name} {...props} filter={filter} />
      ))}
      {filtered ? (
        <Link
          href={listHref(base, query, {
            ...Object.fromEntries(filters.map((filter) => [filter.name, ""])),
            from: "",
            to: "",
          })}
          scroll={false}
          className="ml-1 text-[12px] text-primary hover:underline"
        >
          Reset filters
        </Link>
      ) : null}
    </div>
  );
}

/** The command bar's Filter: pick a filter, then its value, in the same editor as its pill. */
export function JobFilterCommand(props: FilterProps) {
  const [open, setOpen] = useOpenPerAddress(listHref(props.base, props.query), false);
  const [name, setName] = useState(props.filters[0].name);
  const filter = props.filters.find((candidate) => candidate.name === name) ?? props.filters[0];
  const id = useId();
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      title="Filter"
      trigger={
        <PopoverTrigger className={commandClass}>
          <FilterIcon />
          Filter
        </PopoverTrigger>
      }
    >
      <label htmlFor={id} className="mb-1 block text-[12px]">
        Filter by
      </label>
      <select
        id={id}
        value={filter.name}
        onChange={(event) => setName(event.target.value)}
        className={`${inputClass} mb-2 w-full`}
      >
        {props.filters.map((candidate) => (
          <option key={candidate.name} value={candidate.name}>
            {candidate.label}
          </option>
        ))}
      </select>
      <FilterEditor {...props} filter={filter} onChosen={() => setOpen(false)} />
    </Popover>
  );
}
