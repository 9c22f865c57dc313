import type { Command } from "./types.ts";
import { mapCommand } from "./map.ts";
import { cosellCommand } from "./cosell.ts";
import { sizeCommand } from "./size.ts";
import { matchCommand } from "./match.ts";
import { emulateCommand } from "./emulate.ts";
import { syncCommand } from "./sync.ts";

/** Every `mutual` command; one file per command. */
export const COMMANDS: readonly Command[] = [mapCommand, cosellCommand, sizeCommand, matchCommand, emulateCommand, syncCommand];
