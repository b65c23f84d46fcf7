import { stringify } from 'yaml';
import { k6Version } from './k6-version.ts';

/** Where each runner pod keeps its raw samples, for `tollgate import k6`. */
export const podOutput = '/tmp/k6-out.json';

export interface OperatorInput {
  profileName: string;
  /** File name of the script inside the ConfigMap, e.g. `baseline.ts`. */
  file: string;
  script: string;
  parallelism: number;
  /** Variables the script reads from `__ENV` (BASE_URL and credentials), set from one Secret. */
  variables: string[];
  /** The environment's base URL when the config writes it out (not a secret), else read from the Secret too. */
  baseURL?: string;
}

/** A Kubernetes object name: lowercase letters, digits and '-', at most 63 characters. */
function objectName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
}

/**
 * The k6-operator `TestRun` (k6.io/v1alpha1) that runs the script on
 * `parallelism` pods, each writing its samples as k6 JSON, and the ConfigMap
 * holding the script. Credentials come from a Secret the manifest names but
 * does not contain: `kubectl create secret generic <name> --from-literal=...`.
 */
export function k6OperatorManifests(input: OperatorInput): {
  testRun: string;
  configMap: string;
  secretName: string;
} {
  const base = objectName(`tollgate-${input.profileName}`);
  const secretName = `${base}-env`;
  const configMapName = `${base}-script`;
  const env = ['BASE_URL', ...input.variables].map((name) =>
    name === 'BASE_URL' && input.baseURL
      ? { name, value: input.baseURL }
      : { name, valueFrom: { secretKeyRef: { name: secretName, key: name } } },
  );
  const testRun = {
    apiVersion: 'k6.io/v1alpha1',
    kind: 'TestRun',
    metadata: { name: base },
    spec: {
      parallelism: input.parallelism,
      script: { configMap: { name: configMapName, file: input.file } },
      arguments: `--out json=${podOutput}`,
      // The k6 the script was exported for: the samples' k6_version tag says the same.
      runner: { image: `grafana/k6:${k6Version}`, env },
    },
  };
  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: configMapName },
    data: { [input.file]: input.script },
  };
  return { testRun: stringify(testRun), configMap: stringify(configMap), secretName };
}
