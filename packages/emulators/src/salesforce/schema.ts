/** Field metadata of the emulated objects, in the shape `describe` returns. */
export type SfFieldType =
  | "id"
  | "string"
  | "url"
  | "phone"
  | "picklist"
  | "currency"
  | "double"
  | "percent"
  | "int"
  | "boolean"
  | "date"
  | "datetime"
  | "reference"
  | "textarea";

export interface SfField {
  name: string;
  label: string;
  type: SfFieldType;
  custom: boolean;
  createable: boolean;
  updateable: boolean;
  nillable: boolean;
  length: number;
  referenceTo: string[];
  relationshipName: string | null;
  picklistValues: string[];
}

function field(name: string, type: SfFieldType, extra: Partial<SfField> = {}): SfField {
  const system = ["Id", "IsDeleted", "CreatedDate", "LastModifiedDate", "SystemModstamp", "IsClosed", "IsWon"].includes(name);
  return {
    name,
    label: name.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/Id$/, "ID"),
    type,
    custom: false,
    createable: !system,
    updateable: !system,
    nillable: !system && type !== "boolean",
    length: type === "string" || type === "url" || type === "phone" || type === "picklist" ? 255 : type === "id" || type === "reference" ? 18 : 0,
    referenceTo: [],
    relationshipName: null,
    picklistValues: [],
    ...extra,
  };
}

const reference = (name: string, target: string, relationshipName: string, extra: Partial<SfField> = {}) =>
  field(name, "reference", { referenceTo: [target], relationshipName, ...extra });

const AUDIT = [field("IsDeleted", "boolean"), field("CreatedDate", "datetime"), field("LastModifiedDate", "datetime"), field("SystemModstamp", "datetime")];

const STAGES = ["Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost"];
const CURRENCIES = ["USD", "EUR", "GBP", "CAD", "AUD", "JPY", "BRL", "INR"];
/** The standard Opportunity.LeadSource picklist of a new org. */
const LEAD_SOURCE_VALUES = ["Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"];

export const STANDARD_FIELDS: Record<string, SfField[]> = {
  Account: [
    field("Id", "id"),
    field("Name", "string", { nillable: false }),
    field("Website", "url"),
    field("Phone", "phone"),
    field("Industry", "picklist"),
    field("Type", "picklist"),
    field("BillingCountry", "string"),
    field("BillingState", "string"),
    field("BillingCity", "string"),
    field("NumberOfEmployees", "int"),
    field("AnnualRevenue", "currency"),
    field("CurrencyIsoCode", "picklist", { picklistValues: CURRENCIES }),
    reference("OwnerId", "User", "Owner", { nillable: false }),
    reference("ParentId", "Account", "Parent"),
    ...AUDIT,
  ],
  Opportunity: [
    field("Id", "id"),
    field("Name", "string", { nillable: false }),
    reference("AccountId", "Account", "Account"),
    field("StageName", "picklist", { nillable: false, picklistValues: STAGES }),
    field("Amount", "currency"),
    field("CurrencyIsoCode", "picklist", { picklistValues: CURRENCIES }),
    field("Probability", "percent"),
    field("Type", "picklist"),
    field("LeadSource", "picklist", { picklistValues: LEAD_SOURCE_VALUES }),
    field("CloseDate", "date", { nillable: false }),
    field("IsClosed", "boolean"),
    field("IsWon", "boolean"),
    reference("OwnerId", "User", "Owner", { nillable: false }),
    ...AUDIT,
  ],
  User: [field("Id", "id"), field("Username", "string"), field("Email", "string"), field("FirstName", "string"), field("LastName", "string"), field("Name", "string"), field("IsActive", "boolean"), ...AUDIT],
  PermissionSet: [field("Id", "id"), field("Name", "string", { nillable: false }), field("Label", "string", { nillable: false }), field("Description", "string"), ...AUDIT],
  PermissionSetAssignment: [
    field("Id", "id"),
    reference("AssigneeId", "User", "Assignee", { nillable: false }),
    reference("PermissionSetId", "PermissionSet", "PermissionSet", { nillable: false }),
    ...AUDIT,
  ],
  FieldPermissions: [
    field("Id", "id"),
    reference("ParentId", "PermissionSet", "Parent", { nillable: false }),
    field("SobjectType", "string", { nillable: false }),
    field("Field", "string", { nillable: false }),
    field("PermissionsRead", "boolean"),
    field("PermissionsEdit", "boolean"),
    ...AUDIT,
  ],
};

/** Tooling API metadata type -> describe type. */
export const METADATA_TYPES: Record<string, SfFieldType> = {
  Text: "string",
  TextArea: "textarea",
  LongTextArea: "textarea",
  Number: "double",
  Percent: "percent",
  Currency: "currency",
  Checkbox: "boolean",
  Date: "date",
  DateTime: "datetime",
  Picklist: "picklist",
  Url: "url",
  Phone: "phone",
};

export function customField(name: string, metadata: { label?: string; type: string; length?: number; valueSet?: { valueSetDefinition?: { value?: { fullName: string }[] } } }): SfField {
  const type = METADATA_TYPES[metadata.type] ?? "string";
  return field(name, type, {
    label: metadata.label ?? name,
    custom: true,
    nillable: type !== "boolean",
    length: type === "string" ? (metadata.length ?? 255) : type === "textarea" ? (metadata.length ?? 32768) : type === "picklist" ? 255 : 0,
    picklistValues: metadata.valueSet?.valueSetDefinition?.value?.map((v) => v.fullName) ?? [],
  });
}
