import { CANONICAL_HEADERS } from "@mutual/connector-csv";
import { HubSpotFieldMappingOverridesSchema } from "@mutual/connector-hubspot/mapping-settings";
import { SalesforceFieldMappingOverridesSchema } from "@mutual/connector-salesforce/field-mapping-settings";
import { AppError } from "@mutual/core";
import { z } from "zod";

// Non-secret settings per provider (stored as JSON on the connection). Unknown keys are refused: a misspelt
// setting is an error when the connection is created, not a default silently kept.
export const SalesforceSettingsSchema = z.strictObject({
  loginUrl: z.url(),
  clientId: z.string().min(1),
  bulkQueryThreshold: z.number().int().positive().optional(),
  /** Changes to the default field mapping (which fields feed website, country, status, ...). */
  fieldMapping: SalesforceFieldMappingOverridesSchema.optional(),
});
export const HubSpotSettingsSchema = z.strictObject({
  basePath: z.url().optional(),
  tier: z.enum(["starter", "professional", "enterprise"]).default("professional"),
  /** Changes to the default property mapping (website, lifecycle stages, lead source, ...). */
  fieldMapping: HubSpotFieldMappingOverridesSchema.optional(),
});
/** Canonical field -> the file's header for it, where the header is not one Mutual recognizes. */
const columnMapOf = (fields: readonly [string, ...string[]]) => z.partialRecord(z.enum(fields), z.string().min(1));
export const CsvSettingsSchema = z.strictObject({
  accountsFile: z.string().min(1),
  opportunitiesFile: z.string().min(1).optional(),
  accountColumns: columnMapOf(CANONICAL_HEADERS.account).optional(),
  opportunityColumns: columnMapOf(CANONICAL_HEADERS.opportunity).optional(),
});
export type CsvSettings = z.infer<typeof CsvSettingsSchema>;

/** Secrets per provider: stored only sealed (AES-256-GCM), opened in memory when a sync starts. */
export const SalesforceCredentialsSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("password"), clientSecret: z.string().optional(), username: z.string().min(1), password: z.string().min(1) }),
  z.object({
    kind: z.literal("oauth"),
    clientSecret: z.string().optional(),
    accessToken: z.string().min(1),
    instanceUrl: z.url(),
    refreshToken: z.string().optional(),
  }),
  z.object({ kind: z.literal("jwt"), username: z.string().min(1), privateKey: z.string().min(1) }),
]);
export const HubSpotCredentialsSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("private-app"), accessToken: z.string().min(1) }),
  z.object({
    kind: z.literal("oauth"),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    refreshToken: z.string().min(1),
    accessToken: z.string().optional(),
  }),
]);

export const ConnectionConfigSchema = z.discriminatedUnion("provider", [
  z.object({ provider: z.literal("salesforce"), settings: SalesforceSettingsSchema, credentials: SalesforceCredentialsSchema }),
  z.object({ provider: z.literal("hubspot"), settings: HubSpotSettingsSchema, credentials: HubSpotCredentialsSchema }),
  z.object({ provider: z.literal("csv"), settings: CsvSettingsSchema, credentials: z.undefined().optional() }),
]);
export type ConnectionConfig = z.infer<typeof ConnectionConfigSchema>;
export type ConnectionConfigInput = z.input<typeof ConnectionConfigSchema>;

/** The sealing context of a connection's credentials: a sealed value only opens on its own connection. */
export function credentialsContext(connectionId: string): string {
  return `sync-connection:${connectionId}`;
}

/**
 * A connection's configuration, validated: an invalid one is an invalid_input error with one detail line per
 * problem (`settings.fieldMapping.account.country: ...`), never a raw validation dump.
 */
export function parseConnectionConfig(value: unknown, what: string): ConnectionConfig {
  const parsed = ConnectionConfigSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => `${issue.path.join(".") || "config"}: ${issue.message}`);
  throw new AppError("invalid_input", `${what}: ${details.join("; ")}`, { details });
}
