import type { UserStage } from '../../config/types.ts';
import type { ExitCodeValue } from '../../errors/exit-codes.ts';
import type { Target } from '../../target/open-target.ts';
import type {
  CompareResult,
  ContractResult,
  DiffResult,
  GateResult,
  LoadResult,
  StageResult,
  SuiteResult,
  WatchResult,
} from '../model.ts';

/** What every stage of `tollgate gate` gets: the one open target, the run folder, and how to stop. */
export interface StageContext {
  target: Target;
  /** The run folder (absolute); stages may write their own files into it. */
  runDir: string;
  /** The folder relative paths in the config are resolved against. */
  root: string;
  /** Aborted on Ctrl-C or when the started server dies; stages return what they have. */
  signal: AbortSignal;
  /** Progress for the terminal (stderr); never part of the results. */
  log: (line: string) => void;
}

/** What a stage hands back; the runner adds the name, kind and duration. */
export interface StageOutcome {
  verdict: StageResult['verdict'];
  summary: string;
  error?: string;
  gates?: GateResult[];
  contract?: ContractResult;
  load?: LoadResult;
  suites?: SuiteResult;
  diff?: DiffResult;
  watch?: WatchResult;
  compare?: CompareResult;
  /** Relative to the run folder. */
  playwrightReport?: string;
  /** The target cut the stage short (died, never answered): the run is aborted with this reason. */
  aborted?: { reason: string };
  /** The exit code this outcome asks for beyond pass/fail (3: the target stopped answering). */
  exitCode?: ExitCodeValue;
}

/** Kinds `tollgate gate` runs as stages (`watch` runs a deploy command: a command of its own, not a stage). */
export type StageKind = Exclude<StageResult['kind'], 'watch'>;

/** One stage kind: `(ctx, stage as configured) => outcome`. Throws TollgateError for user mistakes. */
export type StageRunner = (ctx: StageContext, stage: UserStage) => Promise<StageOutcome>;

/** `{ load: 'smoke' }` -> `load:smoke`; `{ suites: [...] }` -> `suites`. */
export function stageName(stage: UserStage): string {
  if (typeof stage === 'string') return stage;
  if ('load' in stage) return `load:${stage.load}`;
  return 'suites';
}

export function stageKind(stage: UserStage): StageKind {
  if (typeof stage === 'string') return stage;
  return 'load' in stage ? 'load' : 'suites';
}
