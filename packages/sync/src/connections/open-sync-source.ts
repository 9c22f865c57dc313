import type { HubSpotConnectorOptions } from "@mutual/connector-hubspot";
import type { SalesforceAuth, SalesforceConnectorOptions } from "@mutual/connector-salesforce";
import type { SyncConnectionRow } from "@mutual/db";
import type { SecretBox } from "@mutual/secrets";
import { credentialsContext, parseConnectionConfig } from "./connection-config.ts";
import type { ConnectionConfig } from "./connection-config.ts";
import { createCsvSource } from "./csv-source.ts";
import type { SyncSource } from "./sync-source.ts";

/** Opens a connection's sealed credentials and validates the whole configuration. */
export function readConnectionConfig(connection: SyncConnectionRow, secretBox: SecretBox): ConnectionConfig {
  const credentials = connection.credentials === null ? undefined : JSON.parse(secretBox.decrypt(connection.credentials, credentialsContext(connection.id)));
  return parseConnectionConfig({ provider: connection.provider, settings: connection.settings, credentials }, `connection ${connection.name} is misconfigured`);
}

export type OpenSourceHooks = {
  /** New tokens from a refresh (rotation included): sealed and stored by the caller. */
  onCredentials?: (credentials: unknown) => void;
  /** Test/benchmark tuning of the Salesforce connector (poll intervals, retries). */
  salesforce?: Partial<SalesforceConnectorOptions>;
  /** Test tuning of the HubSpot connector (clock, search index lag, retries). */
  hubspot?: Pick<HubSpotConnectorOptions, "now" | "sleep" | "indexLagMs" | "retries">;
};

/** The SyncSource of a connection: a CRM connector on its SDK, or the CSV reader. */
export async function openSyncSource(connection: SyncConnectionRow, secretBox: SecretBox, hooks: OpenSourceHooks = {}): Promise<SyncSource> {
  const config = readConnectionConfig(connection, secretBox);
  switch (config.provider) {
    case "csv":
      return createCsvSource(config.settings);
    case "salesforce": {
      // Each SDK is loaded only by workers that sync its provider (they are large to load).
      const { createSalesforceConnection, SalesforceConnector } = await import("@mutual/connector-salesforce");
      const { withFieldMappingOverrides } = await import("@mutual/connector-salesforce/field-mapping-settings");
      const { settings, credentials } = config;
      const client = { loginUrl: settings.loginUrl, clientId: settings.clientId, clientSecret: credentials.kind === "jwt" ? undefined : credentials.clientSecret };
      const auth: SalesforceAuth =
        credentials.kind === "password"
          ? { kind: "password", client, username: credentials.username, password: credentials.password }
          : credentials.kind === "jwt"
            ? { kind: "jwt", client, username: credentials.username, privateKey: credentials.privateKey }
            : { kind: "oauth", client, tokens: { accessToken: credentials.accessToken, instanceUrl: credentials.instanceUrl, refreshToken: credentials.refreshToken } };
      const connection_ = await createSalesforceConnection(auth, {
        onTokens: (tokens) => {
          if (credentials.kind === "oauth") hooks.onCredentials?.({ ...credentials, ...tokens });
        },
      });
      const connector = new SalesforceConnector({
        connection: connection_,
        bulkQueryThreshold: settings.bulkQueryThreshold,
        ...(settings.fieldMapping && { mapping: withFieldMappingOverrides(settings.fieldMapping) }),
        ...hooks.salesforce,
      });
      // A changed mapping is checked against the org first (two describe calls): a missing field is then one
      // error listing every gap, and not retried, instead of a failing query on every attempt.
      if (settings.fieldMapping) await connector.validateMapping();
      return {
        provider: connector.provider,
        pullAccounts: (options) => connector.pullAccounts(options),
        pullOpportunities: (options) => connector.pullOpportunities(options),
        apiCalls: () => connector.apiCalls,
        usage: () => connector.usage(),
      };
    }
    case "hubspot": {
      const { createHubSpotConnector, HUBSPOT_TIER_LIMITS } = await import("@mutual/connector-hubspot");
      const { settings, credentials } = config;
      const connector = createHubSpotConnector({
        ...hooks.hubspot,
        auth: credentials,
        basePath: settings.basePath,
        limits: HUBSPOT_TIER_LIMITS[settings.tier],
        ...(settings.fieldMapping && { mapping: settings.fieldMapping }),
        onTokens: (tokens) => hooks.onCredentials?.({ ...credentials, ...tokens }),
      });
      return {
        provider: connector.provider,
        pullAccounts: (options) => connector.pullAccounts(options),
        pullOpportunities: (options) => connector.pullOpportunities(options),
        apiCalls: () => connector.stats().apiCalls,
        usage: () => connector.usage(),
      };
    }
  }
}
