// Raw HTTP for tests that send what fetch won't: any method (TRACE), a path exactly as written
// (malformed percent escapes), bodies without a declared length. One request per connection.
import http from "node:http";

export type RawRequest = {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  chunked?: boolean;
};
export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; text: string; ms: number };

const REQUEST_TIMEOUT_MS = 30_000;

/** Sends `request` to the server at `baseUrl` and reads the whole answer. */
export function rawRequest(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const started = performance.now();
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const headers: Record<string, string> = { connection: "close", ...request.headers };
  if (body && !request.chunked) headers["content-length"] = String(body.length);
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: request.method ?? "GET",
        path: request.path,
        headers,
        timeout: REQUEST_TIMEOUT_MS,
        maxHeaderSize: 1024 * 1024,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString("utf8"),
            ms: performance.now() - started,
          }),
        );
        response.on("error", reject);
      },
    );
    outgoing.on("timeout", () => outgoing.destroy(new Error(`No answer within ${REQUEST_TIMEOUT_MS} ms`)));
    outgoing.on("error", reject);
    // A server may answer (413) before it has read a large body: the rest of the upload may then fail.
    if (body && request.chunked) {
      for (let offset = 0; offset < body.length; offset += 64 * 1024)
        outgoing.write(body.subarray(offset, offset + 64 * 1024));
      outgoing.end();
    } else outgoing.end(body);
  });
}

/** The ARM error code of an answer ("" when the body isn't ARM's error envelope). */
export function armErrorCode(response: RawResponse): string {
  try {
    return (JSON.parse(response.text) as { error?: { code?: string } }).error?.code ?? "";
  } catch {
    return "";
  }
}
