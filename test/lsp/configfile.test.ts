/** One verdict everywhere (issue 10): the server reads the same .kube-vip-lint.yaml as the CLI, with the editor's settings on top. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { dualStack } from '../helpers';
import { TestClient } from './client';

const TEXT = dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_cidr', raw: '"128"' }]);
const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.code}:${d.severity}`).sort();

describe('LSP: .kube-vip-lint.yaml', function () {
  this.timeout(20000);
  let root: string;
  let client: TestClient;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kvl-config-'));
    fs.mkdirSync(path.join(root, 'team', 'apps'), { recursive: true });
  });
  afterEach(async () => {
    await client?.shutdown();
    fs.rmSync(root, { recursive: true, force: true });
  });

  async function open(settings: Record<string, unknown> = {}): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    client = new TestClient();
    await client.initialize({ debounceMs: 0, settings }, {});
    const uri = pathToFileURL(path.join(root, 'team', 'apps', 'kube-vip.yaml')).toString();
    const published = client.nextDiagnostics(uri);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: TEXT } });
    return { uri, diagnostics: (await published).diagnostics };
  }

  it('the file found upward from the document applies, as in the CLI', async () => {
    fs.writeFileSync(path.join(root, 'team', '.kube-vip-lint.yaml'), 'rules:\n  vip-prefix-list: off\n');
    assert.deepStrictEqual(codes((await open()).diagnostics), []);
  });

  it('editor settings layer on top, rule by rule', async () => {
    fs.writeFileSync(path.join(root, 'team', '.kube-vip-lint.yaml'), 'rules:\n  vip-prefix-list: off\n');
    assert.deepStrictEqual(codes((await open({ rules: { 'vip-prefix-list': 'warning' } })).diagnostics), ['vip-prefix-list:2']);
  });

  it('review: editor defaults (as VS Code sends them) do not override the file; a chosen editor value does', async () => {
    fs.writeFileSync(path.join(root, 'team', '.kube-vip-lint.yaml'), 'reportUnusedDisableDirectives: false\nmaxFileSize: 100\n');
    // maxFileSize 100 in the file: the document is over it and skipped, though the editor sends its default 5 MB.
    assert.deepStrictEqual(codes((await open({ maxFileSize: 5242880, reportUnusedDisableDirectives: true })).diagnostics), ['file-too-large:3']);
    await client.shutdown();
    assert.deepStrictEqual(codes((await open({ maxFileSize: 1000000 })).diagnostics), ['vip-prefix-list:1']);
  });

  it('a change to the file re-lints open documents', async () => {
    const config = path.join(root, 'team', '.kube-vip-lint.yaml');
    fs.writeFileSync(config, 'rules:\n  vip-prefix-list: off\n');
    const { uri, diagnostics } = await open();
    assert.deepStrictEqual(codes(diagnostics), []);
    fs.writeFileSync(config, 'rules:\n  vip-prefix-list: info\n');
    const again = client.nextDiagnostics(uri, (p) => p.diagnostics.length > 0);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(config).toString(), type: 2 }] });
    assert.deepStrictEqual(codes((await again).diagnostics), ['vip-prefix-list:3']);
  });

  it('an invalid file is ignored and said once in the log', async () => {
    fs.writeFileSync(path.join(root, 'team', '.kube-vip-lint.yaml'), 'rules:\n  no-such-rule: off\n');
    assert.deepStrictEqual(codes((await open()).diagnostics), ['vip-prefix-list:1']);
    assert.strictEqual(client.logs.filter((l) => /\.kube-vip-lint\.yaml is not used: unknown rule "no-such-rule"/.test(l)).length, 1);
  });

  it('an invalid file is said once as a warning the user sees, with "Open File", which opens it', async () => {
    const config = path.join(root, 'team', '.kube-vip-lint.yaml');
    fs.writeFileSync(config, 'rules:\n  no-such-rule: off\n');
    client = new TestClient();
    const shown: { type: number; message: string; actions?: { title: string }[] }[] = [];
    client.connection.onRequest('window/showMessageRequest', (p: { type: number; message: string; actions?: { title: string }[] }) => {
      shown.push(p);
      return { title: 'Open File' };
    });
    const opened = new Promise<{ uri: string }>((resolve) => client.connection.onRequest('window/showDocument', (p: { uri: string }) => (resolve(p), { success: true })));
    await client.initialize({ debounceMs: 0 }, { window: { showDocument: { support: true } } });
    for (const name of ['a', 'b']) {
      const uri = pathToFileURL(path.join(root, 'team', 'apps', `${name}.yaml`)).toString();
      const published = client.nextDiagnostics(uri);
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: TEXT } });
      assert.deepStrictEqual(codes((await published).diagnostics), ['vip-prefix-list:1']);
    }
    assert.strictEqual((await opened).uri, pathToFileURL(config).toString());
    assert.strictEqual(shown.length, 1, JSON.stringify(shown));
    assert.strictEqual(shown[0].type, 2);
    assert.strictEqual(shown[0].message, 'kube-vip-lint: .kube-vip-lint.yaml is not used, so its folder is checked with the editor\'s settings only: unknown rule "no-such-rule".');
    assert.deepStrictEqual(shown[0].actions, [{ title: 'Open File' }]);
  });
});

describe('LSP: disable comments (issue 10)', function () {
  this.timeout(20000);
  it('the editor reports unused directives by default, and not with kubeVipLint.reportUnusedDisableDirectives false', async () => {
    const text = dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_cidr', raw: '"32,128" # kube-vip-lint-disable-line vip-prefix-list' }]);
    for (const [settings, expected] of [[{}, ['disable-directive:2']], [{ reportUnusedDisableDirectives: false }, []]] as const) {
      const client = new TestClient();
      try {
        await client.initialize({ debounceMs: 0, settings }, {});
        const uri = 'file:///ws/directives.yaml';
        const published = client.nextDiagnostics(uri);
        await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
        assert.deepStrictEqual(codes((await published).diagnostics), expected);
      } finally {
        await client.shutdown();
      }
    }
  });
});

describe('LSP: invalid settings (issue 10)', function () {
  this.timeout(20000);
  it('are shown once as a warning with "Open Settings", not once per document; choosing it asks the client to open the settings', async () => {
    const client = new TestClient();
    const shown: { type: number; message: string; actions?: { title: string }[] }[] = [];
    client.connection.onRequest('window/showMessageRequest', (p: { type: number; message: string; actions?: { title: string }[] }) => {
      shown.push(p);
      return { title: 'Open Settings' };
    });
    const opened = new Promise((resolve) => client.connection.onNotification('kubeVipLint/openSettings', resolve));
    client.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ kubeVipVersion: 'latest', rules: { 'no-such-rule': 'off' } })));
    try {
      await client.initialize({ debounceMs: 0 }, { workspace: { configuration: true } });
      const text = dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_cidr', raw: '"128"' }]);
      for (const name of ['a', 'b', 'c']) {
        const uri = `file:///ws/${name}.yaml`;
        const published = client.nextDiagnostics(uri);
        await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
        await published;
      }
      await opened;
      assert.strictEqual(shown.length, 1, JSON.stringify(shown));
      assert.strictEqual(shown[0].type, 2);
      assert.match(shown[0].message, /invalid setting, ignored: kubeVipVersion "latest" is not a version such as v0\.8\.9; unknown rule "no-such-rule"/);
      assert.deepStrictEqual(shown[0].actions, [{ title: 'Open Settings' }]);
    } finally {
      await client.shutdown();
    }
  });
});

describe('LSP: the status of a file (issue 10)', function () {
  this.timeout(20000);
  it('says what each open file was checked as: versions and their source, or why nothing was checked', async () => {
    const client = new TestClient();
    const statuses: { uri: string; state: string; configurations: number; versions: string[]; at: string }[] = [];
    client.connection.onNotification('kubeVipLint/status', (p: (typeof statuses)[number]) => void statuses.push(p));
    try {
      await client.initialize({ debounceMs: 0, settings: { maxFileSize: 20000 } }, {});
      const files: Record<string, string> = {
        'file:///ws/tagged.yaml': dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', []),
        'file:///ws/latest.yaml': dualStack('ghcr.io/kube-vip/kube-vip:latest', []),
        'file:///ws/other.yaml': 'kind: ConfigMap\nmetadata: {name: x}\n',
        'file:///ws/huge.yaml': `# kube-vip\n${'x: y\n'.repeat(5000)}`,
      };
      for (const [uri, text] of Object.entries(files)) {
        const published = client.nextDiagnostics(uri);
        await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
        await published;
      }
      const by = (uri: string) => statuses.find((s) => s.uri === uri)!;
      assert.deepStrictEqual([by('file:///ws/tagged.yaml').state, by('file:///ws/tagged.yaml').configurations, by('file:///ws/tagged.yaml').versions], ['linted', 1, ['v0.8.9 (image tag)']]);
      assert.deepStrictEqual(by('file:///ws/latest.yaml').versions, ['v1.2.3 (assumed: no version in the image)']);
      assert.strictEqual(by('file:///ws/other.yaml').state, 'no-configuration');
      assert.strictEqual(by('file:///ws/huge.yaml').state, 'too-large');
      assert.match(by('file:///ws/tagged.yaml').at, /^\d\d:\d\d:\d\d$/);
    } finally {
      await client.shutdown();
    }
  });
});
