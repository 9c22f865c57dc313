import { recordEngagement, RecordEngagementServiceInputSchema } from "@mutual/services";
import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import { parseJsonBody } from "../parse-request.ts";

const BodySchema = RecordEngagementServiceInputSchema.omit({ orgId: true, createdBy: true });

/** POST /engagements: an intro request, Slack action or note with a partner about one of my accounts. */
export function createEngagementRoutes() {
  return new Hono<AppEnv>().post("/engagements", async (c) => {
    const body = await parseJsonBody(c, BodySchema);
    const { orgId, actor } = c.get("principal");
    return c.json(await recordEngagement(c.get("services"), { ...body, orgId, createdBy: actor }), 201);
  });
}
