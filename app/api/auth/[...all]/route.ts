import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/lib/server/auth/auth";
import { recordSignIn, signInWait } from "@/lib/server/auth/sign-in-limiter";
import { getDb } from "@/lib/server/db";

// better-auth's endpoints (sign-in, sign-out, session), rate limited by the library per client
// address; email sign-ins are limited per account here as well.
export async function GET(request: Request) {
  return toNextJsHandler(await getAuth()).GET(request);
}

export async function POST(request: Request) {
  const handler = toNextJsHandler(await getAuth());
  if (!new URL(request.url).pathname.endsWith("/sign-in/email")) return handler.POST(request);
  const email = String(((await request.clone().json().catch(() => ({}))) as { email?: unknown }).email ?? "");
  const wait = email ? await signInWait(getDb(), email) : null;
  if (wait) {
    return Response.json({ code: "TOO_MANY_ATTEMPTS", message: "Too many failed sign-ins for this account. Try again later." }, { status: 429, headers: { "X-Retry-After": String(wait) } });
  }
  const response = await handler.POST(request);
  if (email && (response.status === 200 || response.status === 401)) await recordSignIn(getDb(), email, response.status === 200);
  return response;
}
