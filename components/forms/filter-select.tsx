import { inputClass } from "./field";

/** A filter's options: "all" (no value) first, then each value with its label (the value itself without one). */
export function filterOptions<Value extends string>(
  allLabel: string,
  values: readonly Value[],
  labels?: Record<Value, string>,
): Array<[string, string]> {
  return [["", allLabel], ...values.map((value): [string, string] => [value, labels?.[value] ?? value])];
}

/** A labelled select of a list's filter form (a GET form: the filters live in the URL). */
export function FilterSelect({
  name,
  label,
  value,
  options,
  width = "w-48",
}: {
  name: string;
  label: string;
  value: string;
  options: Array<[string, string]>;
  width?: string;
}) {
  return (
    <label className="flex flex-col gap-1">
      <span className="text-[12px] font-semibold">{label}</span>
      <select name={name} defaultValue={value} className={`${inputClass} ${width}`}>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </label>
  );
}
