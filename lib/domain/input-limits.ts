// Bounds on what a request may carry, checked before any other work: how deeply its JSON nests
// (on the raw text, before it is parsed, and on values that arrive parsed), and characters that no
// name holds and that PostgreSQL refuses to store (NUL).

/** Deepest nesting of arrays and objects a request's JSON may have: Azure's bodies nest about 6 deep. */
export const JSON_MAX_DEPTH = 32;

export type JsonIssue = "tooDeep" | "nul";

/** Whether `text` holds a control character (U+0000–U+001F or U+007F), which no name holds. */
export function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * What makes JSON text unacceptable before it is parsed, in one pass: arrays and objects nested
 * deeper than `maxDepth` (brackets inside strings don't count), or a NUL, raw or as `\u0000`.
 */
export function jsonTextIssue(text: string, maxDepth = JSON_MAX_DEPTH): JsonIssue | null {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0) return "nul";
    if (inString) {
      if (code === QUOTE) inString = false;
      else if (code === BACKSLASH) {
        if (text.startsWith("u0000", index + 1)) return "nul";
        index += 1;
      }
    } else if (code === QUOTE) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      depth += 1;
      if (depth > maxDepth) return "tooDeep";
    } else if (code === 0x5d || code === 0x7d) depth -= 1;
  }
  return null;
}

/** The same for a value that arrives parsed (a server action's argument): walked with a stack, not recursion. */
export function jsonValueIssue(value: unknown, maxDepth = JSON_MAX_DEPTH): JsonIssue | null {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const { value: current, depth } = pending.pop()!;
    if (typeof current === "string") {
      if (current.includes("\0")) return "nul";
    } else if (typeof current === "object" && current !== null) {
      if (depth + 1 > maxDepth) return "tooDeep";
      for (const [key, child] of Object.entries(current)) {
        if (key.includes("\0")) return "nul";
        pending.push({ value: child, depth: depth + 1 });
      }
    }
  }
  return null;
}

/** What each issue means, for an error message. */
export const JSON_ISSUE_MESSAGES: Record<JsonIssue, string> = {
  tooDeep: `Arrays and objects nest at most ${JSON_MAX_DEPTH} deep.`,
  nul: "Text can't hold the NUL character (\\u0000).",
};
