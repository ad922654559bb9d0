/**
 * The workspace over LSP: the real server indexes a folder on disk, lints unopened files, and joins
 * them with open documents through the cross-file rules; pushed to clients without pull diagnostics,
 * pulled (workspace/diagnostic) by those with.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { CancellationTokenSource } from 'vscode-jsonrpc';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TestClient } from './client';

const DAEMONSET = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: kube-vip
  namespace: kube-system
spec:
  template:
    spec:
      containers:
        - name: kube-vip
          image: ghcr.io/kube-vip/kube-vip:v0.8.9
          args: ["manager"]
          env:
            - name: vip_arp
              value: "true"
            - name: svc_enable
              value: "true"
            - name: address
              value: "fd00::10"
            - name: vip_cidr
              value: "128"
`;

const service = (ip: string) => `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  type: LoadBalancer
  loadBalancerIP: "${ip}"
`;

/** A workspace folder on disk; removed after the test. */
function folder(files: Record<string, string>): { root: string; uri: (rel: string) => string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kvl-ws-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return { root, uri: (rel) => pathToFileURL(path.join(root, rel)).toString() };
}

const rules = (p: PublishDiagnosticsParams | { items: Diagnostic[] }) => ('diagnostics' in p ? p.diagnostics : p.items).map((d) => `${d.code}:${d.severity}`).sort();

async function start(root: string, { settings = {}, capabilities = {} }: { settings?: Record<string, unknown>; capabilities?: Record<string, unknown> } = {}) {
  const client = new TestClient();
  const indexed = new Promise<{ files: number; ms: number }>((resolve) => client.connection.onNotification('kubeVipLint/indexed', resolve));
  const result = await client.initialize({ debounceMs: 0, settings }, capabilities, { workspaceFolders: [{ uri: pathToFileURL(root).toString(), name: 'ws' }] });
  return { client, indexed, result };
}

