import { z } from "zod";

/** Non-secret settings per provider (stored as JSON on the connection). */
export const SalesforceSettingsSchema = z.object({
  loginUrl: z.url(),
  clientId: z.string().min(1),
  bulkQueryThreshold: z.number().int().positive().optional(),
});
export const HubSpotSettingsSchema = z.object({
  basePath: z.url().optional(),
  tier: z.enum(["starter", "professional", "enterprise"]).default("professional"),
});
export const CsvSettingsSchema = z.object({
  accountsFile: z.string().min(1),
  opportunitiesFile: z.string().min(1).optional(),
});

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
