import { z } from "zod";
import { ALERT_CONDITIONS, ALERT_SEVERITIES, ALERT_STATES, ALERT_TYPES } from "@/lib/domain/alerts/alerts";
import { sortParameterSchema } from "./list-sort";

/** Longest comment an alert's state change keeps. */
export const ALERT_COMMENT_MAX_LENGTH = 1000;

/** A user's change of an alert's state (New, Acknowledged, Closed), with an optional comment. */
export const alertStateInputSchema = z.object({
  vaultId: z.string().min(1),
  alertId: z.string().min(1),
  state: z.enum(ALERT_STATES, { error: "Choose New, Acknowledged or Closed." }),
  comment: z
    .string({ error: "A comment is text." })
    .trim()
    .max(ALERT_COMMENT_MAX_LENGTH, `A comment has at most ${ALERT_COMMENT_MAX_LENGTH} characters.`)
    .optional()
    .transform((value) => (value ? value : undefined)),
});
export type AlertStateInput = z.input<typeof alertStateInputSchema>;

/** The Alerts blade's time ranges, on an alert's last occurrence (Azure's alerts blade shows the past 24 hours first). */
export const ALERT_TIME_RANGES = {
  "1h": "Past hour",
  "24h": "Past 24 hours",
  "7d": "Past 7 days",
  "30d": "Past 30 days",
  all: "All time",
} as const;
export type AlertTimeRange = keyof typeof ALERT_TIME_RANGES;
export const ALERT_RANGE_MS: Record<AlertTimeRange, number | null> = {
  "1h": 3_600_000,
  "24h": 24 * 3_600_000,
  "7d": 7 * 24 * 3_600_000,
  "30d": 30 * 24 * 3_600_000,
  all: null,
};

/** "open": New or Acknowledged (not Closed): what the overview's tile and the bell count. */
export const ALERT_STATE_FILTERS = [...ALERT_STATES, "open"] as const;
export const ALERT_STATE_FILTER_LABELS: Record<(typeof ALERT_STATE_FILTERS)[number], string> = {
  New: "New",
  Acknowledged: "Acknowledged",
  Closed: "Closed",
  open: "New or acknowledged",
};

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((value) => (value === "" || value === "all" ? undefined : value), z.enum(values).optional());

/** The Alerts blades' filters, as they arrive in the URL's query string. */
export const alertFiltersSchema = z.object({
  severity: optionalEnum(ALERT_SEVERITIES),
  state: optionalEnum(ALERT_STATE_FILTERS),
  condition: optionalEnum(ALERT_CONDITIONS),
  alertType: optionalEnum(ALERT_TYPES),
  range: z.preprocess(
    (value) => value || "24h",
    z.enum(Object.keys(ALERT_TIME_RANGES) as [AlertTimeRange, ...AlertTimeRange[]], {
      error: "Choose a time range.",
    }),
  ),
  page: z.coerce.number().int().min(1).catch(1),
  sort: sortParameterSchema,
});
export type AlertFilters = z.infer<typeof alertFiltersSchema>;
