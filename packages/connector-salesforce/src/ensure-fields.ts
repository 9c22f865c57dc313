import { AppError } from "@mutual/core";
import type { Connection } from "jsforce";
import type { EnsureFieldsResult, FieldSpec } from "@mutual/connector-kit";
import { quoteSoql } from "./quote-soql.ts";

type Call = <T>(action: string, fn: () => Promise<T>) => Promise<T>;

const OBJECTS = { account: "Account", opportunity: "Opportunity" } as const;

/** mutual_overlap_count -> Mutual_Overlap_Count__c */
export function toCustomFieldName(name: string): string {
  const base = name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join("_");
  return `${base}__c`;
}

/** Tooling API metadata for a field spec. */
function toMetadata(spec: FieldSpec): Record<string, unknown> {
  const common = { label: spec.label, description: spec.description ?? `Managed by Mutual (${spec.name})` };
  switch (spec.type) {
    case "text":
      return { ...common, type: "Text", length: spec.length ?? 255 };
    case "textarea":
      return { ...common, type: "LongTextArea", length: spec.length ?? 32768, visibleLines: 3 };
    case "number":
      return { ...common, type: "Number", precision: 18, scale: 2 };
    case "checkbox":
      return { ...common, type: "Checkbox", defaultValue: false };
    case "date":
      return { ...common, type: "Date" };
    case "picklist":
      return {
        ...common,
        type: "Picklist",
        valueSet: { valueSetDefinition: { sorted: false, value: (spec.picklistValues ?? []).map((v) => ({ fullName: v, label: v, default: false })) } },
      };
  }
}

type QueryResult<T> = { records: T[] };

/**
 * Creates missing custom fields through the Tooling API, then makes sure a permission set assigned to the
 * integration user grants read/edit on each (new fields are invisible to the API until then). Idempotent:
 * a second run only reads.
 */
export async function ensureCustomFields(
  conn: Connection,
  specs: readonly FieldSpec[],
  deps: { call: Call; permissionSetName: string; apiBase: string },
): Promise<EnsureFieldsResult> {
  const result: EnsureFieldsResult = { created: [], existing: [], granted: [], providerNames: {} };
  const { call } = deps;
  const byObject = new Map<string, FieldSpec[]>();
  for (const spec of specs) byObject.set(OBJECTS[spec.object], [...(byObject.get(OBJECTS[spec.object]) ?? []), spec]);

  const qualified: string[] = [];
  for (const [object, objectSpecs] of byObject) {
    const existing = await call(`list custom fields of ${object}`, () =>
      conn.tooling.query<{ DeveloperName: string }>(`SELECT Id, DeveloperName, TableEnumOrId FROM CustomField WHERE TableEnumOrId = ${quoteSoql(object)}`) as unknown as Promise<QueryResult<{ DeveloperName: string }>>,
    );
    const names = new Set(existing.records.map((r) => `${r.DeveloperName}__c`.toLowerCase()));
    for (const spec of objectSpecs) {
      const fieldName = toCustomFieldName(spec.name);
      result.providerNames[spec.name] = fieldName;
      qualified.push(`${object}.${fieldName}`);
      if (names.has(fieldName.toLowerCase())) {
        result.existing.push(`${object}.${fieldName}`);
        continue;
      }
      await call(`create field ${object}.${fieldName}`, () =>
        conn.tooling.sobject("CustomField").create({ FullName: `${object}.${fieldName}`, Metadata: toMetadata(spec) } as never) as Promise<unknown>,
      );
      result.created.push(`${object}.${fieldName}`);
    }
  }
  if (qualified.length === 0) return result;

  const userId = conn.userInfo?.id ?? ((await call("read identity", () => conn.identity())) as { user_id: string }).user_id;
  const name = deps.permissionSetName;
  const sets = await call("find permission set", () => conn.query<{ Id: string }>(`SELECT Id FROM PermissionSet WHERE Name = ${quoteSoql(name)}`) as unknown as Promise<QueryResult<{ Id: string }>>);
  let permissionSetId = sets.records[0]?.Id;
  if (!permissionSetId) {
    const created = (await call("create permission set", () =>
      conn.sobject("PermissionSet").create({ Name: name, Label: "Mutual Integration", Description: "Field access for the Mutual integration user" }) as Promise<unknown>,
    )) as { id: string };
    permissionSetId = created.id;
  }
  const psId = permissionSetId;
  const assignments = await call("find permission set assignment", () =>
    conn.query<{ Id: string }>(`SELECT Id FROM PermissionSetAssignment WHERE PermissionSetId = ${quoteSoql(psId)} AND AssigneeId = ${quoteSoql(userId)}`) as unknown as Promise<QueryResult<{ Id: string }>>,
  );
  if (assignments.records.length === 0) {
    await call("assign permission set", () => conn.sobject("PermissionSetAssignment").create({ PermissionSetId: psId, AssigneeId: userId }) as Promise<unknown>);
  }
  const permissions = await call("read field permissions", () =>
    conn.query<{ Id: string; Field: string; PermissionsRead: boolean; PermissionsEdit: boolean }>(
      `SELECT Id, Field, PermissionsRead, PermissionsEdit FROM FieldPermissions WHERE ParentId = ${quoteSoql(psId)}`,
    ) as unknown as Promise<QueryResult<{ Id: string; Field: string; PermissionsRead: boolean; PermissionsEdit: boolean }>>,
  );
  const current = new Map(permissions.records.map((p) => [p.Field.toLowerCase(), p]));
  const toCreate: Record<string, unknown>[] = [];
  const toUpdate: Record<string, unknown>[] = [];
  for (const field of qualified) {
    const existing = current.get(field.toLowerCase());
    if (!existing) toCreate.push({ ParentId: psId, SobjectType: field.split(".")[0], Field: field, PermissionsRead: true, PermissionsEdit: true });
    else if (!existing.PermissionsRead || !existing.PermissionsEdit) toUpdate.push({ Id: existing.Id, PermissionsRead: true, PermissionsEdit: true });
    else continue;
    result.granted.push(field);
  }
  for (let i = 0; i < toCreate.length; i += 200) {
    const chunk = toCreate.slice(i, i + 200);
    const saved = (await call("grant field permissions", () => conn.sobject("FieldPermissions").create(chunk as never[]) as Promise<unknown>)) as { success: boolean; errors: { message: string }[] }[];
    const failed = saved.find((s) => !s.success);
    if (failed) throw new AppError("permission_denied", `salesforce: granting field permissions failed: ${failed.errors.map((e) => e.message).join("; ")}`);
  }
  for (let i = 0; i < toUpdate.length; i += 200) {
    const chunk = toUpdate.slice(i, i + 200);
    await call("update field permissions", () => conn.sobject("FieldPermissions").update(chunk as never[]) as Promise<unknown>);
  }
  return result;
}
