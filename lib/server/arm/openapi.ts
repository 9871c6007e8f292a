// The OpenAPI 3.1 document of what the REST API implements, generated from the route table and
// the zod schemas of the request bodies, served at {prefix}/openapi.json.
import { z } from "zod";
import { ARM_ROUTES } from "./router";

const errorSchema = {
  type: "object",
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string" },
        message: { type: "string" },
        target: { type: "string" },
        details: { type: "array", items: { type: "object" } },
      },
    },
  },
};

const DESCRIPTIONS: Record<number, string> = {
  200: "OK",
  201: "Created",
  202: "Accepted: poll the Azure-AsyncOperation or Location URL (absolute, on this server)",
  204: "No content",
};

export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ARM_ROUTES) {
    const parameters = [
      ...[...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
        name,
        in: "path",
        required: true,
        schema: { type: "string" },
      })),
      {
        name: "api-version",
        in: "query",
        required: true,
        description: "Any version is accepted; the Azure SDK's default is fine.",
        schema: { type: "string" },
      },
      ...(route.query ?? []).map((name) => ({ name, in: "query", required: false, schema: { type: "string" } })),
    ];
    const responses: Record<string, unknown> = Object.fromEntries(
      route.statuses.map((status) => [String(status), { description: DESCRIPTIONS[status] }]),
    );
    responses.default = { description: "ARM error", content: { "application/json": { schema: errorSchema } } };
    (paths[route.path] ??= {})[route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      parameters,
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: {
                "application/json": { schema: z.toJSONSchema(route.body, { io: "input", unrepresentable: "any" }) },
              },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Vault Portal: Azure Recovery Services REST API (subset)",
      version: "1.0.0",
      description:
        "The Microsoft.RecoveryServices operations the portal implements, at Azure's paths; any api-version is accepted. Send an API token as 'Authorization: Bearer vp_…'.",
    },
    servers: [{ url: serverUrl }],
    components: { securitySchemes: { apiToken: { type: "http", scheme: "bearer" } } },
    security: [{ apiToken: [] }],
    paths,
  };
}
