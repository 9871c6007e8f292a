// Vault credentials and the credential of each registered server. A vault credential is a one-time
// secret (valid 10 days, as Azure's) that a Backup Agent trades for its server's own credential
// when it registers; the agent then authenticates every request with that (HTTP Basic: the server's
// id and secret). Only SHA-256 hashes are stored, compared in constant time.
import { securityAlert, vaultScope } from "@/lib/domain/alerts/alerts";
import { raiseAlert } from "@/lib/server/alerts/raise";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import {
  registerRequestSchema,
  type RegisterRequest,
  type RegisterResponse,
  SERVER_SECRET_PATTERN,
  VAULT_CREDENTIAL_PATTERN,
  VAULT_CREDENTIAL_VALID_DAYS,
  type VaultCredentialsFile,
} from "@/lib/schemas/agent";
import { type Actor, systemActor } from "@/lib/server/auth/authorize";
import { randomPrefix, sha256 } from "@/lib/server/auth/tokens";
import { recordActivity, requestedId, withActivity } from "@/lib/server/activity";
import { type Db, isUniqueViolation } from "@/lib/server/db";
import { fail, invalid, ok, type ServiceResult } from "@/lib/server/result";

const DAY_MS = 86_400_000;

function sameHash(secret: string, storedHex: string): boolean {
  const stored = Buffer.from(storedHex, "hex");
  const given = sha256(secret);
  return stored.length === given.length && timingSafeEqual(stored, given);
}

const vaultIdSchema = z.object({ vaultId: z.string().min(1) });
const revokeSchema = z.object({ vaultId: z.string().min(1), credentialId: z.string().min(1) });

/** Download on Properties → Backup credentials: a new credential, returned this once as the file's content. */
export async function createVaultCredential(
  db: Db,
  input: { vaultId: string },
  actor: Actor,
  portalUrl: string,
  now = new Date(),
): Promise<ServiceResult<{ fileName: string; file: VaultCredentialsFile }>> {
  const scope = {
    actor,
    vaultId: requestedId(input?.vaultId),
    operation: "Download vault credentials",
    permission: "registerServer",
    at: now,
  } as const;
  return withActivity(db, scope, String(input?.vaultId ?? ""), async () => {
    const parsed = vaultIdSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const vault = await db.vault.findUnique({ where: { id: parsed.data.vaultId }, select: { id: true, name: true } });
    if (!vault) return fail("ResourceNotFound", "The vault was not found.");
    const prefix = randomPrefix();
    const secret = `vc_${prefix}_${randomBytes(32).toString("base64url")}`;
    const expiresAt = new Date(now.getTime() + VAULT_CREDENTIAL_VALID_DAYS * DAY_MS);
    await db.$transaction([
      db.vaultCredential.create({
        data: {
          vaultId: vault.id,
          prefix,
          secretHash: sha256(secret).toString("hex"),
          createdBy: actor.email,
          createdAt: now,
          expiresAt,
        },
      }),
      recordActivity(db, scope, vault.name, { credential: [null, prefix], expiresAt: [null, expiresAt.toISOString()] }),
    ]);
    // Azure names the file <vault>_<date>.VaultCredentials.
    const fileName = `${vault.name}_${now.toISOString().slice(0, 10)}.VaultCredentials`;
    return ok({
      fileName,
      file: { portalUrl, vaultId: vault.id, vaultName: vault.name, secret, expiresAt: expiresAt.toISOString() },
    });
  });
}

export function listVaultCredentials(db: Db, vaultId: string) {
  return db.vaultCredential.findMany({
    where: { vaultId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      prefix: true,
      createdBy: true,
      createdAt: true,
      expiresAt: true,
      usedAt: true,
      usedByServer: true,
      revokedAt: true,
    },
  });
}

export async function revokeVaultCredential(
  db: Db,
  input: { vaultId: string; credentialId: string },
  actor: Actor,
  now = new Date(),
): Promise<ServiceResult<{ prefix: string }>> {
  const scope = {
    actor,
    vaultId: requestedId(input?.vaultId),
    operation: "Revoke vault credentials",
    permission: "registerServer",
    at: now,
  } as const;
  return withActivity(db, scope, String(input?.credentialId ?? ""), async () => {
    const parsed = revokeSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const credential = await db.vaultCredential.findFirst({
      where: { id: parsed.data.credentialId, vaultId: parsed.data.vaultId },
    });
    if (!credential) return fail("ResourceNotFound", "The credential was not found.");
    if (credential.revokedAt) return ok({ prefix: credential.prefix });
    await db.$transaction(async (tx) => {
      await tx.vaultCredential.update({ where: { id: credential.id }, data: { revokedAt: now } });
      const vault = await tx.vault.findUniqueOrThrow({ where: { id: credential.vaultId }, select: { name: true } });
      const spec = securityAlert(
        "CredentialsDeleted",
        { scopeKey: vaultScope(credential.vaultId), resourceName: vault.name },
        {
          message: `Vault credentials ${credential.prefix} were revoked: no server can register with them.`,
          actor: actor.email,
        },
      );
      await raiseAlert(tx, credential.vaultId, spec, now);
      await recordActivity(tx, scope, credential.prefix, { revokedAt: [null, now.toISOString()] });
    });
    return ok({ prefix: credential.prefix });
  });
}

