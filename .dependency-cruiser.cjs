// The layer rules of the README's "Architecture" section, checked by `npm run lint:layers` (in
// `npm test`). See docs/decisions/0010-layer-rules-checked-by-dependency-cruiser.md.
//
// Known violations: `.dependency-cruiser-known-violations.json` is a baseline written by depcruise's
// `--output-type baseline` (`npm run lint:layers:baseline`). `--ignore-known` lets the violations
// listed there pass, so only NEW ones fail. It exists because some debt takes longer to pay than
// adding the rules did: components that import server actions from app/ (they should receive them
// as props), and components that take their props' types from a service's return type. The
// baseline should only ever shrink: after fixing one, regenerate it and check that its diff only
// removes entries; never regenerate it to let a new violation pass.

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment:
        "A cycle of runtime imports ties its modules into one unit that can be neither loaded nor understood " +
        "apart. Type-only imports don't count: they vanish at compile time.",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "domain-is-pure",
      severity: "error",
      comment:
        "lib/domain is pure TypeScript: no database, no routes or components, no Backup Agent or CLI, and no " +
        "Node I/O (the clock and the time zone are arguments).",
      from: { path: "^lib/domain/" },
      to: {
        path: "^(lib/server|lib/agent|lib/cli|app|components|generated)/|^node_modules/(@prisma|pg|better-sqlite3|nodemailer)/",
      },
    },
    {
      name: "domain-no-node-io",
      severity: "error",
      comment: "lib/domain does no I/O: no Node built-in modules.",
      from: { path: "^lib/domain/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "components-not-server",
      severity: "error",
      comment:
        "Components are presentational: they get data and server actions as props, never the database or a " +
        "service.",
      from: { path: "^components/" },
      to: { path: "^(lib/server|generated|node_modules/@prisma)/" },
    },
    {
      name: "components-not-app",
      severity: "error",
      comment:
        "Components receive server actions as props rather than importing them from app/ (an arrow that runs " +
        "back up the layers). Known debt: the baseline lists today's imports.",
      from: { path: "^components/" },
      to: { path: "^app/" },
    },
    {
      name: "agent-over-http-only",
      severity: "error",
      comment: "The Backup Agent talks to the portal over HTTP only: nothing from the server, the database or the UI.",
      from: { path: "^lib/agent/" },
      to: { path: "^(lib/server|app|components|generated|node_modules/@prisma)/" },
    },
    {
      name: "server-not-ui",
      severity: "error",
      comment: "lib/server is below the routes and the components: it imports neither.",
      from: { path: "^lib/server/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "prisma-only-in-server",
      severity: "error",
      comment: "lib/server is the only code that touches the database (the generated Prisma clients).",
      from: { path: "^(app|components|lib)/", pathNot: "^lib/server/" },
      to: { path: "^(generated|node_modules/@prisma)/" },
    },
  ],
  options: {
    // Type-only imports count for the layer rules (a domain type from lib/server is still an arrow
    // the wrong way); the cycle rule above leaves them out.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "^(node_modules|generated)/" },
    exclude: { path: "^\\.next/" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".mts", ".js", ".mjs", ".cjs", ".d.ts"],
      mainFields: ["module", "main", "types", "typings"],
    },
    skipAnalysisNotInRules: true,
    cache: false,
  },
};
