/**
 * `.kube-vip-lint.yaml`: the settings file the CLI and the language server both read, upward from each
 * linted file (adapter code: it reads the file system, so it is not in the core). One resolver, so
 * that a file the CLI passes does not warn in the editor, or the reverse.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { normalizeSettings } from './core';
import type { Settings } from './core';

export const CONFIG_NAMES = ['.kube-vip-lint.yaml', '.kube-vip-lint.yml'] as const;

/** The settings file that applies to a folder: its path and settings, or its problems when invalid. */
export interface ConfigFile {
  readonly file: string;
  readonly settings: Settings;
  /** Why the file is not used (it does not parse, or holds invalid entries); empty when it is. */
  readonly problems: readonly string[];
}

export class ConfigResolver {
  private readonly cache = new Map<string, ConfigFile | undefined>();

  /** The nearest settings file in `dir` or a folder above it, if any. */
  configFor(dir: string): ConfigFile | undefined {
    if (this.cache.has(dir)) return this.cache.get(dir);
    let found: ConfigFile | undefined;
    const file = CONFIG_NAMES.map((n) => path.join(dir, n)).find((f) => isFile(f));
    if (file) found = read(file);
    else {
      const parent = path.dirname(dir);
      found = parent === dir ? undefined : this.configFor(parent);
    }
    this.cache.set(dir, found);
    return found;
  }

  /** Forget what was read (a settings file changed). */
  clear(): void {
    this.cache.clear();
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function read(file: string): ConfigFile {
  let raw: unknown;
  try {
    raw = parseYaml(fs.readFileSync(file, 'utf8'), { maxAliasCount: 100 });
  } catch (error) {
    return { file, settings: {}, problems: [(error as Error).message.split('\n')[0]] };
  }
  const { settings, problems } = normalizeSettings(raw);
  return { file, settings, problems };
}
