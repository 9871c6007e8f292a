// The portal's settings of a registered Backup Agent server (network throttling, exclusions).
import { z } from "zod";
import { exclusionsSchema } from "@/lib/domain/agent/exclusions";
import { throttlingSchema } from "@/lib/domain/agent/throttling";

/** A registered server of a vault, as the portal's server settings name it. */
export const serverRefSchema = z.object({ vaultId: z.string().min(1), serverId: z.string().min(1) });
export const throttlingInputSchema = throttlingSchema.safeExtend(serverRefSchema.shape);
export type ThrottlingInput = z.input<typeof throttlingInputSchema>;
export const exclusionsInputSchema = exclusionsSchema.safeExtend(serverRefSchema.shape);
export type ExclusionsInput = z.input<typeof exclusionsInputSchema>;
