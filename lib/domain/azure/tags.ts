// Azure resource tags as the portal stores and shows them.

export type TagMap = Record<string, string>;

/** The tags of a stored resource (a JSON column; null or anything else but an object of text: none). */
export function tagsOf(stored: unknown): TagMap {
  if (stored === null || typeof stored !== "object" || Array.isArray(stored)) return {};
  return Object.fromEntries(
    Object.entries(stored).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

/** "env : production, owner : ops" (Azure's Essentials writes name : value), or "none". */
export function describeTags(tags: TagMap): string {
  const entries = Object.entries(tags);
  return entries.length === 0 ? "none" : entries.map(([name, value]) => `${name} : ${value}`).join(", ");
}
