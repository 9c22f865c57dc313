import type { Client } from "@hubspot/api-client";
import type { PullOptions, PullPage } from "@mutual/connector-kit";
import { AppError } from "@mutual/core";
import { z } from "zod";
import type { HubSpotApi } from "./hubspot-api.ts";

/** A record as the SDK returns it from list and search. */
export interface RawObject {
  id: string;
  properties: Record<string, string | null>;
}

/**
 * Where a pull stands. `since`/`until` bound the modification window of the run (`since` null on a full pull);
 * `cursor` is the list cursor (phase list/archived) or the last hs_object_id seen (phase search). A `done`
 * checkpoint starts the next incremental run at its `since`.
 */
const CheckpointSchema = z.object({
  v: z.literal(1),
  phase: z.enum(["list", "search", "archived", "done"]),
  since: z.number().nullable(),
  until: z.number(),
  cursor: z.string().min(1).optional(),
});
type Checkpoint = z.infer<typeof CheckpointSchema>;

export interface PullSpec<T> {
  objectType: "companies" | "deals";
  properties: string[];
  /** Records per yielded page: pages are fetched until this many are buffered (associations batch by it). */
  chunkSize: number;
  convert: (objects: RawObject[]) => Promise<T[]>;
  /** Changes younger than this are left to the next run, as HubSpot's search index trails writes. */
  indexLagMs: number;
  now: () => number;
}

const LIST_PAGE = 100;
const SEARCH_PAGE = 200;
const ARCHIVED_PAGE = 100;

/** Reads a stored checkpoint; anything but one this module wrote is an input error, never NaN filters. */
export function parseCheckpoint(raw: string | null | undefined): Checkpoint | undefined {
  if (!raw) return undefined;
  try {
    return CheckpointSchema.parse(JSON.parse(raw));
  } catch (error) {
    throw new AppError("invalid_input", `not a HubSpot pull checkpoint: ${raw.slice(0, 60)}`, { cause: error });
  }
}

/**
 * Full pull by listing (`after` paging, 100 per call); incremental pulls by search on hs_lastmodifieddate in a
 * fixed window [since, until), paged by hs_object_id (keyset) instead of offsets, so no query ever pages
 * past HubSpot's 10,000-result cap whatever the size of the delta; then archived records since `since`.
 */
export async function* pullObjects<T>(api: HubSpotApi, spec: PullSpec<T>, options: PullOptions = {}): AsyncGenerator<PullPage<T>> {
  let cp: Checkpoint = parseCheckpoint(options.checkpoint) ?? {
    v: 1,
    phase: "list",
    since: null,
    until: spec.now() - spec.indexLagMs,
  };
  if (cp.phase === "done") cp = { v: 1, phase: "search", since: cp.since, until: spec.now() - spec.indexLagMs, cursor: "0" };
  // Resolved per call: refreshing an OAuth token rebuilds the SDK's API objects.
  const objects = (client: Client) => (spec.objectType === "companies" ? client.crm.companies : client.crm.deals);

  while (cp.phase === "list" || cp.phase === "search") {
    options.signal?.throwIfAborted();
    const buffered: RawObject[] = [];
    let next: string | undefined = cp.cursor;
    let finished = false;
    while (buffered.length < spec.chunkSize && !finished) {
      if (cp.phase === "list") {
        const after = next;
        const page = await api.call(
          "standard",
          (client) => objects(client).basicApi.getPage(LIST_PAGE, after, spec.properties, undefined, undefined, false),
          options.signal,
        );
        buffered.push(...page.results);
        next = page.paging?.next?.after;
        finished = next === undefined;
      } else {
        const lastId = next ?? "0";
        const page = await api.call("search", (client) =>
          objects(client).searchApi.doSearch({
            filterGroups: [
              {
                filters: [
                  { propertyName: "hs_lastmodifieddate", operator: "GTE" as never, value: String(cp.since ?? 0) },
                  { propertyName: "hs_lastmodifieddate", operator: "LT" as never, value: String(cp.until) },
                  { propertyName: "hs_object_id", operator: "GT" as never, value: lastId },
                ],
              },
            ],
            sorts: ["hs_object_id"],
            properties: spec.properties,
            limit: SEARCH_PAGE,
            after: "0",
          }),
          options.signal,
        );
        buffered.push(...page.results);
        next = page.results.at(-1)?.id ?? lastId;
        finished = page.total <= page.results.length;
      }
    }
    const records = await spec.convert(buffered);
    if (finished) {
      cp = cp.since === null ? { v: 1, phase: "done", since: cp.until, until: cp.until } : { ...cp, phase: "archived", cursor: undefined };
    } else {
      cp = { ...cp, cursor: next };
    }
    yield { records, deletedIds: [], checkpoint: JSON.stringify(cp), done: cp.phase === "done" };
  }

  if (cp.phase === "archived") {
    const deletedIds: string[] = [];
    let after = cp.cursor;
    do {
      const cursor = after;
      options.signal?.throwIfAborted();
      const page = await api.call(
        "standard",
        (client) => objects(client).basicApi.getPage(ARCHIVED_PAGE, cursor, ["hs_object_id"], undefined, undefined, true),
        options.signal,
      );
      for (const object of page.results) {
        const archivedAt = object.archivedAt ? object.archivedAt.getTime() : 0;
        if (archivedAt >= (cp.since ?? 0)) deletedIds.push(object.id);
      }
      after = page.paging?.next?.after;
    } while (after);
    cp = { v: 1, phase: "done", since: cp.until, until: cp.until };
    yield { records: [], deletedIds, checkpoint: JSON.stringify(cp), done: true };
  }
}
