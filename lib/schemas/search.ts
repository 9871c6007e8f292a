import { z } from "zod";

/** The top bar's search: what was typed, trimmed (an empty or overlong search finds nothing). */
export const searchTermSchema = z.string().trim().min(1).max(100);
