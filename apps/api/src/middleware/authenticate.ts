import { AppError } from "@mutual/core";
import { findApiToken } from "@mutual/db";
import type { Db } from "@mutual/db";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env.ts";

/** Resolves `Authorization: Bearer <token>` to its org (tokens are stored as SHA-256 hashes). */
export function authenticate(db: Db) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError("unauthorized", "send an API token as 'Authorization: Bearer <token>'");
    const token = await findApiToken(db, match[1]!);
    if (!token) throw new AppError("unauthorized", "unknown or revoked API token");
    c.set("principal", { orgId: token.orgId, tokenId: token.id, actor: `api-token:${token.name}` });
    c.set("logger", c.get("logger").child({ orgId: token.orgId }));
    await next();
  });
}
