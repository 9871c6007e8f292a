import pino from "pino";

/** Structured logs, one JSON object a line. LOG_LEVEL sets the level; tests are quiet. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { service: "vault-portal" },
});
