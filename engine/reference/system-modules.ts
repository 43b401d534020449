// Modules that are never "the driver" a leak is charged to (rules/reference/system-modules.json): one
// list for stacks, verifier pool logs, KMDF verifier callers and tag owners.
import data from '../../rules/reference/system-modules.json' with { type: 'json' };

export const SYSTEM_MODULES: readonly string[] = data.modules.map((m) => m.name);

const names = new Set(SYSTEM_MODULES);

/** True for the kernel, HAL, framework and class libraries (case-insensitive, `.sys` ignored), and for no module. */
export const isSystemModule = (module: string | undefined): boolean =>
  !module || names.has(module.toLowerCase().replace(/\.sys$/, ''));
