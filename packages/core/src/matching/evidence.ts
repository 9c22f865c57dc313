import type { RecordFeatures } from "./features.ts";
import { Evidence } from "./score.ts";

/** Words for a pair's evidence bits, strongest first: "same domain acme.com; names agree after legal form". */
export function describeEvidence(a: RecordFeatures, b: RecordFeatures, evidence: number): string {
  const parts: string[] = [];
  const has = (bit: number) => (evidence & bit) !== 0;
  if (has(Evidence.parentLink)) parts.push("parent company's domain links them");
  if (has(Evidence.domainSame)) parts.push(`same domain ${a.domain}`);
  if (has(Evidence.domainWeak)) parts.push(`shared domain ${a.domain} (many accounts carry it)`);
  if (has(Evidence.stemSame)) parts.push(`same brand on ${a.domain} and ${b.domain}`);
  if (has(Evidence.nameExact)) {
    const raw = a.name.trim().toLowerCase() === b.name.trim().toLowerCase();
    const common = has(Evidence.nameCommon) ? " (common name)" : "";
    parts.push(raw ? `same name${common}` : `names agree after normalization${formsNote(a, b)}${common}`);
  }
  if (has(Evidence.nameAlias)) parts.push("name matches a d/b/a or former name");
  if (has(Evidence.nameClose)) parts.push("names nearly agree");
  if (has(Evidence.nameTypo)) parts.push("names differ by a typo");
  if (has(Evidence.nameContains)) parts.push("one name contains the other");
  if (has(Evidence.namePartial)) parts.push("names partly agree");
  if (has(Evidence.nameDiffer)) parts.push("names differ");
  if (has(Evidence.phoneSame)) parts.push(`same phone ${a.phoneE164}`);
  if (has(Evidence.phoneLocal)) parts.push("same phone number");
  if (has(Evidence.streetSame)) parts.push("same street address");
  if (has(Evidence.postalSame) && !has(Evidence.streetSame)) parts.push("same postal code");
  if (has(Evidence.countryConflict)) parts.push(`different countries (${a.country} vs ${b.country})`);
  if (has(Evidence.domainConflict)) parts.push(`different domains (${a.domain} vs ${b.domain})`);
  if (has(Evidence.formConflict)) parts.push("different legal forms");
  if (has(Evidence.streetConflict)) parts.push("different street addresses");
  if (has(Evidence.cityConflict)) parts.push("different cities");
  if (has(Evidence.phoneConflict)) parts.push("different phones");
  return parts.join("; ");
}

function formsNote(a: RecordFeatures, b: RecordFeatures): string {
  return a.legalForms.length > 0 || b.legalForms.length > 0 ? " and legal form" : "";
}
