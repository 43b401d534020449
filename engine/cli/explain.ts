// placeholder
import type { CommandModule } from './command.js';
export const command: CommandModule = { help: { usage: 'explain <thing>', summary: 'x', options: [], examples: [] }, async run() { return 2; } };
