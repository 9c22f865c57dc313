import { defineConfig } from "vitest/config";

// Integration tests drive real HTTP servers (CRM emulator, webhook receiver) and child processes.
export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 30_000 } });
