import { z } from "zod";

export const ACTIVITY_RESULTS = ["Succeeded", "Failed", "Denied"] as const;
export const ACTIVITY_RANGES = { "24h": "Last 24 hours", "7d": "Last 7 days", "30d": "Last 30 days", "90d": "Last 90 days" } as const;

const optionalText = z.preprocess((value) => (value === "" ? undefined : value), z.string().trim().max(200).optional());

/** The activity log's filters, as they arrive in the URL's query string. */
export const activityFiltersSchema = z.object({
  operation: optionalText,
  user: optionalText,
  result: z.preprocess((value) => (value === "" ? undefined : value), z.enum(ACTIVITY_RESULTS).optional()),
  range: z.preprocess((value) => value || "7d", z.enum(Object.keys(ACTIVITY_RANGES) as ["24h", "7d", "30d", "90d"])),
  page: z.coerce.number().int().min(1).catch(1),
});
export type ActivityFilters = z.infer<typeof activityFiltersSchema>;
