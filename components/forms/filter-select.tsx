import { inputClass } from "./field";

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
