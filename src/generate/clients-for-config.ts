import { basename, extname } from 'node:path';
import { defaults } from '../config/defaults.ts';
import { loadConfig } from '../config/load-config.ts';
import { TollgateError } from '../errors/tollgate-error.ts';
import { type GeneratedFile, generateClients } from './generate-clients.ts';

export interface ClientsRequest {
  cwd: string;
  /** Config file; default: the one found in cwd. */
  configFile?: string;
  /** A spec name from the config, or a file/URL (ad hoc). Default: every spec in the config. */
  spec?: string;
  /** Output folder; default: the config's `generatedDir` (`specs/generated`). */
  outDir?: string;
  /** Module name for an ad hoc spec; default: the file name without extension. */
  name?: string;
}

/** What `tollgate generate` renders: the config's specs, or one spec given on the command line. */
export async function clientsFor(request: ClientsRequest): Promise<{ root: string; files: GeneratedFile[] }> {
  const config = await loadConfig(request.cwd, request.configFile);
  const root = config?.root ?? request.cwd;
  const outDir = request.outDir ?? config?.generatedDir ?? defaults.generatedDir;
  let specs: Record<string, string>;
  if (request.spec !== undefined) {
    const named = config?.specs[request.spec];
    specs = named
      ? { [request.spec]: named }
      : { [request.name ?? basename(request.spec, extname(request.spec))]: request.spec };
  } else {
    specs = config?.specs ?? {};
    if (Object.keys(specs).length === 0) {
      throw new TollgateError(
        config ? 'TG_CONFIG_INVALID' : 'TG_CONFIG_NOT_FOUND',
        config
          ? `${config.configFile}: "specs" names no specs to generate clients for`
          : `no tollgate.config.ts in ${request.cwd}`,
        { hint: 'add specs to tollgate.config.ts, or pass --spec <file> --out <dir>' },
      );
    }
  }
  const files = await generateClients(specs, { root, outDir, allowRemoteRefs: config?.allowRemoteRefs });
  return { root, files };
}
