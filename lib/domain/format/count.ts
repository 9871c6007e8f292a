// Counted nouns, for every message that states how many: "1 item", "8 entries", "1,188 months".

/** A noun's plural by English's regular rules (of its last word): entry → entries, day → days, box → boxes. */
export function plural(noun: string): string {
  const last = noun.at(-1) ?? "";
  if (last === "y" && !"aeiou".includes(noun.at(-2) ?? "")) return `${noun.slice(0, -1)}ies`;
  if (["s", "x", "z"].includes(last) || noun.endsWith("ch") || noun.endsWith("sh")) return `${noun}es`;
  return `${noun}s`;
}

/** The count and its noun, singular for exactly one: "0 items", "1 item", "2,304 recovery points". */
export function counted(count: number, noun: string): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? noun : plural(noun)}`;
}
