import { AppError } from "@mutual/core";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import type { AppDependencies, AppEnv } from "./app-env.ts";
import { shapeError } from "./http-errors.ts";
import { authenticate } from "./middleware/authenticate.ts";
import { mountRoutes } from "./routes/index.ts";

/** Largest request body accepted; every route takes small JSON, so more is a mistake or an attack. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Builds the HTTP API from injected dependencies (no env, no global state). `onError` is the only
 * place that shapes HTTP errors: AppError codes go through HTTP_STATUS_BY_CODE.
 */
export function createApp(deps: AppDependencies): Hono<AppEnv> {
  const log = deps.logger.child({ module: "api" });
  const services = { db: deps.db, ...(deps.now && { now: deps.now }) };
  const app = new Hono<AppEnv>();

  app.use(requestId());
  app.use(async (c, next) => {
    c.set("logger", log.child({ requestId: c.get("requestId") }));
    c.set("services", services);
    c.set("webhooks", deps.webhooks);
    await next();
  });

  // Bodies are read whole by c.req.json(): cap them so one request cannot fill the process's memory.
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new AppError("invalid_input", `request body is larger than ${MAX_BODY_BYTES} bytes`);
      },
    }),
  );

  app.get("/health", (c) => c.json({ ok: true }));

  const v1 = new Hono<AppEnv>();
  v1.use(authenticate(deps.db));
  mountRoutes(v1);
  app.route("/v1", v1);

  app.notFound(() => {
    throw new AppError("not_found", "no such route");
  });
  app.onError((error, c) => {
    const requestLog = c.get("logger") ?? log;
    const { status, body } = shapeError(error, c.get("requestId") ?? "unknown");
    if (status >= 500) requestLog.error({ err: error }, "request failed");
    else requestLog.info({ code: body.error.code, status }, body.error.message);
    return c.json(body, status);
  });
  return app;
}