const REFUSED_CREDENTIAL =
  "The vault credentials are not valid: they expired, were revoked or were used already. Download new ones from the vault's Properties.";

/**
 * `agent register`: the vault credential (one use) becomes a server registered to its vault, with
 * a Register job and its own credential, returned this once. The credential's use, the server and
 * the job are one transaction; the conditional update on the credential lets one registration win.
 */
export async function registerAgentServer(
  db: Db,
  input: RegisterRequest,
  now = new Date(),
): Promise<ServiceResult<RegisterResponse>> {
  const parsed = registerRequestSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { vaultCredential, name, osType, agentVersion } = parsed.data;
  const match = VAULT_CREDENTIAL_PATTERN.exec(vaultCredential);
  const credential = match
    ? await db.vaultCredential.findUnique({
        where: { prefix: match[1] },
        include: { vault: { select: { id: true, name: true } } },
      })
    : null;
  if (
    !credential ||
    !sameHash(vaultCredential, credential.secretHash) ||
    credential.revokedAt ||
    credential.usedAt ||
    credential.expiresAt <= now
  ) {
    return fail("UserErrorInvalidVaultCredentials", REFUSED_CREDENTIAL);
  }
  const scope = {
    actor: systemActor(`Backup Agent on ${name}`),
    vaultId: credential.vaultId,
    operation: "Register server",
    at: now,
  } as const;
  const serverSecret = `vps_${randomBytes(32).toString("base64url")}`;
  try {
    return await db.$transaction(async (tx) => {
      const used = await tx.vaultCredential.updateMany({
        where: { id: credential.id, usedAt: null, revokedAt: null },
        data: { usedAt: now, usedByServer: name },
      });
      if (used.count === 0) return fail("UserErrorInvalidVaultCredentials", REFUSED_CREDENTIAL);
      const server = await tx.backupAgentServer.create({
        data: {
          name,
          osType,
          agentVersion,
          credentialHash: sha256(serverSecret).toString("hex"),
          vaultId: credential.vaultId,
          registeredAt: now,
          lastContactAt: now,
          createdAt: now,
        },
        select: { id: true },
      });
      await tx.job.create({
        data: {
          vaultId: credential.vaultId,
          operation: "Register",
          status: "Completed",
          startTime: now,
          endTime: now,
          entityFriendlyName: name,
          backupManagementType: "MAB",
          subTasks: [],
          progressPercent: 100,
          initiatedBy: scope.actor.email,
        },
      });
      await recordActivity(tx, scope, name, {
        vault: [null, credential.vault.name],
        agentVersion: [null, agentVersion],
        credential: [null, credential.prefix],
      });
      return ok({ serverId: server.id, serverSecret, vaultName: credential.vault.name });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const message = `A server named '${name}' is known to the portal already. Register under another name (--name), or delete the old server first.`;
    return fail("Conflict", message, { name: [message] });
  }
}

/** A `where` on BackupAgentServer: servers a real Backup Agent registered hold its credential; the demo's don't. */
export const REAL_AGENT_SERVER = { credentialHash: { not: null } } as const;

export type AuthenticatedServer = { id: string; name: string; vaultId: string };

/** The server an agent's request comes from (`Authorization: Basic <serverId:secret>`), or null. */
export async function authenticateAgent(db: Db, authorization: string | null): Promise<AuthenticatedServer | null> {
  if (!authorization?.startsWith("Basic ")) return null;
  const decoded = Buffer.from(authorization.slice(6), "base64").toString("utf8");
  const separator = decoded.indexOf(":");
  if (separator < 1) return null;
  const serverId = decoded.slice(0, separator);
  const secret = decoded.slice(separator + 1);
  if (!SERVER_SECRET_PATTERN.test(secret) || serverId.length > 40) return null;
  const server = await db.backupAgentServer.findUnique({
    where: { id: serverId },
    select: { id: true, name: true, vaultId: true, credentialHash: true },
  });
  if (!server?.credentialHash || !server.vaultId || !sameHash(secret, server.credentialHash)) return null;
  return { id: server.id, name: server.name, vaultId: server.vaultId };
}
