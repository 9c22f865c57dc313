import { errorResult, type RouteResult } from "./errors.ts";
import type { HubSpotStore } from "./store.ts";
import type { HubSpotObjectType, HubSpotProperty, HubSpotPropertyOption } from "./types.ts";

const TYPES = new Set(["bool", "date", "datetime", "enumeration", "number", "phone_number", "string"]);
const NAME = /^[a-z][a-z0-9_]*$/;

/** GET /crm/v3/properties/{type} */
export function listProperties(store: HubSpotStore, type: HubSpotObjectType): RouteResult {
  return { status: 200, body: { results: store.properties(type) } };
}

/** GET /crm/v3/properties/{type}/{name} */
export function getProperty(store: HubSpotStore, type: HubSpotObjectType, name: string): RouteResult {
  const property = store.property(type, name);
  if (!property) return errorResult(404, "OBJECT_NOT_FOUND", `Unable to find property ${name}`);
  return { status: 200, body: property };
}

interface PropertyCreateBody {
  name?: string;
  label?: string;
  type?: string;
  fieldType?: string;
  groupName?: string;
  description?: string;
  options?: HubSpotPropertyOption[];
  displayOrder?: number;
  hasUniqueValue?: boolean;
  hidden?: boolean;
  formField?: boolean;
}

/** POST /crm/v3/properties/{type}: 201, or 409 OBJECT_ALREADY_EXISTS when the name is taken (as HubSpot). */
export function createProperty(store: HubSpotStore, type: HubSpotObjectType, body: unknown, nowIso: string): RouteResult {
  const input = (body ?? {}) as PropertyCreateBody;
  const { name, label, groupName, fieldType } = input;
  if (!name || !label || !groupName || !fieldType || !input.type) {
    return errorResult(400, "VALIDATION_ERROR", "name, label, type, fieldType and groupName are required");
  }
  if (!NAME.test(name)) return errorResult(400, "VALIDATION_ERROR", `Property name '${name}' is not valid`);
  if (!TYPES.has(input.type)) return errorResult(400, "VALIDATION_ERROR", `Unknown property type '${input.type}'`);
  if (store.property(type, name)) {
    return errorResult(409, "OBJECT_ALREADY_EXISTS", `Property named '${name}' already exists.`, {
      subCategory: "PropertyValidationError.PROPERTY_ALREADY_EXISTS",
      context: { name: [name] },
    });
  }
  if (!store.group(type, groupName)) {
    return errorResult(400, "VALIDATION_ERROR", `Property group '${groupName}' does not exist`);
  }
  if (input.type === "enumeration" && (input.options ?? []).length === 0 && fieldType !== "booleancheckbox") {
    return errorResult(400, "VALIDATION_ERROR", `Enumeration property '${name}' needs options`);
  }
  const property: HubSpotProperty = {
    name,
    label,
    type: input.type,
    fieldType,
    groupName,
    description: input.description ?? "",
    options: (input.options ?? []).map((o) => ({ ...o, hidden: o.hidden ?? false })),
    hubspotDefined: false,
    hasUniqueValue: input.hasUniqueValue ?? false,
    hidden: input.hidden ?? false,
    formField: input.formField ?? false,
    displayOrder: input.displayOrder ?? -1,
    calculated: false,
    externalOptions: false,
    archived: false,
    createdAt: nowIso,
    updatedAt: nowIso,
    modificationMetadata: { archivable: true, readOnlyDefinition: false, readOnlyValue: false },
  };
  store.addProperty(type, property);
  return { status: 201, body: property };
}

/** GET /crm/v3/properties/{type}/groups */
export function listGroups(store: HubSpotStore, type: HubSpotObjectType): RouteResult {
  return { status: 200, body: { results: store.groups(type) } };
}

/** POST /crm/v3/properties/{type}/groups: 201, or 409 when the group exists. */
export function createGroup(store: HubSpotStore, type: HubSpotObjectType, body: unknown): RouteResult {
  const input = (body ?? {}) as { name?: string; label?: string; displayOrder?: number };
  if (!input.name || !input.label) return errorResult(400, "VALIDATION_ERROR", "name and label are required");
  if (!NAME.test(input.name)) return errorResult(400, "VALIDATION_ERROR", `Group name '${input.name}' is not valid`);
  if (store.group(type, input.name)) {
    return errorResult(409, "OBJECT_ALREADY_EXISTS", `A property group with name '${input.name}' already exists.`, {
      context: { name: [input.name] },
    });
  }
  const group = { name: input.name, label: input.label, displayOrder: input.displayOrder ?? -1, archived: false };
  store.addGroup(type, group);
  return { status: 201, body: group };
}
