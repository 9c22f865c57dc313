import type { Db } from "@mutual/db";
import type { ServiceContext } from "@mutual/services";
import type { WebhookDeliverer } from "@mutual/webhooks";
import type { Logger } from "pino";

/** What the webhook routes use of the deliverer (subscriptions, log, replay; the worker sends). */
export type ApiWebhooks = Pick<WebhookDeliverer, "subscribe" | "listSubscriptions" | "setSubscriptionEnabled" | "listDeliveries" | "getDelivery" | "replay">;

/** What the app is built from: injected so tests pass an in-memory db, a fixed clock and a silent logger. */
export interface AppDependencies {
  db: Db;
  logger: Logger;
  /** Outbound webhooks of the orgs (`createWebhookDeliverer` on the same database and sealing keys as the worker). */
  webhooks: ApiWebhooks;
  now?: () => Date;
}

/** The authenticated principal: an org, through one of its API tokens. */
export interface Principal {
  orgId: string;
  tokenId: string;
  /** Recorded as the author of overrides, tags and review decisions. */
  actor: string;
}

/** Hono environment of every route. */
export interface AppEnv {
  Variables: {
    requestId: string;
    logger: Logger;
    principal: Principal;
    services: ServiceContext;
    webhooks: ApiWebhooks;
  };
}
