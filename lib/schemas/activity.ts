import { z } from "zod";
import { hasControlCharacter } from "@/lib/domain/input-limits";
import { sortParameterSchema } from "./list-sort";

export const ACTIVITY_RESULTS = ["Succeeded", "Failed", "Denied"] as const;
export const ACTIVITY_RANGES = {
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  "90d": "Last 90 days",
} as const;

/** A text filter: at most 200 characters and no control characters (PostgreSQL refuses NUL). */
const optionalText = z.preprocess(
  (value) => (value === "" ? undefined : value),
  z
    .string()
    .trim()
    .max(200)
    .refine((text) => !hasControlCharacter(text))
    .optional(),
);

/**
 * The activity log's filters, as they arrive in the URL's query string. A value that isn't one of
 * the filter's (a hand-edited URL) is no filter: the log shows its default rather than an error.
 */
export const activityFiltersSchema = z.object({
  operation: optionalText.catch(undefined),
  user: optionalText.catch(undefined),
  result: z
    .preprocess((value) => (value === "" ? undefined : value), z.enum(ACTIVITY_RESULTS).optional())
    .catch(undefined),
  range: z
    .preprocess((value) => value || "7d", z.enum(Object.keys(ACTIVITY_RANGES) as ["24h", "7d", "30d", "90d"]))
    .catch("7d"),
  page: z.coerce.number().int().min(1).catch(1),
  sort: sortParameterSchema,
});
export type ActivityFilters = z.infer<typeof activityFiltersSchema>;
