import { getAttributionReport, listReviewQueue, recomputeAttribution, resolveReviewItem } from "@mutual/services";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env.ts";
import { parseJsonBody, parseQuery } from "../parse-request.ts";

const ReportQuerySchema = z.object({
  period: z.enum(["month", "quarter"]).default("month"),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  partnerId: z.string().min(1).optional(),
});
const ReviewQuerySchema = z.object({ status: z.enum(["open", "resolved", "dismissed"]).default("open") });
const ResolveBodySchema = z.object({ status: z.enum(["resolved", "dismissed"]), resolution: z.string().trim().min(1) });

/**
 * GET /attribution/report?period=month|quarter&from&to, POST /attribution/recompute,
 * GET /attribution/review-queue?status, POST /attribution/review-queue/:itemId (resolve or dismiss).
 */
export function createAttributionRoutes() {
  return new Hono<AppEnv>()
    .get("/attribution/report", async (c) => {
      const query = parseQuery(c, ReportQuerySchema);
      return c.json(await getAttributionReport(c.get("services"), { ...query, orgId: c.get("principal").orgId }));
    })
    .post("/attribution/recompute", async (c) => {
      const result = await recomputeAttribution(c.get("services"), { orgId: c.get("principal").orgId });
      c.get("logger").info({ result }, "attribution recomputed");
      return c.json(result);
    })
    .get("/attribution/review-queue", async (c) => {
      const query = parseQuery(c, ReviewQuerySchema);
      return c.json({ items: await listReviewQueue(c.get("services"), { ...query, orgId: c.get("principal").orgId }) });
    })
    .post("/attribution/review-queue/:itemId", async (c) => {
      const body = await parseJsonBody(c, ResolveBodySchema);
      const { orgId, actor } = c.get("principal");
      return c.json(await resolveReviewItem(c.get("services"), { ...body, orgId, itemId: c.req.param("itemId"), by: actor }));
    });
}
