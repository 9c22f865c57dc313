import type { Account } from "../model/account.ts";
import type { Opportunity } from "../model/opportunity.ts";
import type { FilterCondition, PopulationFilter } from "../model/population.ts";
import { compareFieldValue, isEmptyValue, isWithinLastDays, type FilterScalar } from "./compare-values.ts";
import { createAccountFieldReader, createOpportunityFieldReader, type FieldValue } from "./fields.ts";
import { parsePopulationFilter } from "./validate-filter.ts";

/** An account with its opportunities: what populations are evaluated on. */
export interface AccountSubject {
  account: Account;
  opportunities: readonly Opportunity[];
}

export interface EvaluateOptions {
  /** Reference time for `within_last_days`; core never reads the clock. */
  now: Date;
}

/** `opportunity` is undefined while evaluating the account on its own. */
type NodePredicate = (account: Account, opportunity: Opportunity | undefined) => boolean;

/**
 * Compiles a filter into a predicate over accounts, validating it first (throws `invalid_input`).
 *
 * Opportunity semantics: the filter holds when ONE opportunity of the account makes it hold, all
 * `opportunity.*` conditions being read from that same opportunity. So
 * `{and: [isClosed = false, amount > 10000]}` means "has an open opportunity above 10k", not "has
 * an open one and a big one". An account without opportunities is evaluated with every
 * `opportunity.*` condition false (whatever the operator: `opportunity.stage empty` means "has an
 * opportunity without a stage"), so `account.status = customer OR opportunity.isWon = true` still
 * holds for a customer without opportunities. Since filters only combine conditions with AND/OR,
 * that account-alone pass can only add matches an opportunity would give too.
 */
export function compilePopulationFilter(filter: PopulationFilter, options: EvaluateOptions): (subject: AccountSubject) => boolean {
  const valid = parsePopulationFilter(filter);
  const predicate = compileNode(valid, options.now);
  if (!mentionsOpportunity(valid)) return (subject) => predicate(subject.account, undefined);
  return (subject) =>
    predicate(subject.account, undefined) || subject.opportunities.some((opportunity) => predicate(subject.account, opportunity));
}

/** Evaluates one filter against one account; compile once with `compilePopulationFilter` for many. */
export function evaluatePopulationFilter(filter: PopulationFilter, subject: AccountSubject, options: EvaluateOptions): boolean {
  return compilePopulationFilter(filter, options)(subject);
}

/** Groups opportunities under their accounts (opportunities of unknown accounts are dropped). */
export function groupAccountSubjects(accounts: Iterable<Account>, opportunities: Iterable<Opportunity>): AccountSubject[] {
  const byAccount = new Map<string, Opportunity[]>();
  for (const opportunity of opportunities) {
    const list = byAccount.get(opportunity.accountId);
    if (list) list.push(opportunity);
    else byAccount.set(opportunity.accountId, [opportunity]);
  }
  return [...accounts].map((account) => ({ account, opportunities: byAccount.get(account.id) ?? [] }));
}

function mentionsOpportunity(filter: PopulationFilter): boolean {
  if ("and" in filter) return filter.and.some(mentionsOpportunity);
  if ("or" in filter) return filter.or.some(mentionsOpportunity);
  return filter.field.startsWith("opportunity.");
}

function compileNode(filter: PopulationFilter, now: Date): NodePredicate {
  if ("and" in filter) {
    const children = filter.and.map((child) => compileNode(child, now));
    return (account, opportunity) => children.every((child) => child(account, opportunity));
  }
  if ("or" in filter) {
    const children = filter.or.map((child) => compileNode(child, now));
    return (account, opportunity) => children.some((child) => child(account, opportunity));
  }
  const test = compileCondition(filter, now);
  const name = filter.field.slice(filter.field.indexOf(".") + 1);
  if (filter.field.startsWith("account.")) {
    const read = createAccountFieldReader(name);
    return (account) => test(read(account));
  }
  const read = createOpportunityFieldReader(name);
  return (_account, opportunity) => opportunity !== undefined && test(read(opportunity));
}

/**
 * One condition as a test on the field value. A missing or incomparable value satisfies only
 * `not_equals` (it is not equal to the value) and `empty` (when missing or blank).
 */
function compileCondition(condition: FilterCondition, now: Date): (value: FieldValue) => boolean {
  const { op, value } = condition;
  const scalar = value as FilterScalar;
  const list = (Array.isArray(value) ? value : []) as FilterScalar[];
  switch (op) {
    case "equals":
      return (field) => compareFieldValue(field, scalar) === 0;
    case "not_equals":
      return (field) => compareFieldValue(field, scalar) !== 0;
    case "in":
      return (field) => list.some((candidate) => compareFieldValue(field, candidate) === 0);
    case "contains": {
      const needle = String(scalar).toLowerCase();
      return (field) => field !== undefined && String(field).toLowerCase().includes(needle);
    }
    case "greater":
      return (field) => (compareFieldValue(field, scalar) ?? 0) > 0;
    case "less":
      return (field) => (compareFieldValue(field, scalar) ?? 0) < 0;
    case "between": {
      const [low, high] = list as [FilterScalar, FilterScalar];
      return (field) => (compareFieldValue(field, low) ?? -1) >= 0 && (compareFieldValue(field, high) ?? 1) <= 0;
    }
    case "empty":
      return isEmptyValue;
    case "not_empty":
      return (field) => !isEmptyValue(field);
    case "within_last_days":
      return (field) => isWithinLastDays(field, scalar as number, now);
  }
}
