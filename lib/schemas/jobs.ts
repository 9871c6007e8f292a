import { z } from "zod";
import { JOB_OPERATIONS, JOB_STATUSES, JOB_TIME_RANGES } from "@/lib/domain/jobs/display";
import { isValidWallTime, parseWallTime } from "@/lib/domain/time/zoned";
import { sortParameterSchema } from "./list-sort";

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((value) => (value === "" || value === "all" ? undefined : value), z.enum(values).optional());

/** A datetime-local value ("2026-11-20T08:00"): wall-clock time in the viewer's zone, a real one (no month 99). */
const optionalLocalDateTime = z.preprocess(
  (value) => (value === "" ? undefined : value),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: "Enter a date and time.", abort: true })
    .refine((value) => isValidWallTime(parseWallTime(value)), "Enter a date and time that exists.")
    .optional(),
);

/** The Backup jobs list's filters, as they arrive in the URL's query string. */
export const jobFiltersSchema = z
  .object({
    type: optionalEnum(["AzureIaasVM", "MAB"] as const),
    operation: optionalEnum(JOB_OPERATIONS),
    status: optionalEnum(JOB_STATUSES),
    range: z.preprocess(
      (value) => value || "24h",
      z.enum(Object.keys(JOB_TIME_RANGES) as ["24h", "7d", "30d", "custom"]),
    ),
    from: optionalLocalDateTime,
    to: optionalLocalDateTime,
    page: z.coerce.number().int().min(1).catch(1),
    sort: sortParameterSchema,
  })
  .refine((filters) => filters.range !== "custom" || (filters.from && filters.to), {
    message: "A custom range needs a start and an end.",
    path: ["from"],
  })
  .refine((filters) => !filters.from || !filters.to || filters.from < filters.to, {
    message: "The start must be before the end.",
    path: ["to"],
  });
export type JobFilters = z.infer<typeof jobFiltersSchema>;
