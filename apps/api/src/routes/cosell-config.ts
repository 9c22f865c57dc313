import { getCosellConfig, setCosellConfig, SetCosellConfigInputSchema } from "@mutual/services";
import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import { parseJsonBody } from "../parse-request.ts";

const BodySchema = SetCosellConfigInputSchema.omit({ orgId: true });

/** GET/PUT /cosell/config: weights, tier table, minimum ICP, quadrant thresholds, attribution settings, rates. */
export function createCosellConfigRoutes() {
  return new Hono<AppEnv>()
    .get("/cosell/config", async (c) => c.json(await getCosellConfig(c.get("services"), { orgId: c.get("principal").orgId })))
    .put("/cosell/config", async (c) => {
      const body = await parseJsonBody(c, BodySchema);
      return c.json(await setCosellConfig(c.get("services"), { ...body, orgId: c.get("principal").orgId }));
    });
}
