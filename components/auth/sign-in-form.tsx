"use client";

import { useState } from "react";
import { Field, inputClass, primaryButtonClass } from "@/components/forms/field";
import { counted } from "@/lib/domain/format/count";

/**
 * Only pages of this site: an open redirect would hand the session's trust to another site. `next`
 * is resolved the way the browser will resolve it (backslashes, tabs and newlines included), kept
 * only when it lands on this origin, and then followed in its resolved form; anything else goes home.
 */
function safeNext(next: string | undefined): string {
  if (!next) return "/";
  try {
    const target = new URL(next, window.location.origin);
    return target.origin === window.location.origin ? `${target.pathname}${target.search}${target.hash}` : "/";
  } catch {
    return "/";
  }
}

/** Signs in through better-auth's endpoint, which rate limits attempts. */
export function SignInForm({ next }: { next?: string }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  return (
    <form
      aria-label="Sign in"
      onSubmit={async (event) => {
        event.preventDefault();
        setPending(true);
        setError(undefined);
        const response = await fetch("/api/auth/sign-in/email", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email, password }),
        });
        if (response.ok) {
          // A full load, so every blade renders with the new session.
          window.location.assign(safeNext(next));
          return;
        }
        setPending(false);
        if (response.status === 429) {
          const retry = response.headers.get("x-retry-after");
          setError(
            `Too many sign-in attempts. Try again in ${retry ? counted(Number(retry), "second") : "a few seconds"}.`,
          );
        } else if (response.status === 401) setError("The email or password is not right.");
        else if (response.status === 403) setError("This account is disabled. Ask the Owner of the portal.");
        else setError("Signing in failed. Try again.");
      }}
    >
      <Field id="sign-in-email" label="Email" required>
        <input
          id="sign-in-email"
          type="email"
          autoComplete="username"
          required
          className={`${inputClass} w-full`}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
      </Field>
      <Field id="sign-in-password" label="Password" required>
        <input
          id="sign-in-password"
          type="password"
          autoComplete="current-password"
          required
          className={`${inputClass} w-full`}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </Field>
      {error ? (
        <p role="alert" className="mb-3 rounded-sm border-l-4 border-error-bright bg-[#fde7e9] px-3 py-2">
          {error}
        </p>
      ) : null}
      <button type="submit" className={primaryButtonClass} disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
