import type { Db } from "@mutual/db";
import type { ServiceContext } from "@mutual/services";
import type { Logger } from "pino";

/** What the app is built from: injected so tests pass an in-memory db, a fixed clock and a silent logger. */
export interface AppDependencies {
  db: Db;
  logger: Logger;
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
  };
}
