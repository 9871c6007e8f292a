// One entry for every request under the API's prefix: the body (bounded before anything else),
// who calls (an API token as `Authorization: Bearer`, or the portal's session cookie), the URL,
// api-version, the route, the vault; then the route's handler. Every answer, errors included, is
// ARM's JSON.
import { hasControlCharacter } from "@/lib/domain/input-limits";
import { bearerTokenOf, currentActor } from "@/lib/server/auth/session";
import { getDb } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";
import { readArmBody } from "./body";
import { armError, armJson, armPrefix, type ArmRequest } from "./http";
import { vaultOf } from "./lookup";
import { openApiDocument } from "./openapi";
import { matchRoute } from "./router";

/** Scheme, host and port clients reach this server at: BETTER_AUTH_URL when set (behind a proxy), else the request's Host. */
function originOf(request: Request): string {
  if (process.env.BETTER_AUTH_URL) return new URL(process.env.BETTER_AUTH_URL).origin;
  const url = new URL(request.url);
  return `${url.protocol}//${request.headers.get("host") ?? url.host}`;
}

/**
 * A write made with the session cookie must come from the portal's own pages: a browser sends
 * Origin with every cross-site write, so one that differs (or is missing) is refused. API tokens
 * are not sent by browsers on their own, so Bearer requests need no such check: a request with an
 * Authorization: Bearer header is authenticated by its token alone (currentActor), never by the
 * cookie, so an invalid token is a 401, not a cookie request without this check.
 */
function crossSiteWrite(request: Request, bearer: boolean): boolean {
  if (bearer || request.method === "GET" || request.method === "HEAD") return false;
  return request.headers.get("origin") !== originOf(request);
}

/** Whether a path segment or query value holds a control character: no ARM name does, and PostgreSQL refuses NUL. */
function controlCharacterInUrl(segments: string[], query: URLSearchParams): boolean {
  return segments.some(hasControlCharacter) || [...query.values()].some(hasControlCharacter);
}

export async function handleArmRequest(request: Request, segments: string[]): Promise<Response> {
  const origin = originOf(request);
  const base = `${origin}${armPrefix()}`;
  if (request.method === "GET" && segments.length === 1 && segments[0] === "openapi.json")
    return armJson(openApiDocument(base));
  const body = await readArmBody(request);
  if (!body.ok) return body.response;
  const bearer = bearerTokenOf(request.headers) !== null;
  const actor = await currentActor(request.headers);
  if (!actor) {
    return bearer
      ? armError(
          401,
          "InvalidAuthenticationToken",
          "The access token is not valid: it is unknown, revoked or expired, or its user is disabled.",
        )
      : armError(
          401,
          "AuthenticationFailed",
          "Authentication failed. The 'Authorization' header is missing: send an API token as 'Authorization: Bearer vp_…'.",
        );
  }
  if (crossSiteWrite(request, bearer))
    return armError(
      403,
      "CrossSiteRequestRefused",
      "A change made with the portal's session must come from the portal's own pages; scripts send an API token.",
    );
  const query = new URL(request.url).searchParams;
  if (controlCharacterInUrl(segments, query))
    return armError(
      400,
      "BadRequest",
      "The request URL holds a control character, which no resource name or parameter may.",
    );
  const apiVersion = query.get("api-version");
  if (!apiVersion)
    return armError(
      400,
      "MissingApiVersionParameter",
      "The api-version query parameter (?api-version=) is required for all requests.",
    );
  const matched = matchRoute(request.method, segments);
  if (matched === null)
    return armError(
      404,
      "NotFound",
      `No API operation is at ${request.method} /${segments.join("/")}; /api/arm/openapi.json lists them.`,
    );
  if (matched === "method") return armError(405, "MethodNotAllowed", `The resource doesn't support ${request.method}.`);
  const armRequest: ArmRequest = {
    db: getDb(),
    actor,
    method: request.method,
    segments,
    params: matched.params,
    query,
    apiVersion,
    base,
    body: body.body,
  };
  try {
    const { route } = matched;
    if (route.scope === "none") return await route.handle(armRequest);
    const vault = await vaultOf(armRequest);
    return vault instanceof Response ? vault : await route.handle(armRequest, vault);
  } catch (error) {
    logger.error({ err: error, method: request.method, path: segments.join("/") }, "REST API request failed");
    return armError(500, "InternalServerError", "The server failed to process the request; the error is in its log.");
  }
}
