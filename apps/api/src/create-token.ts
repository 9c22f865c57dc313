import { parseArgs } from "node:util";
import { createApiToken, getOrganization, openDatabase } from "@mutual/db";
import { parseEnv } from "./env.ts";

// `pnpm --filter @mutual/api token:create --org <orgId> --name <label>`: prints a new token once.
const env = parseEnv(process.env);
const { values } = parseArgs({ options: { org: { type: "string" }, name: { type: "string" } } });
if (!values.org || !values.name) {
  process.stderr.write("usage: token:create --org <orgId> --name <label>\n");
  process.exit(2);
}
const database = openDatabase({ file: env.MUTUAL_DATABASE_FILE });
try {
  await getOrganization(database.db, values.org);
  const created = await createApiToken(database.db, { orgId: values.org, name: values.name });
  process.stdout.write(`${created.token}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  database.close();
}
