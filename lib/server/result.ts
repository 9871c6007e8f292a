import type { z } from "zod";
import type { Db, Tx } from "@/lib/server/db";

/** What every service action returns: data, or an Azure-style error code with a message and field errors. */
export type ServiceResult<T> =
  { ok: true; data: T } | { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]> };

export function ok<T>(data: T): ServiceResult<T> {
  return { ok: true, data };
}

export function fail(code: string, message: string, fieldErrors?: Record<string, string[]>): ServiceResult<never> {
  return { ok: false, code, message, fieldErrors };
}

/** Every field's messages, keyed by the field's dotted path. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}

export function invalid(error: z.ZodError): ServiceResult<never> {
  return fail("BadRequest", "Some fields are not valid.", fieldErrorsOf(error));
}

class Refused {
  constructor(readonly result: ServiceResult<never>) {}
}

/**
 * Runs `work` in a transaction that commits only when it succeeds: a refusal it returns rolls back
 * what it wrote before deciding (so bad input changes nothing).
 */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<ServiceResult<T>>): Promise<ServiceResult<T>> {
  try {
    return await db.$transaction(async (tx) => {
      const result = await work(tx);
      if (!result.ok) throw new Refused(result);
      return result;
    });
  } catch (error) {
    if (error instanceof Refused) return error.result;
    throw error;
  }
}
