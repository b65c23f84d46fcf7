import { stringify } from 'yaml';
import type { UserEnvironment } from '../config/types.ts';

/** Where each shard's run folder goes inside the pod: one volume, one folder per shard, for `tollgate merge`. */
export const reportsMount = '/reports';

export interface K8sJobInput {
  profileName: string;
  envName: string;
  env: UserEnvironment;
  shards: number;
  /** An image holding the repository (config, load/, specs/) with tollgate installed, working directory its root. */
  image: string;
}

/** A Kubernetes object name: lowercase letters, digits and '-', at most 63 characters. */
function objectName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 52);
}

/** Every `{ env: 'NAME' }` the environment reads (base URL, headers, auth): set in each pod from one Secret. */
function configVariables(env: UserEnvironment): string[] {
  const names = new Set<string>();
  const walk = (value: unknown) => {
    if (!value || typeof value !== 'object') return;
    const env = (value as { env?: unknown }).env;
    if (typeof env === 'string' && Object.keys(value).length === 1) names.add(env);
    else for (const v of Object.values(value)) walk(v);
  };
  walk(env);
  return [...names];
}

/**
 * A Kubernetes Indexed Job (batch/v1, `completionMode: Indexed`) that runs
 * one sharded `tollgate load` per pod: Kubernetes gives pod k the index k in
 * `JOB_COMPLETION_INDEX`, which is shard k+1 of n. All n start at once
 * (`parallelism: n`), none is retried (a retried shard would run at another
 * time than the others), and each writes its run folder to one shared
 * volume, from which `tollgate merge` judges the whole run. Credentials come
 * from a Secret the manifest names but does not contain.
 */
export function k8sJobManifest(input: K8sJobInput): { job: string; secretName: string; claimName: string } {
  const base = objectName(`tollgate-${input.profileName}`);
  const secretName = `${base}-env`;
  const claimName = `${base}-reports`;
  const n = input.shards;
  const shard = '$((JOB_COMPLETION_INDEX + 1))';
  const command = `npx tollgate load ${input.profileName} --env ${input.envName} --shard ${shard}/${n} --run-dir ${reportsMount}/shard-${shard}`;
  const variables = configVariables(input.env);
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: `${base}-shards`, labels: { 'app.kubernetes.io/name': 'tollgate' } },
    spec: {
      completionMode: 'Indexed',
      completions: n,
      parallelism: n,
      backoffLimit: 0,
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': 'tollgate' } },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'tollgate',
              image: input.image,
              command: ['sh', '-c', command],
              ...(variables.length
                ? {
                    env: variables.map((name) => ({
                      name,
                      valueFrom: { secretKeyRef: { name: secretName, key: name } },
                    })),
                  }
                : {}),
              volumeMounts: [{ name: 'reports', mountPath: reportsMount }],
            },
          ],
          volumes: [{ name: 'reports', persistentVolumeClaim: { claimName } }],
        },
      },
    },
  };
  return { job: stringify(job), secretName, claimName };
}
