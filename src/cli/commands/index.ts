import type { Command } from '../command.ts';

/**
 * Every CLI command, in one table, in the order `--help` lists them. Modules
 * load lazily so `tollgate load` does not pay for the contract engine.
 */
export const commands: Record<string, () => Promise<Command>> = {
  gate: () => import('./gate.ts').then((m) => m.gateCommand),
  contract: () => import('./contract.ts').then((m) => m.contractCommand),
  load: () => import('./load.ts').then((m) => m.loadCommand),
  watch: () => import('./watch.ts').then((m) => m.watchCommand),
  monitor: () => import('./monitor.ts').then((m) => m.monitorCommand),
  compare: () => import('./compare.ts').then((m) => m.compareCommand),
  diff: () => import('./diff.ts').then((m) => m.diffCommand),
  generate: () => import('./generate.ts').then((m) => m.generateCommand),
  report: () => import('./report.ts').then((m) => m.reportCommand),
  inspect: () => import('./inspect.ts').then((m) => m.inspectCommand),
  init: () => import('./init.ts').then((m) => m.initCommand),
  merge: () => import('./merge.ts').then((m) => m.mergeCommand),
  export: () => import('./export.ts').then((m) => m.exportCommand),
  import: () => import('./import.ts').then((m) => m.importCommand),
};

/**
 * What `tollgate --help` lists, without importing a command: `--help` answers
 * before any engine loads (issue 14). test/cli/cli.test.ts keeps each entry
 * equal to its command's own summary and first example.
 */
export const commandList: Record<string, { summary: string; example: string }> = {
  gate: {
    summary: "run the environment's stages (generate-check, contract, suites, load) and judge every gate",
    example: 'tollgate gate --env local',
  },
  contract: {
    summary: 'contract-test an API against its OpenAPI spec (examples, boundaries, negative, stateful, auth)',
    example: 'tollgate contract --env local',
  },
  load: {
    summary: 'run a load profile (load/<name>.ts) and judge its gates for the environment',
    example: 'tollgate load smoke --env local',
  },
  watch: {
    summary: 'hold open-model load through a deploy command (-- <command>) and judge the switch window',
    example:
      "tollgate watch smoke --env staging --gate 'errors.count==0' --on-fail ./rollback.sh -- ./switch-to-green.sh",
  },
  monitor: {
    summary:
      'every --interval, a read-only contract smoke (GET/HEAD examples); results on /metrics for Prometheus',
    example: 'tollgate monitor --env production',
  },
  compare: {
    summary:
      'send the same interleaved read traffic to a baseline and a candidate and judge promote or roll back',
    example:
      'tollgate compare --spec specs/albums.openapi.yaml --baseline http://127.0.0.1:8080 --candidate http://127.0.0.1:8081 --duration 30s',
  },
  diff: {
    summary: 'compare two API descriptions and report breaking changes (oasdiff check ids, ERR/WARN/INFO)',
    example: 'tollgate diff git:main:specs/albums.openapi.yaml specs/albums.openapi.yaml',
  },
  generate: {
    summary: 'write typed API clients to specs/generated (--check: fail when they are stale)',
    example: 'tollgate generate',
  },
  report: {
    summary: 'render the HTML, JUnit and Markdown reports of a run again from its run.json',
    example: 'tollgate report latest',
  },
  inspect: {
    summary: 'load a spec and list its operations (nothing is sent)',
    example: 'tollgate inspect --spec specs/albums.swagger.yaml',
  },
  init: {
    summary:
      'in a Gin repo: find the spec, write tollgate.config.ts, a smoke profile, a suite and a CI workflow',
    example: 'tollgate init',
  },
  merge: {
    summary: 'merge the run folders of tollgate load --shard i/n into one run judged as a whole',
    example: 'tollgate merge reports/shard-1 reports/shard-2 reports/shard-3 reports/shard-4',
  },
  export: {
    summary: 'write a load profile as a k6 script typed with @types/k6 (--k6-operator: TestRun + ConfigMap)',
    example: 'tollgate export k6 smoke --env staging',
  },
  import: {
    summary:
      "merge k6 JSON output (--out json) of any number of pods into one run and judge the profile's gates",
    example: 'tollgate import k6 pod-1.json pod-2.json pod-3.json --profile baseline --env staging',
  },
};
