import type { EnsureFieldsResult, FieldSpec, FieldValue, RecordUpdate, WriteResult } from "@mutual/connector-kit";
import { isConnectorError } from "@mutual/connector-kit";
import type { HubSpotApi } from "./hubspot-api.ts";

export const MUTUAL_GROUP = { name: "mutual", label: "Mutual partner data" };
const BATCH_SIZE = 100;

const TYPE_MAP: Record<FieldSpec["type"], { type: string; fieldType: string }> = {
  text: { type: "string", fieldType: "text" },
  textarea: { type: "string", fieldType: "textarea" },
  number: { type: "number", fieldType: "number" },
  checkbox: { type: "bool", fieldType: "booleancheckbox" },
  date: { type: "date", fieldType: "date" },
  picklist: { type: "enumeration", fieldType: "select" },
};

export function objectTypeOf(object: FieldSpec["object"]): "companies" | "deals" {
  return object === "account" ? "companies" : "deals";
}

function isConflict(error: unknown): boolean {
  return isConnectorError(error) && /HubSpot 409/.test(error.message);
}

/**
 * Creates the Mutual property group and properties that do not exist yet. Existing ones are read first, so a
 * second run makes no create calls; a 409 from a concurrent creator counts as existing.
 */
export async function ensureProperties(
  api: HubSpotApi,
  specs: readonly FieldSpec[],
  listExisting: (objectType: "companies" | "deals") => Promise<Set<string>>,
): Promise<EnsureFieldsResult> {
  const result: EnsureFieldsResult = { created: [], existing: [], granted: [], providerNames: {} };
  for (const objectType of ["companies", "deals"] as const) {
    const wanted = specs.filter((s) => objectTypeOf(s.object) === objectType);
    if (wanted.length === 0) continue;
    const existing = await listExisting(objectType);
    const groups = await api.call("standard", (c) => c.crm.properties.groupsApi.getAll(objectType));
    if (!groups.results.some((g) => g.name === MUTUAL_GROUP.name)) {
      await api
        .call("standard", (c) => c.crm.properties.groupsApi.create(objectType, { ...MUTUAL_GROUP, displayOrder: -1 }))
        .catch((error: unknown) => {
          if (!isConflict(error)) throw error;
        });
    }
    for (const spec of wanted) {
      result.providerNames[spec.name] = spec.name;
      if (existing.has(spec.name)) {
        result.existing.push(spec.name);
        continue;
      }
      const { type, fieldType } = TYPE_MAP[spec.type];
      const options =
        spec.type === "checkbox"
          ? [
              { label: "Yes", value: "true", hidden: false, displayOrder: 0 },
              { label: "No", value: "false", hidden: false, displayOrder: 1 },
            ]
          : (spec.picklistValues ?? []).map((value, displayOrder) => ({ label: value, value, hidden: false, displayOrder }));
      try {
        await api.call("standard", (c) =>
          c.crm.properties.coreApi.create(objectType, {
            name: spec.name,
            label: spec.label,
            type: type as never,
            fieldType: fieldType as never,
            groupName: MUTUAL_GROUP.name,
            description: spec.description ?? "",
            options,
          }),
        );
        result.created.push(spec.name);
        existing.add(spec.name);
      } catch (error) {
        if (!isConflict(error)) throw error;
        result.existing.push(spec.name);
      }
    }
  }
  return result;
}

function toHubSpotValue(value: FieldValue): string {
  if (value === null) return "";
  return typeof value === "boolean" ? String(value) : String(value);
}

/**
 * Writes updates in batch calls of 100. A 207 is split into per-record results; a batch HubSpot rejects
 * whole (400) fails each of its records with the reason. Repeated ids are merged (later fields win),
 * since HubSpot rejects duplicate ids in one batch.
 */
export async function writeUpdates(
  api: HubSpotApi,
  objectType: "companies" | "deals",
  updates: readonly RecordUpdate[],
): Promise<{ results: WriteResult[]; apiCalls: number }> {
  const merged = new Map<string, Record<string, string>>();
  for (const update of updates) {
    const fields = merged.get(update.id) ?? {};
    for (const [name, value] of Object.entries(update.fields)) fields[name] = toHubSpotValue(value);
    merged.set(update.id, fields);
  }
  const inputs = [...merged].map(([id, properties]) => ({ id, properties }));
  const results: WriteResult[] = [];
  const callsBefore = api.stats.apiCalls;
  for (let start = 0; start < inputs.length; start += BATCH_SIZE) {
    const batch = inputs.slice(start, start + BATCH_SIZE);
    try {
      const response = await api.call("standard", (c) =>
        (objectType === "companies" ? c.crm.companies : c.crm.deals).batchApi.update({ inputs: batch }),
      );
      const failed = new Map<string, string>();
      const errors = (response as { errors?: { message: string; category: string; context?: Record<string, string[]> }[] }).errors ?? [];
      for (const error of errors) {
        for (const id of error.context?.ids ?? []) failed.set(id, `${error.category}: ${error.message}`);
      }
      const confirmed = new Set(response.results.map((r) => r.id));
      for (const { id } of batch) {
        if (confirmed.has(id)) results.push({ id, ok: true });
        else {
          const message = failed.get(id) ?? "HubSpot did not confirm the update";
          const code = message.startsWith("OBJECT_NOT_FOUND") ? "not_found" : "invalid_data";
          results.push({ id, ok: false, code, message });
        }
      }
    } catch (error) {
      if (!isConnectorError(error) || error.code !== "invalid_data") throw error;
      for (const { id } of batch) results.push({ id, ok: false, code: "invalid_data", message: error.message });
    }
  }
  return { results, apiCalls: api.stats.apiCalls - callsBefore };
}
