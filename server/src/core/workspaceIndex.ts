/**
 * What the workspace rules see: per file, the kube-vip containers and the resources around them, as
 * extracted by the per-document pass (lint.ts). Plain data; building it reads no YAML.
 */
import type { KubeVipContainer } from './model';
import type { BindingFact, ConfigMapFact, ResourceFact, RoleFact, ServiceFact } from './resources';
import type { Settings } from './types';

export interface IndexedFile {
  readonly uri: string;
  readonly text: string;
  readonly settings: Settings;
  readonly containers: readonly KubeVipContainer[];
  readonly resources: readonly ResourceFact[];
}

export interface WorkspaceIndex {
  readonly files: readonly IndexedFile[];
}

/** A fact with the file it is in. */
export interface InFile<T> {
  readonly file: IndexedFile;
  readonly item: T;
}

export function containersOf(index: WorkspaceIndex): InFile<KubeVipContainer>[] {
  return index.files.flatMap((file) => file.containers.map((item) => ({ file, item })));
}

function ofKind<T extends ResourceFact>(index: WorkspaceIndex, test: (r: ResourceFact) => r is T): InFile<T>[] {
  return index.files.flatMap((file) => file.resources.filter(test).map((item) => ({ file, item })));
}

export const servicesOf = (index: WorkspaceIndex) => ofKind(index, (r): r is ServiceFact => r.kind === 'Service');
export const configMapsOf = (index: WorkspaceIndex) => ofKind(index, (r): r is ConfigMapFact => r.kind === 'ConfigMap');
export const rolesOf = (index: WorkspaceIndex) => ofKind(index, (r): r is RoleFact => r.kind === 'ClusterRole' || r.kind === 'Role');
export const bindingsOf = (index: WorkspaceIndex) => ofKind(index, (r): r is BindingFact => r.kind === 'ClusterRoleBinding' || r.kind === 'RoleBinding');

/** The namespace a namespaced object is in: its own, else "default" (as kubectl applies it without -n). */
export function namespaceOf(namespace: string | undefined): string {
  return namespace ?? 'default';
}

/** The folder of a file, as its URI up to the last "/". */
export function folderOf(file: IndexedFile): string {
  return file.uri.slice(0, file.uri.lastIndexOf('/'));
}

/** True when two files are in one folder. */
export function sameFolder(a: IndexedFile, b: IndexedFile): boolean {
  return folderOf(a) === folderOf(b);
}

/**
 * Items grouped by a key, in their order: rules that compare pairs compare only within a group (one
 * folder, one Lease name, one port), so a repository of many instances is not O(n²) in all of them.
 */
export function groupBy<T>(items: readonly T[], key: (item: T) => string | undefined): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}

const segments = new WeakMap<IndexedFile, readonly string[]>();

/** A file's folders from the root, split once. */
function foldersOf(file: IndexedFile): readonly string[] {
  let found = segments.get(file);
  if (!found) segments.set(file, (found = file.uri.split('/').slice(0, -1)));
  return found;
}

/** How many folders two files share from the root. */
function sharedFolders(a: IndexedFile, b: IndexedFile): number {
  const x = foldersOf(a);
  const y = foldersOf(b);
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

/**
 * Of `candidates`, those whose files share the most folders with `file`. In a repository of several
 * clusters (clusters/a/…, clusters/b/…), the instance beside a Service is the likely one that serves
 * it; candidates at the same distance stay ambiguous.
 */
export function nearest<T>(file: IndexedFile, candidates: readonly InFile<T>[]): InFile<T>[] {
  const depths = candidates.map((c) => sharedFolders(file, c.file));
  const best = Math.max(...depths);
  return candidates.filter((_, i) => depths[i] === best);
}

/** "DaemonSet kube-system/kube-vip" (or the kind of what holds the container), for messages. */
export function instanceLabel(container: KubeVipContainer): string {
  const resource = container.resource;
  if (!resource?.name) return `the kube-vip container (${container.resourceKind})`;
  return `${resource.kind} ${resource.namespace ? `${resource.namespace}/` : ''}${resource.name}`;
}
