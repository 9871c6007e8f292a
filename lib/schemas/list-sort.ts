import { z } from "zod";

/** A list's sort as the address gives it (sortOf in lib/domain/sorting.ts reads it); an unknown one sorts as by default. */
export const sortParameterSchema = z.string().max(40).optional().catch(undefined);
