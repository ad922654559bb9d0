/** The upgrade assistant in the editor (issue 11): "Upgrade kube-vip to vX.Y.Z" on the image, one reviewed edit. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { applyEdits, dualStack } from '../helpers';
import { TestClient } from './client';

const TEXT = dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_cidr', raw: '"32,128"' }]);
const IMAGE_LINE = TEXT.split('\n').findIndex((l) => l.includes('image: ghcr.io/kube-vip/kube-vip:v0.8.9'));

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface Action {
  title: string;
  kind: string;
  edit: {
    changes?: Record<string, { range: Range; newText: string }[]>;
    documentChanges?: { textDocument: { uri: string; version: number }; edits: { range: Range; newText: string; annotationId?: string }[] }[];
    changeAnnotations?: Record<string, { label: string; description?: string; needsConfirmation?: boolean }>;
  };
  command?: { command: string; arguments: unknown[] };
}

/** LSP positions to offsets in TEXT. */
function offsets(edits: { range: Range; newText: string }[]) {
  const starts = [0, ...[...TEXT.matchAll(/\n/g)].map((m) => m.index! + 1)];
  const at = (p: { line: number; character: number }) => starts[p.line] + p.character;
  return edits.map((e) => ({ start: at(e.range.start), end: at(e.range.end), newText: e.newText }));
}

