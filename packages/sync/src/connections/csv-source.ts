import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { loadAccountsCsv, loadOpportunitiesCsv, formatProblem } from "@mutual/connector-csv";
import type { OverrideLabel } from "@mutual/connector-csv";
import type { PullPage } from "@mutual/connector-kit";
import type { Account, Opportunity } from "@mutual/core";
import type { CsvSettings } from "./connection-config.ts";
import type { SyncSource } from "./sync-source.ts";

const PAGE_SIZE = 2_000;

/** The checkpoint of a CSV stream: the file's content hash and the ids it held. */
type CsvCheckpoint = { sha256: string; ids: string[]; offset: number };

async function* pullCsv<T extends { id: string }>(
  file: string,
  checkpoint: string | null | undefined,
  load: (file: string) => Promise<{ records: T[]; problems: string[] }>,
): AsyncIterable<PullPage<T>> {
  const content = await readFile(file);
  const sha256 = createHash("sha256").update(content).digest("hex");
  const previous = checkpoint ? (JSON.parse(checkpoint) as CsvCheckpoint) : undefined;
  // An unchanged, fully read file has nothing new.
  if (previous && previous.sha256 === sha256 && previous.offset < 0) {
    yield { records: [], deletedIds: [], checkpoint: checkpoint!, done: true };
    return;
  }
  const { records, problems } = await load(file);
  const ids = records.map((record) => record.id).sort();
  // A file is a full snapshot: ids that were in the previous file and are gone now were deleted.
  const present = new Set(ids);
  const deletedIds = previous && previous.sha256 !== sha256 ? previous.ids.filter((id) => !present.has(id)) : [];
  const resumeAt = previous && previous.sha256 === sha256 ? previous.offset : 0;
  const rejected = problems.map((reason, index) => ({ id: `row-${index}`, reason }));
  if (resumeAt >= records.length) {
    yield { records: [], deletedIds, rejected, checkpoint: JSON.stringify({ sha256, ids, offset: -1 }), done: true };
    return;
  }
  for (let start = resumeAt; start < records.length; start += PAGE_SIZE) {
    const end = Math.min(records.length, start + PAGE_SIZE);
    const done = end >= records.length;
    yield {
      records: records.slice(start, end),
      deletedIds: start === resumeAt ? deletedIds : [],
      ...(start === resumeAt && { rejected }),
      checkpoint: JSON.stringify({ sha256, ids, offset: done ? -1 : end }),
      done,
    };
  }
}

/** How a connection's column overrides read in messages: the setting the admin writes. */
const settingLabel =
  (setting: string): OverrideLabel =>
  (field, header) =>
    `${setting}.${field}=${JSON.stringify(header)}`;

/** CSV files as a sync source: each sync reads the whole file, pages it, and infers deletions. */
export function createCsvSource(settings: CsvSettings): SyncSource {
  return {
    provider: "csv",
    pullAccounts: (options = {}) =>
      pullCsv<Account>(settings.accountsFile, options.checkpoint, async (file) => {
        const { accounts, report } = await loadAccountsCsv(file, {
          skipInvalid: true,
          map: settings.accountColumns,
          describeOverride: settingLabel("accountColumns"),
        });
        return { records: accounts, problems: report.problems.map(formatProblem) };
      }),
    pullOpportunities: (options = {}) => {
      const file = settings.opportunitiesFile;
      if (file === undefined) return emptyPull<Opportunity>();
      return pullCsv<Opportunity>(file, options.checkpoint, async (path) => {
        const { opportunities, report } = await loadOpportunitiesCsv(path, {
          skipInvalid: true,
          map: settings.opportunityColumns,
          describeOverride: settingLabel("opportunityColumns"),
        });
        return { records: opportunities, problems: report.problems.map(formatProblem) };
      });
    },
    apiCalls: () => 0,
    usage: async () => null,
  };
}

async function* emptyPull<T>(): AsyncIterable<PullPage<T>> {
  yield { records: [] as T[], deletedIds: [], checkpoint: "none", done: true };
}
