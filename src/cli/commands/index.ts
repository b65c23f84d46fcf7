import type { Command } from '../command.ts';

/**
 * Every CLI command, in one table, in the order `--help` lists them. Modules
 * load lazily so `tollgate load` does not pay for the contract engine.
 */
export const commands: Record<string, () => Promise<Command>> = {
  gate: () => import('./gate.ts').then((m) => m.gateCommand),
  contract: () => import('./contract.ts').then((m) => m.contractCommand),
  load: () => import('./load.ts').then((m) => m.loadCommand),
  diff: () => import('./diff.ts').then((m) => m.diffCommand),
  generate: () => import('./generate.ts').then((m) => m.generateCommand),
  report: () => import('./report.ts').then((m) => m.reportCommand),
  inspect: () => import('./inspect.ts').then((m) => m.inspectCommand),
};
