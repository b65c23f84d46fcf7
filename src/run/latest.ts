import {
  existsSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, join, resolve } from 'node:path';

/**
 * `reports/latest` always names the newest run: a relative symlink where the
 * filesystem allows one, and `reports/latest.txt` holding the id everywhere
 * (Windows without symlink rights, artifact uploads that drop links).
 */
export function updateLatest(reportsDir: string, id: string): void {
  const root = resolve(reportsDir);
  writeFileSync(join(root, 'latest.txt'), `${id}\n`);
  const link = join(root, 'latest');
  const temp = join(root, `.latest-${process.pid}`);
  try {
    rmSync(temp, { force: true });
    symlinkSync(id, temp, 'dir');
    // rename over the old link is atomic: readers never see no `latest`
    renameSync(temp, link);
  } catch {
    rmSync(temp, { force: true });
  }
}

/** The id of the newest run, or undefined when there is none. */
export function readLatest(reportsDir: string): string | undefined {
  const root = resolve(reportsDir);
  const text = join(root, 'latest.txt');
  if (existsSync(text)) {
    const id = readFileSync(text, 'utf8').trim();
    if (id) return id;
  }
  try {
    return basename(readlinkSync(join(root, 'latest')));
  } catch {
    return undefined;
  }
}
