import { AppError } from "@mutual/core";
import { z } from "zod";
import { quoteSoql } from "./quote-soql.ts";

/** Position in the (SystemModstamp, Id) order of one object; stored as JSON text. */
export const SalesforceCheckpointSchema = z.object({
  v: z.literal(1),
  /** ISO timestamp of the last record processed. */
  stamp: z.iso.datetime(),
  /** A Salesforce record id (15 or 18 alphanumerics): it is written into SOQL, so nothing else gets in. */
  id: z.string().regex(/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/),
});
export type SalesforceCheckpoint = z.infer<typeof SalesforceCheckpointSchema>;

export function encodeCheckpoint(checkpoint: SalesforceCheckpoint | null): string {
  return checkpoint ? JSON.stringify(checkpoint) : "";
}

export function decodeCheckpoint(text: string | null | undefined): SalesforceCheckpoint | null {
  if (!text) return null;
  try {
    return SalesforceCheckpointSchema.parse(JSON.parse(text));
  } catch (error) {
    throw new AppError("invalid_input", `salesforce: unreadable checkpoint '${text.slice(0, 60)}'`, { cause: error });
  }
}

/** Salesforce datetime text ("...+0000" from REST, "...Z" from Bulk) to ISO 8601 UTC. */
export function toIsoTimestamp(value: string): string {
  return new Date(Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"))).toISOString();
}

/** SOQL datetime literal, second precision (what SOQL accepts and SystemModstamp carries). */
function soqlDateTime(iso: string): string {
  return `${iso.slice(0, 19)}Z`;
}

/** WHERE clause selecting records after the checkpoint in (SystemModstamp, Id) order. */
export function checkpointCondition(checkpoint: SalesforceCheckpoint | null): string {
  if (!checkpoint) return "";
  const stamp = soqlDateTime(checkpoint.stamp);
  return `WHERE SystemModstamp > ${stamp} OR (SystemModstamp = ${stamp} AND Id > ${quoteSoql(checkpoint.id)})`;
}

/** Whether (stamp, id) comes after the checkpoint in pull order. */
export function isAfter(stamp: string, id: string, checkpoint: SalesforceCheckpoint | null): boolean {
  if (!checkpoint) return true;
  return stamp > checkpoint.stamp || (stamp === checkpoint.stamp && id > checkpoint.id);
}
