import { errorResult, recordError, type RouteResult } from "./errors.ts";
import type { HubSpotStore } from "./store.ts";
import type { HubSpotObjectType } from "./types.ts";

const MAX_INPUTS = 1000;
/** HubSpot-defined deal -> company association types: 5 primary, 341 unlabeled. */
const PRIMARY = { category: "HUBSPOT_DEFINED", typeId: 5, label: "Primary" };
const UNLABELED = { category: "HUBSPOT_DEFINED", typeId: 341 };

/**
 * POST /crm/v4/associations/{from}/{to}/batch/read for deals -> companies. Ids without associations come back
 * as per-record errors in a 207, as on HubSpot.
 */
export function batchReadAssociations(
  store: HubSpotStore,
  from: HubSpotObjectType,
  to: HubSpotObjectType,
  body: unknown,
  nowIso: string,
): RouteResult {
  if (from !== "deals" || to !== "companies") {
    return errorResult(400, "VALIDATION_ERROR", `The emulator serves deal -> company associations only`);
  }
  const inputs = ((body ?? {}) as { inputs?: { id: string }[] }).inputs ?? [];
  if (inputs.length > MAX_INPUTS) return errorResult(400, "VALIDATION_ERROR", `at most ${MAX_INPUTS} inputs per batch`);
  const results = [];
  const missing: string[] = [];
  for (const { id } of inputs) {
    const companies = store.get("deals", id) ? store.companiesOfDeal(id) : [];
    if (companies.length === 0) {
      missing.push(id);
      continue;
    }
    results.push({
      from: { id },
      to: companies.map((companyId, index) => ({
        toObjectId: companyId,
        associationTypes: index === 0 ? [PRIMARY, UNLABELED] : [UNLABELED],
      })),
    });
  }
  const times = { startedAt: nowIso, completedAt: nowIso };
  if (missing.length === 0) return { status: 200, body: { status: "COMPLETE", results, ...times } };
  const errors = missing.map((id) =>
    recordError("OBJECT_NOT_FOUND", `No company is associated with deal ${id}.`, [id]),
  );
  return { status: 207, body: { status: "COMPLETE", results, numErrors: errors.length, errors, ...times } };
}
