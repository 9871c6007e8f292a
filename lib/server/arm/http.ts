// Requests and answers of the Azure-compatible REST API: ARM's JSON, its error envelope
// ({"error":{"code","message","target","details"}}), absolute URLs on this server, and the
// 202 answers with Azure-AsyncOperation and Location headers that clients poll.
import type { z } from "zod";
import type { Actor } from "@/lib/server/auth/authorize";
import type { Db } from "@/lib/server/db";
import { fieldErrorsOf, type ServiceResult } from "@/lib/server/result";

/** Where the API is served; ARM_API_PREFIX moves it (proxy.ts rewrites the prefix to this route). */
export const ARM_ROUTE_PREFIX = "/api/arm";

export function armPrefix(env: NodeJS.ProcessEnv = process.env): string {
  return (env.ARM_API_PREFIX ?? ARM_ROUTE_PREFIX).replace(/\/+$/, "");
}

/** Whether a request path is under the API (its prefix, or the route's own), whose answers are ARM's JSON. */
export function isArmPath(path: string): boolean {
  const lower = path.toLowerCase();
  return [armPrefix(), ARM_ROUTE_PREFIX].some((prefix) => lower.startsWith(`${prefix.toLowerCase()}/`));
}

export type ArmRequest = {
  db: Db;
  actor: Actor;
  method: string;
  /** The decoded path segments after the prefix. */
  segments: string[];
  params: Record<string, string>;
  query: URLSearchParams;
  apiVersion: string;
  /** Scheme, host, port and prefix of this server, as clients reach it. */
  base: string;
  body: unknown;
};

const JSON_TYPE = { "Content-Type": "application/json; charset=utf-8" };

export function armJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_TYPE, ...headers } });
}

export type ArmErrorDetail = { code: string; message: string; target?: string };

/** ARM's answer to a location that is no public Azure region. */
export function unknownLocation(location: string, resourceType: string): Response {
  const message = `The provided location '${location}' is not available for resource type '${resourceType}'. Name a public Azure region, such as westus or West US.`;
  return armError(400, "LocationNotAvailableForResourceType", message, [
    { code: "LocationNotAvailableForResourceType", message, target: "location" },
  ]);
}

export function armError(status: number, code: string, message: string, details?: ArmErrorDetail[]): Response {
  return armJson(
    { error: { code, message, ...(details?.length ? { target: details[0].target, details } : {}) } },
    status,
  );
}

/** An absolute URL on this server for an ARM path (segments encoded), with the request's api-version. */
export function armUrl(
  request: Pick<ArmRequest, "base" | "apiVersion">,
  armPath: string,
  query: Record<string, string> = {},
): string {
  const encoded = armPath
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
  const search = new URLSearchParams({ "api-version": request.apiVersion, ...query });
  return `${request.base}${encoded}?${search.toString()}`;
}

/** A 202 for an operation that clients poll at these URLs (Retry-After 0: it is done already). */
export function accepted(request: ArmRequest, urls: { asyncOperation?: string; location: string }): Response {
  const headers: Record<string, string> = { Location: armUrl(request, urls.location), "Retry-After": "0" };
  if (urls.asyncOperation) headers["Azure-AsyncOperation"] = armUrl(request, urls.asyncOperation);
  return new Response(null, { status: 202, headers });
}

const STATUS_OF_CODE: Record<string, number> = {
  AuthorizationFailed: 403,
  ResourceNotFound: 404,
  Conflict: 409,
  PolicyInUse: 409,
  ServiceResourceNotEmpty: 409,
  UserErrorBackupOperationInProgress: 409,
  BMSUserErrorContainerRegisteredToAnotherVault: 409,
  UserErrorRecoveryPointNotFound: 404,
  UserErrorVmNameAlreadyExists: 409,
  UserErrorInvalidVaultCredentials: 401,
};

/**
 * The ARM answer to a service's refusal: its code and message, each field error as a detail whose
 * target is the field's path in the request body (`targets` maps service fields to body paths).
 */
export function refusal(
  result: Extract<ServiceResult<never>, { ok: false }>,
  targets: Record<string, string> = {},
): Response {
  const details = Object.entries(result.fieldErrors ?? {}).flatMap(([field, messages]) => {
    const target =
      targets[field] ??
      Object.entries(targets).reduce(
        (path, [from, to]) => (path.startsWith(`${from}.`) ? `${to}${path.slice(from.length)}` : path),
        field,
      );
    return messages.map((message) => ({ code: result.code, message, target }));
  });
  // The message names each field's path too (the SDKs show only the message), unless it says the field's words already.
  const unsaid = details.filter((detail) => !result.message.includes(detail.message));
  const message = [result.message, ...unsaid.map((detail) => `${detail.target}: ${detail.message}`)].join(" ");
  return armError(STATUS_OF_CODE[result.code] ?? 400, result.code, message, details);
}

/** 400 for one field of the request (its path in the body, or a path parameter) that the handler refuses. */
export function invalidField(target: string, message: string, code = "BMSUserErrorInvalidInput"): Response {
  return armError(400, code, message, [{ code, message, target }]);
}

/** 400 for a body that doesn't parse, naming each field's path. */
export function invalidBody(error: z.ZodError): Response {
  const fields = fieldErrorsOf(error);
  const details = Object.entries(fields).flatMap(([target, messages]) =>
    messages.map((message) => ({ code: "InvalidRequestContent", message, target })),
  );
  return armError(
    400,
    "InvalidRequestContent",
    `The request content is not valid. ${details.map((detail) => `${detail.target}: ${detail.message}`).join(" ")}`,
    details,
  );
}

export function notFound(message: string, code = "ResourceNotFound"): Response {
  return armError(404, code, message);
}

/** Keyset paging tokens ($skipToken): the last row's sort key, opaque to clients. */
export function encodeSkipToken(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeSkipToken<T>(token: string | null, isKey: (value: unknown) => value is T): T | null | "invalid" {
  if (!token) return null;
  try {
    const key = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as unknown;
    return isKey(key) ? key : "invalid";
  } catch {
    return "invalid";
  }
}

/** A list answer: `value`, and an absolute `nextLink` (with api-version and the filter) while more rows follow. */
export function listAnswer(request: ArmRequest, rows: unknown[], nextKey: unknown | null): Response {
  const path = `/${request.segments.join("/")}`;
  const query: Record<string, string> = {};
  const filter = request.query.get("$filter");
  if (filter) query.$filter = filter;
  const nextLink =
    nextKey === null ? undefined : armUrl(request, path, { ...query, $skipToken: encodeSkipToken(nextKey) });
  return armJson({ value: rows, ...(nextLink ? { nextLink } : {}) });
}

/** How many rows a page of a list holds (ARM_PAGE_SIZE; small values let tests page). */
export function pageSize(env: NodeJS.ProcessEnv = process.env): number {
  const size = Number(env.ARM_PAGE_SIZE ?? 100);
  return Number.isInteger(size) && size > 0 ? Math.min(size, 1000) : 100;
}
