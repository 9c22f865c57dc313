import type { Command } from "./types.ts";
import { mapCommand } from "./map.ts";

/** Every `mutual` command; one file per command. */
export const COMMANDS: readonly Command[] = [mapCommand];
