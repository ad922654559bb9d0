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

/** True when two files are in one folder (compared by URI, up to the last "/"). */
export function sameFolder(a: IndexedFile, b: IndexedFile): boolean {
  return a.uri.slice(0, a.uri.lastIndexOf('/')) === b.uri.slice(0, b.uri.lastIndexOf('/'));
}

/** How many folders two URIs share from the root. */
function sharedFolders(a: string, b: string): number {
  const x = a.split('/').slice(0, -1);
  const y = b.split('/').slice(0, -1);
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
  const depths = candidates.map((c) => sharedFolders(file.uri, c.file.uri));
  const best = Math.max(...depths);
  return candidates.filter((_, i) => depths[i] === best);
}
