#!/usr/bin/env node
// Runs the TypeScript sources directly (internal packages are not built).
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/main.ts");
process.exitCode = await main(process.argv.slice(2));
