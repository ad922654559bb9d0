/**
 * Kustomize image overrides for a file on disk (adapter code: it reads the file system, so it is not
 * in the core). A kustomization.yaml in the file's folder or a parent folder that lists the file
 * (resources, components, patches...) rewrites its images with `images:` entries; kustomizations
 * further up that list that folder apply theirs on top, as `kustomize build` does.
 *
 * Reads only kustomization files in the file's own ancestor folders: never through a symbolic link,
 * at most MAX_BYTES each; anything unreadable or malformed is ignored quietly. Parsed files are cached
 * by path, modification time and size.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import type { ImageOverride } from './core';

/** The names kustomize looks for, in its order. */
export const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;
/** Kustomizations are a few KB; anything bigger is not one we read. */
export const MAX_BYTES = 256 * 1024;
/** How many folders up from the linted file we look. */
export const MAX_LEVELS = 12;

interface Kustomization {
  /** Absolute paths of the files and folders it lists (resources, components, bases, patches). */
  readonly lists: ReadonlySet<string>;
  readonly images: readonly ImageOverride[];
}

interface FileEntry {
  readonly mtimeMs: number;
  readonly size: number;
  readonly parsed: Kustomization | undefined;
}

interface DirEntry {
  readonly mtimeMs: number;
  /** The kustomization file in it (a regular file, not a link), if any. */
  readonly file: string | undefined;
}

export class KustomizeResolver {
  private readonly files = new Map<string, FileEntry>();
  private readonly dirs = new Map<string, DirEntry>();

  /** Forgets everything (e.g. when the editor reports a kustomization changed). */
  clear(): void {
    this.files.clear();
    this.dirs.clear();
  }

  /**
   * The `images:` entries that apply to `file` (an absolute path), composed along the chain of
   * kustomizations that include it, so that applying them in order (or the first whose name
   * matches) gives what `kustomize build` gives. Empty when no kustomization lists the file.
   */
  imageOverridesFor(file: string): ImageOverride[] {
    let target = path.resolve(file);
    let dir = path.dirname(target);
    let overrides: ImageOverride[] = [];
    for (let level = 0; level < MAX_LEVELS; level++) {
      const k = this.kustomizationIn(dir);
      if (k && k.lists.has(target)) {
        overrides = compose(overrides, k.images);
        target = dir; // a kustomization further up includes this one by its folder
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return overrides;
  }

  private kustomizationIn(dir: string): Kustomization | undefined {
    const file = this.kustomizationFile(dir);
    if (!file) return undefined;
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(file);
    } catch {
      return undefined;
    }
    if (!stat.isFile() || stat.size > MAX_BYTES) return undefined;
    const cached = this.files.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.parsed;
    let parsed: Kustomization | undefined;
    try {
      parsed = readKustomization(dir, fs.readFileSync(file, 'utf8'));
    } catch {
      parsed = undefined;
    }
    this.files.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, parsed });
    return parsed;
  }

  /** The kustomization file of a folder; a folder's mtime changes whenever a file appears or goes. */
  private kustomizationFile(dir: string): string | undefined {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(dir);
    } catch {
      return undefined;
    }
    const cached = this.dirs.get(dir);
    if (cached && cached.mtimeMs === stat.mtimeMs) return cached.file;
    let file: string | undefined;
    for (const name of KUSTOMIZATION_NAMES) {
      const candidate = path.join(dir, name);
      try {
        const s = fs.lstatSync(candidate);
        if (s.isFile()) {
          file = candidate;
          break;
        }
        if (s.isSymbolicLink()) break; // kustomize would use this one: do not look past it, do not follow it
      } catch {
        // absent
      }
    }
    this.dirs.set(dir, { mtimeMs: stat.mtimeMs, file });
    return file;
  }
}

/** Parses a kustomization's text; undefined when it is not a mapping. Paths are resolved against `dir`. */
export function readKustomization(dir: string, text: string): Kustomization | undefined {
  // The failsafe schema keeps every scalar as written: `newTag: 1.0` is the tag "1.0".
  const raw: unknown = parseYaml(text, { schema: 'failsafe', maxAliasCount: 100, prettyErrors: false });
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const k = raw as Record<string, unknown>;
  const lists = new Set<string>();
  const add = (ref: unknown) => {
    if (typeof ref !== 'string' || !ref.trim() || ref.includes('\n') || /^[a-z][a-z0-9+.-]*:\/\//i.test(ref)) return;
    lists.add(path.resolve(dir, ref.trim()));
  };
  for (const key of ['resources', 'components', 'bases', 'patchesStrategicMerge']) {
    for (const ref of asList(k[key])) add(ref);
  }
  for (const key of ['patches', 'patchesJson6902']) {
    for (const entry of asList(k[key])) add(typeof entry === 'string' ? entry : (entry as { path?: unknown } | null)?.path);
  }
  const images: ImageOverride[] = [];
  for (const entry of asList(k.images)) {
    if (!entry || typeof entry !== 'object') continue;
    const e = entry as Record<string, unknown>;
    const name = scalar(e.name);
    if (!name) continue;
    const newName = scalar(e.newName);
    const newTag = scalar(e.newTag);
    const digest = scalar(e.digest);
    if (newName === undefined && newTag === undefined && digest === undefined) continue;
    images.push({ name, ...(newName !== undefined && { newName }), ...(newTag !== undefined && { newTag }), ...(digest !== undefined && { digest }) });
  }
  return { lists, images };
}

function asList(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function scalar(value: unknown): string | undefined {
  return typeof value === 'string' ? value.trim() || undefined : undefined;
}

/**
 * `outer` applied after `inner`: an outer entry that matches what an inner entry produces is merged
 * into it (its fields win); outer entries for other names follow. The result never needs more than
 * one match per image.
 */
export function compose(inner: readonly ImageOverride[], outer: readonly ImageOverride[]): ImageOverride[] {
  if (inner.length === 0) return [...outer];
  const used = new Set<ImageOverride>();
  const merged = inner.map((i) => {
    const o = outer.find((candidate) => candidate.name === (i.newName ?? i.name));
    if (!o) return i;
    used.add(o);
    return {
      name: i.name,
      ...((o.newName ?? i.newName) !== undefined && { newName: o.newName ?? i.newName }),
      ...((o.newTag ?? i.newTag) !== undefined && { newTag: o.newTag ?? i.newTag }),
      ...((o.digest ?? i.digest) !== undefined && { digest: o.digest ?? i.digest }),
    };
  });
  return [...merged, ...outer.filter((o) => !used.has(o))];
}
