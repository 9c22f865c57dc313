export { createApp } from "./app.ts";
export type { AppDependencies, AppEnv, Principal } from "./app-env.ts";
export { HTTP_STATUS_BY_CODE, shapeError } from "./http-errors.ts";
export type { ErrorBody } from "./http-errors.ts";
export { EnvSchema, parseEnv } from "./env.ts";
export type { Env } from "./env.ts";
