import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { defaults } from '../config/defaults.ts';
import { TollgateError } from '../errors/tollgate-error.ts';
import { writeGenerated } from '../generate/check-generated.ts';
import { generateClients } from '../generate/generate-clients.ts';
import { loadSpec } from '../spec/load-spec.ts';
import { detectConventions } from './detect-conventions.ts';
import { detectServer } from './detect-server.ts';
import { findSpec } from './find-spec.ts';
import { renderConfig } from './render-config.ts';
import { renderProfile } from './render-profile.ts';
import { renderFixtures, renderPlaywrightConfig, renderSuite } from './render-suite.ts';
import { renderWorkflow } from './render-workflow.ts';
import { smokeRequests } from './smoke-requests.ts';

export interface InitOptions {
  /** The Gin project's folder. */
  root: string;
  /** Spec file relative to root; default: found (docs/swagger.yaml first). */
  spec?: string;
  /** Where the API listens locally; default: guessed from the Go source. */
  url?: string;
  /** Overwrite files that exist. Default: false (exit 2 naming them, nothing written). */
  force?: boolean;
}

export interface InitResult {
  specFile: string;
  /** Paths relative to root, in the order written. */
  written: string[];
  /** One line per guess init made, for the user to check. */
  guesses: string[];
  /** Operations the smoke traffic leaves out, with why. */
  skipped: string[];
}

const specName = 'api';

/** A config of any of these names would be loaded instead of (or besides) the one init writes. */
const configFiles = [
  'tollgate.config.ts',
  'tollgate.config.mts',
  'tollgate.config.js',
  'tollgate.config.mjs',
];

function isEsmProject(root: string): boolean {
  const file = join(root, 'package.json');
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { type?: unknown }).type === 'module';
  } catch {
    return false;
  }
}

/**
 * `tollgate init`: in an existing Gin repository, writes a config whose local
 * environment runs the API with `go run`, a smoke profile and a functional
 * suite derived from the spec, the typed client, a Playwright config and a
 * GitHub Actions workflow. Checks every target path first: without `force`
 * nothing is written when one exists.
 */
export async function runInit(options: InitOptions): Promise<InitResult> {
  const { root } = options;
  const specFile = findSpec(root, options.spec);
  const spec = await loadSpec(specFile, { cwd: root });
  const server = detectServer(root, spec, options.url);
  const conventions = detectConventions(spec);
  const smoke = smokeRequests(spec);
  if (smoke.requests.length === 0) {
    throw new TollgateError(
      'TG_NOTHING_TO_TEST',
      `${specFile} has no GET that can be sent without guessing a parameter (${smoke.skipped.slice(0, 3).join('; ') || 'no GET operations'})`,
      { hint: 'add examples to the parameters of a GET operation, or write load/smoke.ts by hand' },
    );
  }
  const secretEnv = conventions.auth ? ['STAGING_TOKEN'] : [];
  const ext = isEsmProject(root) ? 'ts' : 'mts';
  const files: Record<string, string> = {
    [`tollgate.config.${ext}`]: renderConfig({ specName, specFile, server, ...conventions }),
    'load/smoke.ts': renderProfile(specName, smoke.requests),
    [`suites/fixtures.${ext}`]: renderFixtures(specName),
    [`suites/functional/smoke.spec.${ext}`]: renderSuite(smoke.requests, ext),
    [`playwright.config.${ext}`]: renderPlaywrightConfig(ext),
    '.github/workflows/tollgate.yml': renderWorkflow(secretEnv),
  };
  const existing = [...new Set([...Object.keys(files), ...configFiles])].filter((file) =>
    existsSync(join(root, file)),
  );
  if (existing.length && !options.force)
    throw new TollgateError(
      'TG_INIT_EXISTS',
      `${root} already has ${existing.join(', ')}; init wrote nothing`,
    );
  for (const [file, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await writeFile(join(root, file), content);
  }
  const clients = await generateClients({ [specName]: specFile }, { root, outDir: defaults.generatedDir });
  await writeGenerated(clients);
  return {
    specFile,
    written: [...Object.keys(files), `${defaults.generatedDir}/${specName}.ts`],
    guesses: [...server.reasons, ...conventions.reasons],
    skipped: smoke.skipped,
  };
}
