// Request bodies of the REST API, bounded before anything else is computed: at most
// ARM_MAX_BODY_BYTES read off the wire (413), then the raw text checked for nesting depth and NUL
// (400), and only then parsed. A body that passes can't make JSON.parse, zod or the database work
// for long, whoever sends it.
import { JSON_ISSUE_MESSAGES, jsonTextIssue } from "@/lib/domain/input-limits";
import { armError } from "./http";

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** The largest body the API reads (ARM_MAX_BODY_BYTES, default 1 MB; Azure's own requests are a few KB). */
export function maxBodyBytes(env: Record<string, string | undefined> = process.env): number {
  const bytes = Number(env.ARM_MAX_BODY_BYTES ?? DEFAULT_MAX_BODY_BYTES);
  return Number.isInteger(bytes) && bytes > 0 ? bytes : DEFAULT_MAX_BODY_BYTES;
}

export type ArmBody = { ok: true; body: unknown } | { ok: false; response: Response };

function tooLarge(limit: number): ArmBody {
  return {
    ok: false,
    response: armError(
      413,
      "RequestEntityTooLarge",
      `The request content is larger than the ${limit} bytes this server accepts.`,
    ),
  };
}

function invalidContent(message: string): ArmBody {
  return { ok: false, response: armError(400, "InvalidRequestContent", message) };
}

/** The body's text, or null once it passes `limit` bytes (the rest is left unread; Node discards it). */
async function boundedText(request: Request, limit: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) return null;
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The request's JSON body (null when empty), or the ARM error that refuses it. */
export async function readArmBody(request: Request): Promise<ArmBody> {
  const limit = maxBodyBytes();
  // A declared length over the limit is refused without reading a byte.
  if (Number(request.headers.get("content-length") ?? 0) > limit) return tooLarge(limit);
  const text = await boundedText(request, limit);
  if (text === null) return tooLarge(limit);
  if (!text.trim()) return { ok: true, body: null };
  const issue = jsonTextIssue(text);
  if (issue) return invalidContent(`The request content is not accepted: ${JSON_ISSUE_MESSAGES[issue]}`);
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch {
    return invalidContent("The request content is not valid JSON.");
  }
}
