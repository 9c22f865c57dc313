import { generateAccounts, generateOpportunities, generateOwners } from "../generator/generate-org.ts";
import { formatId, KEY_PREFIXES } from "./ids.ts";
import { customField, STANDARD_FIELDS, type SfField } from "./schema.ts";
import {
  compareByOrder,
  matchesCondition,
  parseSoql,
  referencedFields,
  SoqlError,
  type Normalizer,
  type SoqlQuery,
} from "./soql.ts";

/** A Salesforce API error: HTTP status plus the errorCode/message pair the API returns. */
export class SfError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields: string[] = [],
  ) {
    super(message);
  }
}

export type SfRecord = Record<string, unknown>;

interface ObjectStore {
  name: string;
  prefix: string;
  sequence: number;
  records: Map<string, SfRecord>;
}

/** A rule making matching record writes fail, as validation rules or triggers do in real orgs. */
export interface RecordFailureRule {
  object?: string;
  match: (id: string | undefined, values: SfRecord) => boolean;
  errorCode?: string;
  message?: string;
}

export interface ToolingCustomField {
  Id: string;
  DeveloperName: string;
  TableEnumOrId: string;
  FullName: string;
  Metadata: { label?: string; type: string; length?: number; description?: string };
}

export interface SalesforceOrgOptions {
  seed?: number;
  accounts?: number;
  opportunities?: number;
  /** Epoch ms; injectable so tests control modstamps and token expiry. */
  now?: () => number;
  username: string;
  referenceDate?: string;
}

const toSfDateTime = (ms: number) => new Date(ms).toISOString().replace("Z", "+0000");

/** In-memory state of one emulated org: records, custom fields, field-level security. */
export class SalesforceOrg {
  readonly orgId = formatId(KEY_PREFIXES.Organization as string, 1);
  readonly integrationUserId: string;
  readonly now: () => number;
  private readonly objects = new Map<string, ObjectStore>();
  private readonly custom = new Map<string, SfField[]>();
  readonly customFields: ToolingCustomField[] = [];
  private customFieldSequence = 0;
  readonly recordFailures: RecordFailureRule[] = [];

  constructor(options: SalesforceOrgOptions) {
    this.now = options.now ?? Date.now;
    for (const name of Object.keys(STANDARD_FIELDS)) {
      this.objects.set(name, { name, prefix: KEY_PREFIXES[name] ?? "a00", sequence: 0, records: new Map() });
    }
    this.integrationUserId = this.insertRaw("User", {
      Username: options.username,
      Email: options.username,
      FirstName: "Mutual",
      LastName: "Integration",
      Name: "Mutual Integration",
      IsActive: true,
    });
    this.seed(options);
  }

  /** Modstamps have second precision, as in real orgs, so ties on SystemModstamp happen. */
  stamp(): number {
    return Math.floor(this.now() / 1000) * 1000;
  }

  private store(object: string): ObjectStore {
    const store = this.objects.get(object);
    if (!store) throw new SfError(400, "INVALID_TYPE", `sObject type '${object}' is not supported.`);
    return store;
  }

  hasObject(object: string): boolean {
    return this.objects.has(object);
  }

  objectNames(): string[] {
    return [...this.objects.keys()];
  }

  allFields(object: string): SfField[] {
    return [...(STANDARD_FIELDS[object] ?? []), ...(this.custom.get(object) ?? [])];
  }

  /** Field-level security: custom fields need a permission set granting access to the integration user. */
  private hasFieldPermission(object: string, field: SfField, mode: "read" | "edit"): boolean {
    if (!field.custom) return true;
    const assigned = new Set<unknown>();
    for (const a of this.store("PermissionSetAssignment").records.values()) {
      if (a.AssigneeId === this.integrationUserId) assigned.add(a.PermissionSetId);
    }
    const qualified = `${object}.${field.name}`;
    for (const p of this.store("FieldPermissions").records.values()) {
      if (p.Field === qualified && assigned.has(p.ParentId)) {
        if (mode === "read" ? p.PermissionsRead === true : p.PermissionsEdit === true) return true;
      }
    }
    return false;
  }

  visibleFields(object: string): SfField[] {
    this.store(object);
    return this.allFields(object).filter((f) => this.hasFieldPermission(object, f, "read"));
  }