describe('LSP: upgrade assistant (issue 11)', function () {
  this.timeout(20000);
  let client: TestClient;
  afterEach(() => client?.shutdown());

  async function actions(capabilities: Record<string, unknown>): Promise<{ uri: string; actions: Action[] }> {
    client = new TestClient();
    await client.initialize({ debounceMs: 0 }, capabilities);
    const uri = 'file:///ws/kube-vip.yaml';
    const published = client.nextDiagnostics(uri);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: TEXT } });
    await published;
    const range = { start: { line: IMAGE_LINE, character: 20 }, end: { line: IMAGE_LINE, character: 20 } };
    const all = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: ['refactor.rewrite'] } })) as Action[];
    return { uri, actions: all };
  }

  it('offers the newest patch of the minor and the newest release; one versioned edit with a change annotation per change', async () => {
    const { uri, actions: found } = await actions({ workspace: { workspaceEdit: { documentChanges: true, changeAnnotationSupport: { groupsOnLabel: true } } } });
    assert.deepStrictEqual(found.map((a) => [a.title, a.kind]), [['Upgrade kube-vip to v0.8.10', 'refactor.rewrite'], ['Upgrade kube-vip to v1.2.3', 'refactor.rewrite']]);
    const newest = found[1];
    const [change] = newest.edit.documentChanges!;
    assert.deepStrictEqual(change.textDocument, { uri, version: 1 });
    const after = applyEdits(TEXT, offsets(change.edits));
    assert.ok(after.includes('image: ghcr.io/kube-vip/kube-vip:v1.2.3\n'), after);
    assert.ok(after.includes('        - name: vip_subnet\n          value: "32,128"\n'), 'vip_cidr renamed, its value kept');
    assert.ok(after.includes('        - name: vip_leaseduration\n          value: "5"\n'), 'the old lease default written out');
    const annotations = newest.edit.changeAnnotations!;
    const byLabel = new Map(Object.values(annotations).map((a) => [a.label, a]));
    assert.strictEqual(byLabel.get('vip_cidr renamed to vip_subnet')?.needsConfirmation, false);
    const lease = [...byLabel.values()].find((a) => a.label.startsWith('vip_leaseduration'))!;
    assert.strictEqual(lease.needsConfirmation, true, 'a written-out default is confirmed by the user');
    assert.match(lease.description!, /changes from 5 to 15/);
    for (const e of change.edits) assert.ok(e.annotationId && annotations[e.annotationId], 'every edit has its annotation');
    const tag = [...byLabel.values()].find((a) => a.label.startsWith('image tag'))!;
    assert.match(tag.description!, /Not carried over: .*RBAC|Not carried over: .*endpointslices/i);
    // After the edit, a message says what changed and what was not carried over.
    assert.strictEqual(newest.command!.command, 'kubeVipLint.upgradeSummary');
    const shown = new Promise<{ message: string }>((resolve) => client.connection.onRequest('window/showMessageRequest', (p: { message: string }) => (resolve(p), null)));
    await client.connection.sendRequest('workspace/executeCommand', { command: newest.command!.command, arguments: newest.command!.arguments });
    assert.match((await shown).message, /^kube-vip v0\.8\.9 → v1\.2\.3: \d+ change\(s\), some to confirm\. Not carried over: /);
  });

  it('a client without change annotations gets the same edits as plain changes; an image with no literal version gets no upgrade', async () => {
    const { uri, actions: found } = await actions({});
    const edits = found[1].edit.changes![uri];
    const after = applyEdits(TEXT, offsets(edits));
    assert.ok(after.includes('image: ghcr.io/kube-vip/kube-vip:v1.2.3\n') && after.includes('name: vip_subnet'));
    await client.shutdown();
    client = new TestClient();
    await client.initialize({ debounceMs: 0 }, {});
    const latest = TEXT.replace(':v0.8.9', ':latest');
    const uri2 = 'file:///ws/latest.yaml';
    const published = client.nextDiagnostics(uri2);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri2, languageId: 'yaml', version: 1, text: latest } });
    await published;
    const range = { start: { line: IMAGE_LINE, character: 20 }, end: { line: IMAGE_LINE, character: 20 } };
    assert.deepStrictEqual(await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: uri2 }, range, context: { diagnostics: [], only: ['refactor.rewrite'] } }), []);
  });

  it('the roles in the workspace get the RBAC the new version needs, as annotated edits to confirm in their own file', async () => {
    const fixtures = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'messages', 'rbac-permissions', 'endpointSlicesDenied', 'kube-vip');
    const daemonSet = fs.readFileSync(path.join(fixtures, 'daemonset.yaml'), 'utf8').replace(/kube-vip:v[0-9.]+/, 'kube-vip:v0.9.2');
    const rbac = fs.readFileSync(path.join(fixtures, 'rbac.yaml'), 'utf8');
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kvl-upgrade-'));
    try {
      fs.writeFileSync(path.join(root, 'daemonset.yaml'), daemonSet);
      fs.writeFileSync(path.join(root, 'rbac.yaml'), rbac);
      client = new TestClient();
      const indexed = new Promise((resolve) => client.connection.onNotification('kubeVipLint/indexed', resolve));
      await client.initialize({ debounceMs: 0 }, { workspace: { workspaceEdit: { documentChanges: true, changeAnnotationSupport: {} } } }, { workspaceFolders: [{ uri: pathToFileURL(root).toString(), name: 'ws' }] });
      await indexed;
      const uri = pathToFileURL(path.join(root, 'daemonset.yaml')).toString();
      const rbacUri = pathToFileURL(path.join(root, 'rbac.yaml')).toString();
      const published = client.nextDiagnostics(uri);
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: daemonSet } });
      await published;
      const line = daemonSet.split('\n').findIndex((l) => l.includes('image: ghcr.io/kube-vip/kube-vip:v0.9.2'));
      const range = { start: { line, character: 20 }, end: { line, character: 20 } };
      const found = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: ['refactor.rewrite'] } })) as Action[];
      const newest = found.find((a) => a.title === 'Upgrade kube-vip to v1.2.3')!;
      const roles = newest.edit.documentChanges!.find((c) => c.textDocument.uri === rbacUri)!;
      assert.ok(roles, JSON.stringify(newest.edit.documentChanges!.map((c) => c.textDocument.uri)));
      assert.strictEqual(roles.textDocument.version, null, 'an unopened file');
      const note = newest.edit.changeAnnotations![roles.edits[0].annotationId!];
      assert.strictEqual(note.label, 'RBAC for v1.2.3: Add endpointslices.discovery.k8s.io to Role kube-vip');
      assert.strictEqual(note.needsConfirmation, true);
      const starts = [0, ...[...rbac.matchAll(/\n/g)].map((m) => m.index! + 1)];
      const at = (p: { line: number; character: number }) => starts[p.line] + p.character;
      const after = applyEdits(rbac, roles.edits.map((e) => ({ start: at(e.range.start), end: at(e.range.end), newText: e.newText })));
      assert.ok(after.includes('  - apiGroups: ["discovery.k8s.io"]\n    resources: ["endpointslices"]\n    verbs: ["list", "get", "watch", "update"]'), after);
      assert.match(newest.command!.arguments[0] as string, /1 role edit\(s\) for the RBAC v1\.2\.3 needs, to confirm\./);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('a client that resolves code actions gets the list cheaply (no edit) and the same edit on codeAction/resolve; a stale one resolves to no edit', async () => {
    const editCaps = { workspace: { workspaceEdit: { documentChanges: true, changeAnnotationSupport: {} } } };
    const { actions: eager } = await actions(editCaps);
    await client.shutdown();
    const { uri, actions: lazy } = await actions({ ...editCaps, textDocument: { codeAction: { dataSupport: true, resolveSupport: { properties: ['edit', 'command'] } } } });
    assert.deepStrictEqual(lazy.map((a) => a.title), eager.map((a) => a.title));
    assert.ok(lazy.every((a) => a.edit === undefined && a.command === undefined), 'nothing computed before it is chosen');
    const resolved = (await client.connection.sendRequest('codeAction/resolve', lazy[1])) as Action;
    assert.deepStrictEqual(resolved.edit, eager[1].edit);
    assert.deepStrictEqual(resolved.command, eager[1].command);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: TEXT.replace('v0.8.9', 'v0.9.0') }] });
    const stale = (await client.connection.sendRequest('codeAction/resolve', lazy[1])) as Action;
    assert.strictEqual(stale.edit, undefined, 'the document changed since: no edit from the old text');
  });
});

