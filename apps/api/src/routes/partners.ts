import { getCosellShortlist, getPartnerPerformance, setPartnerProfile } from "@mutual/services";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env.ts";
import { parseJsonBody, parseQuery } from "../parse-request.ts";

const ShortlistQuerySchema = z.object({
  icp: z.coerce.number().min(0).max(100).optional(),
  cosell: z.coerce.number().nonnegative().optional(),
});
const ProfileBodySchema = z.object({ type: z.string().trim().min(1).optional(), manager: z.string().trim().min(1).optional() });

/**
 * Per-partner co-sell reads: GET /partners/:partnerId/cosell-shortlist (?icp&cosell thresholds),
 * GET /partners/:partnerId/performance, PUT /partners/:partnerId/profile (type, manager for tags).
 */
export function createPartnerRoutes() {
  return new Hono<AppEnv>()
    .get("/partners/:partnerId/cosell-shortlist", async (c) => {
      const query = parseQuery(c, ShortlistQuerySchema);
      const shortlist = await getCosellShortlist(c.get("services"), {
        orgId: c.get("principal").orgId,
        partnerId: c.req.param("partnerId"),
        thresholds: {
          ...(query.icp !== undefined && { icp: query.icp }),
          ...(query.cosell !== undefined && { cosell: query.cosell }),
        },
      });
      return c.json(shortlist);
    })
    .get("/partners/:partnerId/performance", async (c) => {
      const [performance] = await getPartnerPerformance(c.get("services"), {
        orgId: c.get("principal").orgId,
        partnerId: c.req.param("partnerId"),
      });
      return c.json(performance);
    })
    .put("/partners/:partnerId/profile", async (c) => {
      const body = await parseJsonBody(c, ProfileBodySchema);
      const profile = await setPartnerProfile(c.get("services"), {
        ...body,
        orgId: c.get("principal").orgId,
        partnerId: c.req.param("partnerId"),
      });
      return c.json(profile);
    });
}
