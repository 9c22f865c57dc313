import type { RecordFeatures } from "./features.ts";
import { Evidence } from "./score.ts";

/** Words for a pair's evidence bits, strongest first: "same domain acme.com; names agree after legal form". */
export function describeEvidence(a: RecordFeatures, b: RecordFeatures, evidence: number): string {
  const parts: string[] = [];
  if (has(evidence, Evidence.parentLink)) parts.push("parent company's domain links them");
  if (has(evidence, Evidence.domainSame)) parts.push(`same domain ${a.domain}`);
  if (has(evidence, Evidence.domainWeak)) parts.push(`shared domain ${a.domain} (many accounts carry it)`);
  if (has(evidence, Evidence.stemSame)) parts.push(`same brand on ${a.domain} and ${b.domain}`);
  if (has(evidence, Evidence.nameExact)) {
    const raw = a.name.trim().toLowerCase() === b.name.trim().toLowerCase();
    const common = has(evidence, Evidence.nameCommon) ? " (common name)" : "";
    parts.push(raw ? `same name${common}` : `names agree after normalization${formsNote(a, b)}${common}`);
  }
  if (has(evidence, Evidence.nameAlias)) parts.push("name matches a d/b/a or former name");
  if (has(evidence, Evidence.nameClose)) parts.push("names nearly agree");
  if (has(evidence, Evidence.nameTypo)) parts.push("names differ by a typo");
  if (has(evidence, Evidence.nameContains)) parts.push("one name contains the other");
  if (has(evidence, Evidence.namePartial)) parts.push("names partly agree");
  if (has(evidence, Evidence.nameDiffer)) parts.push("names differ");
  if (has(evidence, Evidence.phoneSame)) parts.push(`same phone ${a.phoneE164}`);
  if (has(evidence, Evidence.phoneLocal)) parts.push("same phone number");
  if (has(evidence, Evidence.streetSame)) parts.push("same street address");
  if (has(evidence, Evidence.postalSame) && !has(evidence, Evidence.streetSame)) parts.push("same postal code");
  if (has(evidence, Evidence.countryConflict)) parts.push(`different countries (${a.country} vs ${b.country})`);
  if (has(evidence, Evidence.domainConflict)) parts.push(`different domains (${a.domain} vs ${b.domain})`);
  if (has(evidence, Evidence.formConflict)) parts.push("different legal forms");
  if (has(evidence, Evidence.streetConflict)) parts.push("different street addresses");
  if (has(evidence, Evidence.cityConflict)) parts.push("different cities");
  if (has(evidence, Evidence.phoneConflict)) parts.push("different phones");
  return parts.join("; ");
}

/** A plain function, not a closure per call (under tsx every named closure also costs a defineProperty). */
function has(evidence: number, bit: number): boolean {
  return (evidence & bit) !== 0;
}

function formsNote(a: RecordFeatures, b: RecordFeatures): string {
  return a.legalForms.length > 0 || b.legalForms.length > 0 ? " and legal form" : "";
}
