// The package boundaries of docs/DESIGN.md ("Architecture", "House style" 2 and 3) and of each package README's
// "Must not import", checked on every import (type-only ones too) by `pnpm check:boundaries`, which `pnpm test` runs first.
const pkg = (name) => `^packages/${name}/`;
const TESTS = "[.](test|integration[.]test)[.]ts$|/testing/";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-app-imports",
      comment: "Apps are deployables that wire packages; nothing imports an app, another app included.",
      severity: "error",
      from: { path: "^(apps|packages)/([^/]+)/" },
      to: { path: "^apps/", pathNot: "^apps/$2/" },
    },
    {
      name: "core-is-pure",
      comment: "@mutual/core imports no other @mutual package (everything depends on core, never the reverse).",
      severity: "error",
      from: { path: pkg("core") },
      to: { path: "^(apps|packages)/", pathNot: pkg("core") },
    },
    {
      name: "core-does-no-io",
      comment: "@mutual/core does no I/O (fs, net, http(s), child_process, worker_threads) in its library code; its scripts, benchmarks and tests read files.",
      severity: "error",
      from: { path: "^packages/core/src/", pathNot: TESTS },
      to: { dependencyTypes: ["core"], path: "^(node:)?(fs|fs/promises|net|http|https|http2|dgram|dns|tls|child_process|cluster|worker_threads)$" },
    },
    {
      name: "db-depends-on-core-only",
      severity: "error",
      from: { path: pkg("db") },
      to: { path: "^(apps|packages)/", pathNot: `${pkg("db")}|${pkg("core")}` },
    },
    {
      name: "connectors-never-import-db",
      comment: "Connectors translate provider data and errors; storage is the pipeline's job.",
      severity: "error",
      from: { path: "^packages/connector-" },
      to: { path: `${pkg("db")}|${pkg("services")}|${pkg("sync")}` },
    },
    {
      name: "connector-kit-is-provider-neutral",
      severity: "error",
      from: { path: pkg("connector-kit") },
      to: { path: "^packages/connector-(?!kit/)" },
    },
    {
      name: "emulators-stand-alone",
      comment: "The emulators speak the wire protocols on their own; tests drive the real SDKs against them.",
      severity: "error",
      from: { path: pkg("emulators"), pathNot: TESTS },
      to: { path: `${pkg("db")}|^packages/connector-|${pkg("services")}|${pkg("sync")}|/node_modules/(jsforce|@hubspot/api-client|@slack/)` },
    },
    {
      name: "jsforce-only-in-connector-salesforce",
      comment: "Each third-party SDK is a dependency of exactly one package.",
      severity: "error",
      from: { pathNot: pkg("connector-salesforce") },
      to: { path: "/node_modules/jsforce/" },
    },
    {
      name: "hubspot-sdk-only-in-connector-hubspot",
      severity: "error",
      from: { pathNot: pkg("connector-hubspot") },
      to: { path: "/node_modules/@hubspot/api-client/" },
    },
    {
      name: "no-reaching-into-packages",
      comment: "Nothing imports past a package's exports: another package is reached by its name, not by a path.",
      severity: "error",
      from: { path: "^(apps|packages)/([^/]+)/" },
      to: { dependencyTypes: ["local"], path: "^(apps|packages)/", pathNot: "^(apps|packages)/$2/" },
    },
    {
      name: "no-circular",
      comment: "No cycles, between packages or between the modules of one.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-unresolvable",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(apps|packages)/[^/]+/dist/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.base.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "node", "default", "types"],
      extensions: [".ts", ".js", ".mjs", ".cjs", ".json"],
    },
  },
};
