import { getOpportunityAttribution, getOpportunityTag, overrideAttribution, OverrideAttributionInputSchema, setOpportunityTag } from "@mutual/services";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env.ts";
import { parseJsonBody } from "../parse-request.ts";

const OverrideBodySchema = OverrideAttributionInputSchema.omit({ orgId: true, opportunityId: true, by: true });
const TagBodySchema = z.object({ partnerId: z.string().min(1).nullable(), notes: z.string().trim().min(1).optional() });

/**
 * Per opportunity: GET /opportunities/:id/attribution, POST /opportunities/:id/attribution-override,
 * GET/PUT /opportunities/:id/tag (manual influencing partner; partnerId null clears it).
 */
export function createOpportunityRoutes() {
  return new Hono<AppEnv>()
    .get("/opportunities/:opportunityId/attribution", async (c) =>
      c.json(
        await getOpportunityAttribution(c.get("services"), {
          orgId: c.get("principal").orgId,
          opportunityId: c.req.param("opportunityId"),
        }),
      ),
    )
    .post("/opportunities/:opportunityId/attribution-override", async (c) => {
      const body = await parseJsonBody(c, OverrideBodySchema);
      const { orgId, actor } = c.get("principal");
      const attribution = await overrideAttribution(c.get("services"), {
        ...body,
        orgId,
        opportunityId: c.req.param("opportunityId"),
        by: actor,
      });
      return c.json(attribution, 201);
    })
    .get("/opportunities/:opportunityId/tag", async (c) =>
      c.json(await getOpportunityTag(c.get("services"), { orgId: c.get("principal").orgId, opportunityId: c.req.param("opportunityId") })),
    )
    .put("/opportunities/:opportunityId/tag", async (c) => {
      const body = await parseJsonBody(c, TagBodySchema);
      const { orgId, actor } = c.get("principal");
      return c.json(
        await setOpportunityTag(c.get("services"), {
          ...body,
          orgId,
          opportunityId: c.req.param("opportunityId"),
          by: actor,
        }),
      );
    });
}
