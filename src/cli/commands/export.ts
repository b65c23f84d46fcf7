import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { loadConfig } from '../../config/load-config.ts';
import { ExitCode } from '../../errors/exit-codes.ts';
import { TollgateError } from '../../errors/tollgate-error.ts';
import { exportK6 } from '../../export-k6/export-k6.ts';
import { k6OperatorManifests, podOutput } from '../../export-k6/k6-operator.ts';
import { k8sJobManifest, reportsMount } from '../../export-k8s/k8s-job.ts';
import { loadProfile } from '../../load/profile/load-profile.ts';
import { loadSpec } from '../../spec/load-spec.ts';
import type { Command } from '../command.ts';

/**
 * `tollgate export k6 <profile> --env <name>`: the profile as a k6 script (and k6-operator manifests);
 * `tollgate export k8s-job <profile> --env <name> --shards <n> --image <image>`: an Indexed Job of sharded tollgate runs.
 */
export const exportCommand: Command = {
  name: 'export',
  summary: 'write a load profile as a k6 script typed with @types/k6 (--k6-operator: TestRun + ConfigMap)',
  usage:
    'tollgate export k6 <profile> --env <name> [--out <file.ts>] [--k6-operator --parallelism <n>]\n       tollgate export k8s-job <profile> --env <name> --shards <n> --image <image> [--out <file.yaml>]',
  examples: [
    'tollgate export k6 smoke --env staging',
    'tollgate export k6 baseline --env staging --out k6/baseline.ts --k6-operator --parallelism 4',
    'tollgate export k8s-job baseline --env staging --shards 4 --image registry.example.com/api-tests:1.0',
  ],
  options: {
    env: {
      type: 'string',
      short: 'e',
      description: 'environment whose gates and credentials to use',
      valueName: 'name',
    },
    config: {
      type: 'string',
      short: 'c',
      description: 'config file (default: ./tollgate.config.ts)',
      valueName: 'file',
    },
    out: {
      type: 'string',
      short: 'o',
      description: 'script file (default: k6/<profile>.ts; k8s-job: k8s/<profile>.job.yaml)',
      valueName: 'file',
    },
    'k6-operator': {
      type: 'boolean',
      description: 'also write a k6-operator TestRun and the ConfigMap holding the script',
    },
    parallelism: { type: 'string', description: 'runner pods of the TestRun (default: 1)', valueName: 'n' },
    shards: {
      type: 'string',
      description: 'k8s-job: pods of the Indexed Job, one tollgate load --shard i/n each',
      valueName: 'n',
    },
    image: {
      type: 'string',
      description:
        'k8s-job: an image holding this repository with tollgate installed (npm ci), run from its root',
      valueName: 'image',
    },
  },
  async run(ctx) {
    const [format, name] = ctx.positionals;
    if ((format !== 'k6' && format !== 'k8s-job') || !name)
      throw new TollgateError(
        'TG_USAGE',
        `export writes k6 scripts or a Kubernetes Job: tollgate export k6|k8s-job <profile> --env <name>, got "${ctx.positionals.join(' ')}"`,
      );
    const envName = ctx.values.env as string | undefined;
    if (!envName)
      throw new TollgateError(
        'TG_USAGE',
        `export ${format} needs --env <name>: the gates and credentials of which environment?`,
      );
    const job = format === 'k8s-job' ? jobFlags(ctx.values.shards, ctx.values.image) : undefined;
    const parallelism = parallelismFlag(ctx.values.parallelism, ctx.values['k6-operator'] === true);
    const config = await loadConfig(ctx.cwd, ctx.values.config as string | undefined);
    if (!config) throw new TollgateError('TG_CONFIG_NOT_FOUND', `no tollgate.config.ts in ${ctx.cwd}`);
    const env = config.environments[envName];
    if (!env)
      throw new TollgateError(
        'TG_ENV_UNKNOWN',
        `no environment "${envName}" in ${config.configFile ?? 'the config'} (known: ${Object.keys(config.environments).join(', ') || 'none'})`,
      );
    const specName = env.spec ?? Object.keys(config.specs)[0];
    const spec = await loadSpec(config.specs[specName] ?? specName, {
      cwd: ctx.cwd,
      allowRemoteRefs: config.allowRemoteRefs,
    });
    const profile = await loadProfile(name, { loadDir: config.loadDir, cwd: ctx.cwd, spec });
    if (job) {
      const file = resolve(
        ctx.cwd,
        (ctx.values.out as string | undefined) ?? join('k8s', `${profile.name}.job.yaml`),
      );
      const manifest = k8sJobManifest({ profileName: name, envName, env, ...job });
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, manifest.job);
      const notice = `each pod reads its credentials from the Secret ${manifest.secretName} and writes ${reportsMount}/shard-<i> on the volume ${manifest.claimName} (ReadWriteMany); then tollgate merge ${reportsMount}/shard-*`;
      ctx.err(`note: ${notice}`);
      if (ctx.json) ctx.out(JSON.stringify({ files: [file], notices: [notice] }, null, 2));
      else ctx.out(`wrote ${relative(ctx.cwd, file)}`);
      return ExitCode.Pass;
    }
    const out = resolve(ctx.cwd, (ctx.values.out as string | undefined) ?? join('k6', `${profile.name}.ts`));
    const exported = exportK6({
      profile,
      envName,
      env,
      spec,
      command: `tollgate export k6 ${name} --env ${envName}`,
    });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, exported.script);
    const written = [out];
    if (parallelism !== undefined) {
      const stem = join(dirname(out), basename(out, extname(out)));
      const manifests = k6OperatorManifests({
        profileName: profile.name,
        file: basename(out),
        script: exported.script,
        parallelism,
        variables: exported.variables,
        baseURL: typeof env.baseURL === 'string' ? env.baseURL : undefined,
      });
      writeFileSync(`${stem}.testrun.yaml`, manifests.testRun);
      writeFileSync(`${stem}.configmap.yaml`, manifests.configMap);
      written.push(`${stem}.testrun.yaml`, `${stem}.configmap.yaml`);
      exported.notices.push(
        `the TestRun reads ${exported.variables.length ? `${exported.variables.join(', ')} ` : ''}from the Secret ${manifests.secretName}; each pod writes ${podOutput}: copy them out and run tollgate import k6`,
      );
    }
    for (const notice of exported.notices) ctx.err(`note: ${notice}`);
    if (ctx.json) ctx.out(JSON.stringify({ files: written, notices: exported.notices }, null, 2));
    else ctx.out(`wrote ${written.map((f) => relative(ctx.cwd, f)).join(', ')}`);
    return ExitCode.Pass;
  },
};

function parallelismFlag(raw: unknown, operator: boolean): number | undefined {
  if (raw !== undefined && !operator)
    throw new TollgateError('TG_USAGE', '--parallelism goes with --k6-operator');
  if (!operator) return undefined;
  const n = raw === undefined ? 1 : Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new TollgateError(
      'TG_USAGE',
      `--parallelism must be a whole number of pods from 1 to 1000, got "${raw}"`,
    );
  return n;
}

function jobFlags(shards: unknown, image: unknown): { shards: number; image: string } {
  if (shards === undefined)
    throw new TollgateError('TG_USAGE', 'export k8s-job needs --shards <n>: how many pods split the run?');
  const n = Number(shards);
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new TollgateError('TG_USAGE', `--shards must be a whole number from 1 to 1000, got "${shards}"`);
  if (typeof image !== 'string' || image === '')
    throw new TollgateError(
      'TG_USAGE',
      'export k8s-job needs --image <image>: an image holding this repository with tollgate installed (npm ci)',
    );
  return { shards: n, image };
}
