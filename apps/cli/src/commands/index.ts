import type { Command } from "./types.ts";
import { mapCommand } from "./map.ts";
import { cosellCommand } from "./cosell.ts";
import { sizeCommand } from "./size.ts";

/** Every `mutual` command; one file per command. */
export const COMMANDS: readonly Command[] = [mapCommand, cosellCommand, sizeCommand];
