/**
 * What `tollgate diff` finds between two API descriptions. Check ids and
 * levels are oasdiff's (`oasdiff checks changelog`, v1.37.0), so a team
 * moving between the two tools keeps its vocabulary and its ignore lists.
 */

export type DiffLevel = 'ERR' | 'WARN' | 'INFO';

/** A place in one of the two specs: the file (or URL, or `git:<ref>:<path>`), the pointer, and the line when the file has it. */
export interface SpecLocation {
  source: string;
  pointer: string;
  line?: number;
}

export interface DiffFinding {
  /** oasdiff's check id: `response-success-status-removed`. */
  id: string;
  level: DiffLevel;
  /** `GET /albums/{id}`, as written in the base when it is there, else the revision. */
  operation: string;
  /** One line: what changed, naming the parameter, property or status. */
  text: string;
  base?: SpecLocation;
  revision?: SpecLocation;
  /** Set when an ignore file entry matched: its reason. Ignored findings never fail. */
  ignored?: string;
}

/** The whole comparison, as the run model and `--json` carry it. */
export interface DiffResult {
  base: { source: string; format: string };
  revision: { source: string; format: string };
  failOn: DiffLevel;
  findings: DiffFinding[];
  /** Findings that count (not ignored) per level. */
  counts: Record<DiffLevel, number>;
  /** True when a finding at `failOn` or above is not ignored. */
  failed: boolean;
}
