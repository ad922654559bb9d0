/**
 * Which files on disk kube-vip-lint reads, shared by the CLI (a directory argument) and the language
 * server (the workspace folders): the same endings, the same folders skipped.
 */
import * as fs from 'fs';
import * as path from 'path';
import { globMatcher } from './glob';

export const DEFAULT_EXTENSIONS = ['yaml', 'yml', 'json', 'j2', 'tmpl', 'tpl', 'md'];

/** Never searched: dependencies and version control. */
export const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git']);

export function hasExtension(name: string, extensions: readonly string[] = DEFAULT_EXTENSIONS): boolean {
  const lower = name.toLowerCase();
  return extensions.some((e) => lower.endsWith(`.${e.toLowerCase()}`));
}

/** Files under `dir` with one of `extensions`, sorted; symbolic links are not followed. */
export function listFilesSync(dir: string, extensions: readonly string[] = DEFAULT_EXTENSIONS): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) walk(full);
      else if (entry.isFile() && hasExtension(entry.name, extensions)) out.push(full);
    }
  };
  walk(dir);
  return out;
}

/**
 * The same walk, asynchronous, for a server that must keep answering while it indexes. `excluded`
 * gets paths relative to `dir` with `/` separators (folders and files), as files.exclude globs match.
 */
export async function* listFiles(dir: string, excluded: (relative: string) => boolean = () => false, extensions: readonly string[] = DEFAULT_EXTENSIONS): AsyncGenerator<string> {
  const pending = [''];
  while (pending.length) {
    const relative = pending.shift()!;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(path.join(dir, relative), { withFileTypes: true });
    } catch {
      continue; // removed or unreadable meanwhile
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (excluded(rel)) continue;
      if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) pending.push(rel);
      else if (entry.isFile() && hasExtension(entry.name, extensions)) yield path.join(dir, rel);
    }
  }
}

export { globMatcher };
