import type { ActionState } from "@/components/forms/action-state";
import type { ServiceResult } from "@/lib/server/result";

/** A service result as a form's state: the message, each field's errors, and the data. */
export function stateOf<T>(result: ServiceResult<T>, message: (data: T) => string): ActionState & { data?: T } {
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors };
  return { ok: true, message: message(result.data), data: result.data };
}

/** The answer to a request whose arguments aren't what the form sends (a forged or broken request). */
export const invalidRequest: ActionState = { ok: false, message: "The request was not valid." };
