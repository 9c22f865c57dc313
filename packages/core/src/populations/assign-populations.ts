import type { Population } from "../model/population.ts";
import { compilePopulationFilter, type AccountSubject, type EvaluateOptions } from "./evaluate-filter.ts";
import { defaultStandardFilter } from "./standard-populations.ts";

/** What membership needs of a population: saved ones have an id, drafts being edited may not. */
export type PopulationRule = Pick<Population, "standardKey" | "filter">;

type Member = (subject: AccountSubject) => boolean;

/**
 * Membership rule of one population among its org's populations:
 * - a filter decides when there is one;
 * - Customers / Open Opportunities without a filter use the source-neutral default rule;
 * - Prospects are the rest: in no Customers or Open Opportunities population of `siblings`,
 *   and matching Prospects' own filter when it has one;
 * - a custom population without a filter holds every account.
 */
function compileMember(population: PopulationRule, siblings: readonly PopulationRule[], options: EvaluateOptions): Member {
  const filter = population.filter ?? (population.standardKey ? defaultStandardFilter(population.standardKey) : undefined);
  const own: Member = filter ? compilePopulationFilter(filter, options) : () => true;
  if (population.standardKey !== "prospects") return own;
  const others = siblings
    .filter((sibling) => sibling.standardKey === "customers" || sibling.standardKey === "open_opportunities")
    .map((sibling) => compileMember(sibling, [], options));
  return (subject) => own(subject) && !others.some((other) => other(subject));
}

/**
 * Compiles an org's populations once; the returned function lists the ids of every population an
 * account belongs to (several for overlapping custom populations), in the order given.
 */
export function compilePopulationAssigner(
  populations: readonly (PopulationRule & { id: string })[],
  options: EvaluateOptions,
): (subject: AccountSubject) => string[] {
  const members = populations.map((population) => ({ id: population.id, member: compileMember(population, populations, options) }));
  return (subject) => members.filter(({ member }) => member(subject)).map(({ id }) => id);
}

/** Ids of every population the account belongs to. */
export function assignPopulations(
  populations: readonly (PopulationRule & { id: string })[],
  subject: AccountSubject,
  options: EvaluateOptions,
): string[] {
  return compilePopulationAssigner(populations, options)(subject);
}

/**
 * Live record count of one population, e.g. while its filter is being edited. `siblings` are the
 * org's other populations (only Prospects, "the rest", needs them).
 */
export function countPopulation(input: {
  population: PopulationRule;
  siblings?: readonly PopulationRule[];
  subjects: Iterable<AccountSubject>;
  now: Date;
}): number {
  const member = compileMember(input.population, input.siblings ?? [], { now: input.now });
  let count = 0;
  for (const subject of input.subjects) if (member(subject)) count += 1;
  return count;
}
