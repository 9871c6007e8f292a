// An optimistic check on every request: without a session cookie, pages go to the sign-in page
// (and API routes get 401). The real check is in the pages, actions and routes themselves.
// The REST API answers for itself, in ARM's terms, under its prefix (ARM_API_PREFIX moves it).
// Before that, what Next.js would answer with a 500: a path that doesn't decode, and a server
// action posted from another site.
import { getSessionCookie } from "better-auth/cookies";
import { type NextRequest, NextResponse } from "next/server";
import { hasControlCharacter } from "@/lib/domain/input-limits";
import { ARM_ROUTE_PREFIX, armError, armPrefix, isArmPath } from "@/lib/server/arm/http";

// The Backup Agent's API authenticates servers itself (lib/server/agents).
const PUBLIC_PATHS = ["/sign-in", "/setup", "/api/auth/", "/api/health", "/api/agent/", `${ARM_ROUTE_PREFIX}/`];

/** Whether the path names nothing: a malformed percent escape, or a control character once decoded. */
function undecodablePath(pathname: string): boolean {
  try {
    return hasControlCharacter(decodeURIComponent(pathname));
  } catch {
    return true;
  }
}

/**
 * A server action (a POST naming one in `Next-Action`) from another site: its Origin isn't this
 * host, as Next.js compares them. Next.js refuses it too, but with a 500. The REST API, wherever
 * its prefix is, checks origins itself.
 */
function foreignServerAction(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (request.method !== "POST" || origin === null || !request.headers.has("next-action")) return false;
  const host = request.headers.get("x-forwarded-host")?.split(",")[0].trim() || request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

export default function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const prefix = armPrefix();
  if (undecodablePath(pathname)) {
    // A page: the not-found blade (a path no route has), with its 404.
    return isArmPath(pathname)
      ? armError(400, "BadRequest", "The request path has a malformed percent escape or a control character.")
      : NextResponse.rewrite(new URL("/not-found", request.url));
  }
  if (foreignServerAction(request))
    return new NextResponse("A change must be made from the portal's own pages.", { status: 403 });
  if (prefix !== ARM_ROUTE_PREFIX && pathname.toLowerCase().startsWith(`${prefix.toLowerCase()}/`)) {
    return NextResponse.rewrite(new URL(`${ARM_ROUTE_PREFIX}${pathname.slice(prefix.length)}${search}`, request.url));
  }
  if (PUBLIC_PATHS.some((path) => pathname === path || pathname.startsWith(path.endsWith("/") ? path : `${path}/`)))
    return NextResponse.next();
  // A session cookie, or an API token for the server to check.
  if (getSessionCookie(request) || request.headers.get("authorization")?.startsWith("Bearer "))
    return NextResponse.next();
  if (pathname.startsWith("/api/"))
    return Response.json({ error: { code: "Unauthorized", message: "Sign in first." } }, { status: 401 });
  const signIn = new URL("/sign-in", request.url);
  if (pathname !== "/") signIn.searchParams.set("next", pathname + search);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