describe('LSP: the workspace', function () {
  this.timeout(20000);
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0)) await c();
  });

  it('unopened files get diagnostics (pushed), and a cross-file error sits on both ends, each related to the other', async () => {
    const ws = folder({ 'infra/kube-vip.yaml': DAEMONSET, 'apps/web/service.yaml': service('192.168.1.50'), 'apps/web/deploy.yaml': 'kind: Deployment\n' });
    const { client, indexed } = await start(ws.root);
    cleanup.push(() => client.shutdown(), () => fs.rmSync(ws.root, { recursive: true }));
    const kv = client.nextDiagnostics(ws.uri('infra/kube-vip.yaml'), (p) => p.diagnostics.length > 0);
    const svc = client.nextDiagnostics(ws.uri('apps/web/service.yaml'), (p) => p.diagnostics.length > 0);
    assert.strictEqual((await indexed).files, 3);
    const [onEnv] = (await kv).diagnostics.filter((d) => d.code === 'service-prefix');
    assert.strictEqual(onEnv.severity, 1);
    assert.deepStrictEqual(onEnv.range, { start: { line: 20, character: 21 }, end: { line: 20, character: 26 } });
    assert.strictEqual(onEnv.relatedInformation![0].location.uri, ws.uri('apps/web/service.yaml'));
    assert.deepStrictEqual(onEnv.relatedInformation![0].location.range.start, { line: 7, character: 18 });
    const [onService] = (await svc).diagnostics;
    assert.strictEqual(onService.code, 'service-prefix');
    assert.strictEqual(onService.relatedInformation![0].location.uri, ws.uri('infra/kube-vip.yaml'));
    assert.ok(!client.published.some((p) => p.uri === ws.uri('apps/web/deploy.yaml') && p.diagnostics.length > 0), 'a file with nothing to say gets nothing');
  });

  it('an edit to an open Service updates the unopened kube-vip file: the error goes, the conditional warning comes back', async () => {
    const ws = folder({ 'kube-vip.yaml': DAEMONSET, 'service.yaml': service('192.168.1.50') });
    const { client, indexed } = await start(ws.root);
    cleanup.push(() => client.shutdown(), () => fs.rmSync(ws.root, { recursive: true }));
    const first = client.nextDiagnostics(ws.uri('kube-vip.yaml'), (p) => p.diagnostics.length > 0);
    await indexed;
    assert.deepStrictEqual(rules(await first), ['service-prefix:1']);
    const uri = ws.uri('service.yaml');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: service('192.168.1.50') } });
    const after = client.nextDiagnostics(ws.uri('kube-vip.yaml'), (p) => !p.diagnostics.some((d) => d.code === 'service-prefix'));
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: service('fd00::50') }],
    });
    assert.deepStrictEqual(rules(await after), ['vip-prefix-list:2']);
  });

  it('code actions on an open file include the fixes of its cross-file findings, preferred where they are safe', async () => {
    const ws = folder({ 'kube-vip.yaml': DAEMONSET, 'service.yaml': service('192.168.1.50') });
    const { client, indexed } = await start(ws.root);
    cleanup.push(() => client.shutdown(), () => fs.rmSync(ws.root, { recursive: true }));
    await indexed;
    const uri = ws.uri('kube-vip.yaml');
    const opened = client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'service-prefix'));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: DAEMONSET } });
    const [diagnostic] = (await opened).diagnostics.filter((d) => d.code === 'service-prefix');
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as {
      title: string;
      isPreferred?: boolean;
      edit: { changes: Record<string, { newText: string }[]> };
    }[];
    const fix = actions.find((a) => a.title === 'Set vip_cidr to "32,128"');
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.strictEqual(fix!.isPreferred, true);
    assert.deepStrictEqual(fix!.edit.changes[uri].map((e) => e.newText), ['32,128'], 'inside the quotes');
    assert.ok(actions.some((a) => a.title === 'Disable service-prefix for this line'));
  });

  it('a file changed on disk is read again (workspace/didChangeWatchedFiles)', async () => {
    const ws = folder({ 'kube-vip.yaml': DAEMONSET, 'service.yaml': service('fd00::50') });
    const { client, indexed } = await start(ws.root);
    cleanup.push(() => client.shutdown(), () => fs.rmSync(ws.root, { recursive: true }));
    const warning = client.nextDiagnostics(ws.uri('kube-vip.yaml'), (p) => p.diagnostics.length > 0);
    await indexed;
    assert.deepStrictEqual(rules(await warning), ['vip-prefix-list:2']);
    fs.writeFileSync(path.join(ws.root, 'service.yaml'), service('10.1.2.3'));
    const error = client.nextDiagnostics(ws.uri('kube-vip.yaml'), (p) => p.diagnostics.some((d) => d.code === 'service-prefix'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('service.yaml'), type: 2 }] });
    assert.deepStrictEqual(rules(await error), ['service-prefix:1']);
    fs.rmSync(path.join(ws.root, 'service.yaml'));
    const back = client.nextDiagnostics(ws.uri('kube-vip.yaml'), (p) => !p.diagnostics.some((d) => d.code === 'service-prefix'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('service.yaml'), type: 3 }] });
    assert.deepStrictEqual(rules(await back), ['vip-prefix-list:2']);
  });

  it('node_modules, .git and files.exclude are not indexed', async () => {
    const ws = folder({ 'node_modules/x/kube-vip.yaml': DAEMONSET, '.git/kube-vip.yaml': DAEMONSET, 'build/kube-vip.yaml': DAEMONSET, 'kube-vip.yaml': DAEMONSET });
    const client = new TestClient();
    cleanup.push(() => client.shutdown(), () => fs.rmSync(ws.root, { recursive: true }));
    client.connection.onRequest('workspace/configuration', (p: { items: { section: string }[] }) => p.items.map((i) => (i.section === 'files.exclude' ? { 'build/**': true } : null)));
    const indexed = new Promise<{ files: number }>((resolve) => client.connection.onNotification('kubeVipLint/indexed', resolve));
    await client.initialize({ debounceMs: 0 }, { workspace: { configuration: true } }, { workspaceFolders: [{ uri: pathToFileURL(ws.root).toString(), name: 'ws' }] });
    assert.strictEqual((await indexed).files, 1);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepStrictEqual([...new Set(client.published.map((p) => p.uri))], [ws.uri('kube-vip.yaml')]);
    // The watcher skips them too: a change under build/ is not read (a change elsewhere is).
    fs.writeFileSync(path.join(ws.root, 'build', 'new.yaml'), DAEMONSET);
    fs.writeFileSync(path.join(ws.root, 'new.yaml'), DAEMONSET);
    const fresh = client.nextDiagnostics(ws.uri('new.yaml'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('build/new.yaml'), type: 1 }, { uri: ws.uri('new.yaml'), type: 1 }] });
    await fresh;
    await new Promise((r) => setTimeout(r, 200));
    assert.deepStrictEqual([...new Set(client.published.map((p) => p.uri))].sort(), [ws.uri('kube-vip.yaml'), ws.uri('new.yaml')].sort());
  });

  it('kubeVipLint.workspaceDiagnostics false: unopened files are not read; open files still join each other', async () => {
    const ws = folder({ 'kube-vip.yaml': DAEMONSET, 'service.yaml': service('192.168.1.50') });
    const { client, indexed } = await start(ws.root, { settings: { workspaceDiagnostics: false } });
    cleanup.push(() => client.shutdown(), () => fs.rmSync(ws.root, { recursive: true }));
    assert.strictEqual((await indexed).files, 0);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepStrictEqual(client.published, []);
    const kv = ws.uri('kube-vip.yaml');
    const svc = ws.uri('service.yaml');
    const open = client.nextDiagnostics(kv, (p) => p.diagnostics.some((d) => d.code === 'service-prefix'));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: kv, languageId: 'yaml', version: 1, text: DAEMONSET } });
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: svc, languageId: 'yaml', version: 1, text: service('192.168.1.50') } });
    assert.deepStrictEqual(rules(await open), ['service-prefix:1']);
  });

  describe('pull diagnostics (textDocument/diagnostic, workspace/diagnostic)', () => {
    const capabilities = { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { diagnostics: { refreshSupport: true } } };

    it('declares the provider with inter-file dependencies, pushes nothing, and answers workspace/diagnostic for unopened files', async () => {
      const ws = folder({ 'kube-vip.yaml': DAEMONSET, 'service.yaml': service('192.168.1.50'), 'other.yaml': 'kind: ConfigMap\n' });
      const { client, indexed, result } = await start(ws.root, { capabilities });
      cleanup.push(() => client.shutdown(), () => fs.rmSync(ws.root, { recursive: true }));
      assert.deepStrictEqual(result.capabilities.diagnosticProvider, { identifier: 'kube-vip-lint', interFileDependencies: true, workspaceDiagnostics: true });
      await indexed;
      const report = (await client.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as { items: { uri: string; kind: string; resultId: string; items: Diagnostic[] }[] };
      const byUri = new Map(report.items.map((i) => [i.uri, i]));
      assert.deepStrictEqual([...byUri.keys()].sort(), [ws.uri('kube-vip.yaml'), ws.uri('service.yaml')]);
      assert.deepStrictEqual(rules(byUri.get(ws.uri('kube-vip.yaml'))!), ['service-prefix:1']);
      // Asked again with the result ids: nothing changed.
      const again = (await client.connection.sendRequest('workspace/diagnostic', { previousResultIds: report.items.map((i) => ({ uri: i.uri, value: i.resultId })) })) as { items: { kind: string }[] };
      assert.deepStrictEqual(again.items.map((i) => i.kind), ['unchanged', 'unchanged']);
      assert.deepStrictEqual(client.published, []);
    });

    it('while typing, a pull waits for the edits to pause (the debounce); a pull the client cancels is answered "cancelled"', async () => {
      const client = new TestClient();
      cleanup.push(() => client.shutdown());
      await client.initialize({ debounceMs: 300 }, capabilities);
      const uri = 'file:///ws/typing.yaml';
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: DAEMONSET } });
      const pull = (token?: CancellationTokenSource) =>
        (token ? client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }, token.token) : client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as Promise<{ items: Diagnostic[] }>;
      assert.deepStrictEqual(rules(await pull()), ['vip-prefix-list:2']);
      // Two edits in a row, as typing sends them: the client cancels the first pull when the second edit comes.
      const fixed = DAEMONSET.replace('"128"', '"32,128"');
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: DAEMONSET.replace('"128"', '"32,12"') }] });
      const first = new CancellationTokenSource();
      const superseded = pull(first).then(() => 'answered', (e: { code?: number }) => e.code);
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: fixed }] });
      first.cancel();
      const started = Date.now();
      const last = await pull();
      assert.strictEqual(await superseded, -32800, 'the cancelled pull is answered RequestCancelled, not with an empty list');
      // A lower bound only (a slow machine makes it longer, never shorter): the server waited for the pause.
      assert.ok(Date.now() - started >= 250, `the pull after an edit waited for the pause (${Date.now() - started} ms)`);
      assert.deepStrictEqual(rules(last), []);
    });

    it('an open document is pulled with its cross-file findings; an edit elsewhere asks the client to refresh', async () => {
      const ws = folder({ 'kube-vip.yaml': DAEMONSET, 'service.yaml': service('192.168.1.50') });
      const { client, indexed } = await start(ws.root, { capabilities });
      cleanup.push(() => client.shutdown(), () => fs.rmSync(ws.root, { recursive: true }));
      let refreshed = 0;
      client.connection.onRequest('workspace/diagnostic/refresh', () => void refreshed++);
      await indexed;
      const kv = ws.uri('kube-vip.yaml');
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: kv, languageId: 'yaml', version: 1, text: DAEMONSET } });
      const pulled = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: kv } })) as { kind: string; items: Diagnostic[] };
      assert.strictEqual(pulled.kind, 'full');
      assert.deepStrictEqual(rules(pulled), ['service-prefix:1']);
      await client.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] });
      const before = refreshed;
      const svc = ws.uri('service.yaml');
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: svc, languageId: 'yaml', version: 1, text: service('fd00::50') } });
      for (let i = 0; i < 50 && refreshed === before; i++) await new Promise((r) => setTimeout(r, 20));
      assert.ok(refreshed > before, 'the client is asked to pull again');
      const again = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: kv } })) as { items: Diagnostic[] };
      assert.deepStrictEqual(rules(again), ['vip-prefix-list:2']);
    });
  });
});
