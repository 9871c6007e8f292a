import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/lib/server/auth/auth";

// better-auth's endpoints (sign-in, sign-out, session). Email sign-ins are limited per account by
// hooks in lib/server/auth/auth.ts, and per client address by better-auth behind a trusted proxy.
export async function GET(request: Request) {
  return toNextJsHandler(await getAuth()).GET(request);
}

export async function POST(request: Request) {
  return toNextJsHandler(await getAuth()).POST(request);
}