  private findField(object: string, name: string, mode: "read" | "edit"): SfField {
    const field = this.allFields(object).find((f) => f.name.toLowerCase() === name.toLowerCase());
    if (!field || !this.hasFieldPermission(object, field, "read")) {
      throw new SfError(400, "INVALID_FIELD", `No such column '${name}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`, [name]);
    }
    if (mode === "edit" && (!field.updateable || !this.hasFieldPermission(object, field, "edit"))) {
      throw new SfError(400, "INVALID_FIELD_FOR_INSERT_UPDATE", `Unable to create/update fields: ${field.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, [field.name]);
    }
    return field;
  }

  /** Resolves `Field` or `Relationship.Field` to the field definition at the end of the path. */
  private resolvePath(object: string, path: string): { field: SfField; target: string } {
    const dot = path.indexOf(".");
    if (dot < 0) return { field: this.findField(object, path, "read"), target: object };
    const relationship = path.slice(0, dot);
    const ref = this.allFields(object).find((f) => f.relationshipName?.toLowerCase() === relationship.toLowerCase());
    const target = ref?.referenceTo[0];
    if (!ref || !target) {
      throw new SfError(400, "INVALID_FIELD", `Didn't understand relationship '${relationship}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name.`);
    }
    return this.resolvePath(target, path.slice(dot + 1));
  }

  /** Reads a (possibly dotted) field path of a record; datetimes stay epoch ms. */
  readPath(object: string, record: SfRecord, path: string): unknown {
    const dot = path.indexOf(".");
    if (dot < 0) {
      const direct = record[path];
      if (direct !== undefined) return direct;
      const field = this.allFields(object).find((f) => f.name.toLowerCase() === path.toLowerCase());
      return field ? (record[field.name] ?? null) : null;
    }
    const relationship = path.slice(0, dot).toLowerCase();
    const ref = this.allFields(object).find((f) => f.relationshipName?.toLowerCase() === relationship);
    const target = ref?.referenceTo[0];
    const id = ref ? record[ref.name] : undefined;
    if (!ref || !target || typeof id !== "string") return null;
    const parent = this.objects.get(target)?.records.get(id);
    return parent ? this.readPath(target, parent, path.slice(dot + 1)) : null;
  }

  fieldTypeOf(object: string, path: string): SfField["type"] {
    return this.resolvePath(object, path).field.type;
  }

  private normalizer(object: string): Normalizer {
    const types = new Map<string, SfField["type"]>();
    return (path, value) => {
      let type = types.get(path);
      if (!type) {
        type = this.fieldTypeOf(object, path);
        types.set(path, type);
      }
      if (value === null || value === undefined) return null;
      if (type === "datetime") return typeof value === "number" ? value : Date.parse(String(value).replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
      if (type === "id" || type === "reference") return String(value).slice(0, 15);
      if (typeof value === "string") return value.toLowerCase();
      return value as number | boolean;
    };
  }

  /** Runs a SOQL query; `includeDeleted` is queryAll. Access checks apply to every referenced field. */
  query(soql: string, includeDeleted: boolean): { query: SoqlQuery; rows: SfRecord[] } {
    const query = this.prepare(soql);
    const store = this.store(query.object);
    const normalize = this.normalizer(query.object);
    const rows: SfRecord[] = [];
    for (const record of store.records.values()) {
      if (record.IsDeleted === true && !includeDeleted) continue;
      if (matchesCondition(query.where, (f) => this.readPath(query.object, record, f), normalize)) rows.push(record);
    }
    if (query.orderBy.length > 0) {
      rows.sort((a, b) =>
        compareByOrder(query.orderBy, (f) => this.readPath(query.object, a, f), (f) => this.readPath(query.object, b, f), normalize),
      );
    }
    return { query, rows: query.limit === undefined ? rows : rows.slice(0, query.limit) };
  }

  /** Parses a query and checks its object and every referenced field, without running it. */
  prepare(soql: string): SoqlQuery {
    let query: SoqlQuery;
    try {
      query = parseSoql(soql);
    } catch (error) {
      if (error instanceof SoqlError) throw new SfError(400, error.errorCode, error.message);
      throw error;
    }
    this.store(query.object);
    for (const path of referencedFields(query)) this.resolvePath(query.object, path);
    return query;
  }

  get(object: string, id: string): SfRecord | undefined {
    const store = this.store(object);
    return store.records.get(id) ?? [...store.records.values()].find((r) => String(r.Id).slice(0, 15) === id.slice(0, 15));
  }

  /** Converts an API value to the stored form, rejecting what the field type cannot hold. */
  private coerce(field: SfField, value: unknown): unknown {
    if (value === null || value === undefined || value === "") {
      if (!field.nillable) throw new SfError(400, "REQUIRED_FIELD_MISSING", `Required fields are missing: [${field.name}]`, [field.name]);
      return field.type === "boolean" ? false : null;
    }
    const bad = () => new SfError(400, "INVALID_TYPE_ON_FIELD_IN_RECORD", `${field.label}: value not of required type: ${String(value)}`, [field.name]);
    switch (field.type) {
      case "double":
      case "currency":
      case "percent":
      case "int": {
        const n = typeof value === "number" ? value : Number(value);
        if (!Number.isFinite(n)) throw bad();
        return field.type === "int" ? Math.trunc(n) : n;
      }
      case "boolean":
        if (typeof value === "boolean") return value;
        if (value === "true" || value === "false") return value === "true";
        throw bad();
      case "date":
        if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw bad();
        return value;
      case "datetime": {
        const ms = typeof value === "number" ? value : Date.parse(String(value));
        if (Number.isNaN(ms)) throw bad();
        return ms;
      }
      default: {
        const text = String(value);
        if (field.length > 0 && text.length > field.length) {
          throw new SfError(400, "STRING_TOO_LONG", `${field.label}: data value too large: ${text.slice(0, 40)}... (max length=${field.length})`, [field.name]);
        }
        return text;
      }
    }
  }

  private checkFailureRules(object: string, id: string | undefined, values: SfRecord): void {
    for (const rule of this.recordFailures) {
      if ((rule.object === undefined || rule.object === object) && rule.match(id, values)) {
        throw new SfError(400, rule.errorCode ?? "FIELD_CUSTOM_VALIDATION_EXCEPTION", rule.message ?? "Record rejected by a validation rule");
      }
    }
  }

  private deriveFields(object: string, record: SfRecord): void {
    if (object === "Opportunity" && typeof record.StageName === "string") {
      record.IsClosed = record.StageName.startsWith("Closed");
      record.IsWon = record.StageName === "Closed Won";
    }
  }

  /** Inserts without access checks (seeding and admin setup). */
  insertRaw(object: string, values: SfRecord, at = this.stamp()): string {
    const store = this.store(object);
    const id = formatId(store.prefix, ++store.sequence);
    const record: SfRecord = { Id: id, IsDeleted: false, CreatedDate: at, LastModifiedDate: at, SystemModstamp: at, ...values };
    this.deriveFields(object, record);
    store.records.set(id, record);
    return id;
  }

  /** API insert: checks fields, types, required values and failure rules. */
  create(object: string, values: SfRecord): string {
    this.store(object);
    const clean: SfRecord = {};
    for (const [name, value] of Object.entries(values)) {
      if (name === "attributes") continue;
      const field = this.findField(object, name, "read");
      if (!field.createable || !this.hasFieldPermission(object, field, "edit")) {
        throw new SfError(400, "INVALID_FIELD_FOR_INSERT_UPDATE", `Unable to create/update fields: ${field.name}.`, [field.name]);
      }
      clean[field.name] = this.coerce(field, value);
    }
    for (const field of this.allFields(object)) {
      if (!field.nillable && field.createable && clean[field.name] === undefined && field.name !== "OwnerId") {
        throw new SfError(400, "REQUIRED_FIELD_MISSING", `Required fields are missing: [${field.name}]`, [field.name]);
      }
    }
    if (object === "FieldPermissions") this.checkFieldPermission(clean);
    if (object === "PermissionSet" || object === "PermissionSetAssignment" || object === "FieldPermissions") this.checkDuplicate(object, clean);
    this.checkFailureRules(object, undefined, clean);
    if (this.allFields(object).some((f) => f.name === "OwnerId") && clean.OwnerId === undefined) clean.OwnerId = this.integrationUserId;
    return this.insertRaw(object, clean);
  }

  private checkFieldPermission(values: SfRecord): void {
    const [object, name] = String(values.Field).split(".");
    const field = object ? this.allFields(object).find((f) => f.name === name) : undefined;
    if (!field || !field.custom) {
      throw new SfError(400, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", `Field Name: bad value for restricted picklist field: ${String(values.Field)}`, ["Field"]);
    }
  }

  private checkDuplicate(object: string, values: SfRecord): void {
    const key = (r: SfRecord) =>
      object === "PermissionSet" ? String(r.Name) : object === "PermissionSetAssignment" ? `${String(r.AssigneeId)}|${String(r.PermissionSetId)}` : `${String(r.ParentId)}|${String(r.Field)}`;
    const wanted = key(values);
    for (const r of this.store(object).records.values()) {
      if (r.IsDeleted !== true && key(r) === wanted) {
        throw new SfError(400, "DUPLICATE_VALUE", `duplicate value found: ${wanted} duplicates value on record with id: ${String(r.Id)}`);
      }
    }
  }

  /** API update: checks fields, types and failure rules; bumps SystemModstamp. */
  update(object: string, id: string, values: SfRecord): void {
    const record = this.get(object, id);
    if (!record) throw new SfError(404, "NOT_FOUND", `Provided external ID field does not exist or is not accessible: ${id}`);
    if (record.IsDeleted === true) throw new SfError(400, "ENTITY_IS_DELETED", "entity is deleted");
    const clean: SfRecord = {};
    for (const [name, value] of Object.entries(values)) {
      if (name === "attributes" || name.toLowerCase() === "id") continue;
      const field = this.findField(object, name, "edit");
      clean[field.name] = this.coerce(field, value);
    }
    this.checkFailureRules(object, String(record.Id), clean);
    const at = this.stamp();
    Object.assign(record, clean, { LastModifiedDate: at, SystemModstamp: at });
    this.deriveFields(object, record);
  }

  /** Moves a record to the recycle bin: hidden from query, visible with IsDeleted to queryAll. */
  remove(object: string, id: string): void {
    const record = this.get(object, id);
    if (!record || record.IsDeleted === true) throw new SfError(404, "ENTITY_IS_DELETED", "entity is deleted");
    record.IsDeleted = true;
    record.SystemModstamp = this.stamp();
  }

  /** Tooling API CustomField create; the field exists but is invisible until field permissions grant it. */
  createCustomField(fullName: string, metadata: ToolingCustomField["Metadata"]): string {
    const match = /^(\w+)\.(\w+__c)$/.exec(fullName ?? "");
    if (!match) throw new SfError(400, "INVALID_FIELD", `Invalid FullName: ${fullName}. Expected Object.Name__c`);
    const [, object, name] = match as unknown as [string, string, string];
    if (!STANDARD_FIELDS[object] || object === "User") throw new SfError(400, "INVALID_TYPE", `Cannot add fields to ${object}`);
    if (!metadata?.type || !metadata.label) throw new SfError(400, "REQUIRED_FIELD_MISSING", "Required fields are missing: [Metadata.label, Metadata.type]");
    if (this.allFields(object).some((f) => f.name.toLowerCase() === name.toLowerCase())) {
      throw new SfError(400, "DUPLICATE_DEVELOPER_NAME", `Could not create field: duplicate developer name: ${name}`);
    }
    const id = formatId(KEY_PREFIXES.CustomField as string, ++this.customFieldSequence);
    this.custom.set(object, [...(this.custom.get(object) ?? []), customField(name, metadata)]);
    this.customFields.push({ Id: id, DeveloperName: name.replace(/__c$/, ""), TableEnumOrId: object, FullName: fullName, Metadata: metadata });
    return id;
  }

  /** Serializes a record as the REST API does (relationship fields nested, datetimes as +0000). */
  toRest(object: string, record: SfRecord, fields: string[]): SfRecord {
    const out: SfRecord = { attributes: { type: object, url: `/services/data/v62.0/sobjects/${object}/${String(record.Id)}` } };
    for (const path of fields) {
      const segments = path.split(".");
      if (segments.length === 1) {
        const type = this.fieldTypeOf(object, path);
        const value = this.readPath(object, record, path);
        out[this.canonicalName(object, path)] = type === "datetime" && typeof value === "number" ? toSfDateTime(value) : value;
        continue;
      }
      const relationship = this.allFields(object).find((f) => f.relationshipName?.toLowerCase() === segments[0]?.toLowerCase());
      const target = relationship?.referenceTo[0];
      if (!relationship || !target) continue;
      const parentId = record[relationship.name];
      const parent = typeof parentId === "string" ? this.objects.get(target)?.records.get(parentId) : undefined;
      const key = relationship.relationshipName as string;
      if (!parent) {
        out[key] = null;
        continue;
      }
      const nested = (out[key] as SfRecord | undefined) ?? { attributes: { type: target, url: `/services/data/v62.0/sobjects/${target}/${parentId as string}` } };
      Object.assign(nested, this.toRest(target, parent, [segments.slice(1).join(".")]));
      nested.attributes = { type: target, url: `/services/data/v62.0/sobjects/${target}/${parentId as string}` };
      out[key] = nested;
    }
    return out;
  }

  /** Raw reader and type for a field path, resolved once (hot loops over 100k records use these). */
  private compileReader(object: string, path: string): { read: (record: SfRecord) => unknown; type: SfField["type"] } {
    const dot = path.indexOf(".");
    if (dot < 0) {
      const field = this.resolvePath(object, path).field;
      const name = field.name;
      return { read: (record) => record[name] ?? null, type: field.type };
    }
    const relationship = path.slice(0, dot).toLowerCase();
    const ref = this.allFields(object).find((f) => f.relationshipName?.toLowerCase() === relationship);
    const target = ref?.referenceTo[0];
    if (!ref || !target) throw new SfError(400, "INVALID_FIELD", `Didn't understand relationship '${path.slice(0, dot)}' in field path.`);
    const inner = this.compileReader(target, path.slice(dot + 1));
    const parents = this.store(target).records;
    const refName = ref.name;
    return {
      read: (record) => {
        const parent = parents.get(record[refName] as string);
        return parent ? inner.read(parent) : null;
      },
      type: inner.type,
    };
  }

  /** Formats records as Bulk API 2.0 CSV cells ("" for null, datetimes in UTC ISO). */
  csvProjector(object: string, fields: string[]): (record: SfRecord) => string[] {
    const readers = fields.map((f) => this.compileReader(object, f));
    return (record) =>
      readers.map(({ read, type }) => {
        const value = read(record);
        if (value === null || value === undefined) return "";
        return type === "datetime" && typeof value === "number" ? new Date(value).toISOString() : String(value);
      });
  }

  private canonicalName(object: string, name: string): string {
    return this.allFields(object).find((f) => f.name.toLowerCase() === name.toLowerCase())?.name ?? name;
  }

  /** Fills the org from the realistic-org generator; modstamps stay in the past. */
  private seed(options: SalesforceOrgOptions): void {
    const generatorOptions = {
      seed: options.seed ?? 1,
      accounts: options.accounts ?? 0,
      opportunities: options.opportunities,
      referenceDate: options.referenceDate,
      ownerEmailDomain: "example.com",
    };
    if (generatorOptions.accounts <= 0) return;
    const latest = this.stamp() - 60_000;
    const second = (ms: number) => Math.floor(ms / 1000) * 1000;
    const ownerIds = generateOwners(generatorOptions).map((o) =>
      this.insertRaw("User", { Username: o.email, Email: o.email, FirstName: o.firstName, LastName: o.lastName, Name: `${o.firstName} ${o.lastName}`, IsActive: true }, latest),
    );
    const accountIds: string[] = [];
    for (const a of generateAccounts(generatorOptions)) {
      const created = second(Math.min(Date.parse(a.createdAt), latest));
      const modified = Math.min(created + (a.index % 97) * 86_400_000, latest);
      accountIds.push(
        this.insertRaw("Account", {
          Name: a.name,
          Website: a.website ?? null,
          Phone: a.phone ?? null,
          Industry: a.industry,
          Type: a.type,
          BillingCountry: a.country,
          BillingState: a.state ?? null,
          BillingCity: a.city,
          NumberOfEmployees: a.employees,
          AnnualRevenue: a.annualRevenue,
          CurrencyIsoCode: "USD",
          OwnerId: ownerIds[a.ownerIndex] ?? this.integrationUserId,
          ParentId: null,
          CreatedDate: created,
          LastModifiedDate: modified,
          SystemModstamp: modified,
        }),
      );
    }
    for (const o of generateOpportunities(generatorOptions)) {
      const created = second(Math.min(Date.parse(o.createdAt), latest));
      const modified = Math.min(created + (o.index % 53) * 86_400_000, latest);
      this.insertRaw("Opportunity", {
        Name: o.name,
        AccountId: accountIds[o.accountIndex] ?? null,
        StageName: o.stage,
        Amount: o.amount ?? null,
        CurrencyIsoCode: o.currency,
        Probability: o.probability,
        Type: o.type,
        LeadSource: o.leadSource ?? null,
        CloseDate: o.closeDate,
        OwnerId: ownerIds[o.ownerIndex] ?? this.integrationUserId,
        CreatedDate: created,
        LastModifiedDate: modified,
        SystemModstamp: modified,
      });
    }
  }
}
