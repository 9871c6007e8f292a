// An optimistic check on every request: without a session cookie, pages go to the sign-in page
// (and API routes get 401). The real check is in the pages, actions and routes themselves.
// The REST API answers for itself, in ARM's terms, under its prefix (ARM_API_PREFIX moves it).
import { getSessionCookie } from "better-auth/cookies";
import { type NextRequest, NextResponse } from "next/server";
import { ARM_ROUTE_PREFIX, armPrefix } from "@/lib/server/arm/http";

const PUBLIC_PATHS = ["/sign-in", "/setup", "/api/auth/", "/api/health", `${ARM_ROUTE_PREFIX}/`];

export default function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const prefix = armPrefix();
  if (prefix !== ARM_ROUTE_PREFIX && pathname.toLowerCase().startsWith(`${prefix.toLowerCase()}/`)) {
    return NextResponse.rewrite(new URL(`${ARM_ROUTE_PREFIX}${pathname.slice(prefix.length)}${search}`, request.url));
  }
  if (PUBLIC_PATHS.some((path) => pathname === path || pathname.startsWith(path.endsWith("/") ? path : `${path}/`))) return NextResponse.next();
  // A session cookie, or an API token for the server to check.
  if (getSessionCookie(request) || request.headers.get("authorization")?.startsWith("Bearer ")) return NextResponse.next();
  if (pathname.startsWith("/api/")) return Response.json({ error: { code: "Unauthorized", message: "Sign in first." } }, { status: 401 });
  const signIn = new URL("/sign-in", request.url);
  if (pathname !== "/") signIn.searchParams.set("next", pathname + search);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
