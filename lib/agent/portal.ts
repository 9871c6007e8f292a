// The agent's calls to the portal's Backup Agent API (app/api/agent), over HTTP only.
import type {
  MaintenanceResult,
  PollResponse,
  ProgressRequest,
  ProgressResponse,
  RegisterRequest,
  RegisterResponse,
  RequestAnswer,
  RestoreResult,
  ResultRequest,
} from "@/lib/schemas/agent";
import { Readable } from "node:stream";
import type { FileRecoveryOutcome } from "@/lib/domain/restore/file-recovery";
import type { FileRecoveryInput } from "@/lib/schemas/restore";
import { basicAuthorization, type Registration } from "./state";

export class PortalError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(
  portalUrl: string,
  path: string,
  body: unknown,
  init: { authorization?: string; signal?: AbortSignal } = {},
): Promise<T> {
  const response = await fetch(new URL(path, portalUrl), {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(init.authorization ? { authorization: init.authorization } : {}),
    },
    body: JSON.stringify(body),
    signal: init.signal,
  });
  const answer = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (!response.ok)
    throw new PortalError(
      response.status,
      answer?.error?.code ?? "Unknown",
      answer?.error?.message ?? `The portal answered ${response.status}.`,
    );
  return answer as T;
}

export function register(portalUrl: string, request: RegisterRequest): Promise<RegisterResponse> {
  return call(portalUrl, "/api/agent/register", request);
}

export type ServerStatus = {
  server: { name: string; vaultName: string; agentVersion: string; registeredAt: string; lastContactAt: string | null };
  items: Array<{
    name: string;
    path: string;
    protectionState: string;
    policyName: string | null;
    lastBackupTime: string | null;
    lastBackupStatus: string | null;
    nextBackupTime: string | null;
  }>;
};

export type RecoveryPointsList = {
  items: Array<{ itemId: string; path: string; points: Array<{ id: string; time: string }> }>;
};
export type AgentRecoveryRequest = Omit<FileRecoveryInput, "vaultId" | "targetServerId">;
export type RecoveryState = {
  status: string;
  progressPercent: number;
  errorMessage: string | null;
  outcome: FileRecoveryOutcome | null;
};

/** The portal's client for a registered server. */
export function portalClient(registration: Registration) {
  const authorization = basicAuthorization(registration);
  return {
    poll: (request: { folders?: string[]; passphrasesFor?: string[]; waitSeconds?: number }, signal?: AbortSignal) =>
      call<PollResponse>(registration.portalUrl, "/api/agent/poll", request, { authorization, signal }),
    progress: (jobId: string, progress: ProgressRequest) =>
      call<ProgressResponse>(registration.portalUrl, `/api/agent/jobs/${jobId}/progress`, progress, { authorization }),
    result: (jobId: string, result: ResultRequest | MaintenanceResult | RestoreResult) =>
      call<{ status: string }>(registration.portalUrl, `/api/agent/jobs/${jobId}/result`, result, { authorization }),
    answer: (requestId: string, answer: RequestAnswer) =>
      call<{ accepted: boolean }>(registration.portalUrl, `/api/agent/requests/${requestId}/answer`, answer, {
        authorization,
      }),
    /** Streams a dump's bytes to the portal (a request body of unknown length). */
    upload: async (requestId: string, content: Readable) => {
      const response = await fetch(new URL(`/api/agent/requests/${requestId}/content`, registration.portalUrl), {
        method: "POST",
        headers: { authorization, "content-type": "application/octet-stream" },
        body: Readable.toWeb(content) as ReadableStream<Uint8Array>,
        duplex: "half",
      } as RequestInit & { duplex: "half" });
      if (!response.ok) throw new PortalError(response.status, "UploadRefused", await response.text());
    },
    points: () => call<RecoveryPointsList>(registration.portalUrl, "/api/agent/points", {}, { authorization }),
    recover: (request: AgentRecoveryRequest) =>
      call<{ jobId: string }>(registration.portalUrl, "/api/agent/recover", request, { authorization }),
    recoveryState: (jobId: string) =>
      call<RecoveryState>(registration.portalUrl, `/api/agent/jobs/${jobId}/state`, {}, { authorization }),
    status: () => call<ServerStatus>(registration.portalUrl, "/api/agent/status", {}, { authorization }),
  };
}
export type PortalClient = ReturnType<typeof portalClient>;
