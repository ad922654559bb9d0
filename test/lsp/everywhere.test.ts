/** The server on the files where kube-vip is configured: kustomize versions from disk, markdown, Helm templates, not-checked. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { dualStack } from '../helpers';
import { TestClient } from './client';

const ROOT = path.resolve(__dirname, '..', '..', '..');

async function open(client: TestClient, uri: string, text: string, languageId = 'yaml'): Promise<Diagnostic[]> {
  const published = client.nextDiagnostics(uri);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  return (await published).diagnostics;
}

describe('language server and kustomization.yaml on disk', function () {
  this.timeout(20000);
  let dir: string;
  let client: TestClient;
  const text = dualStack('ghcr.io/kube-vip/kube-vip', [{ name: 'vip_cidr', raw: '"128"' }]);
  const kustomization = (tag: string) => `resources:\n  - daemonset.yaml\nimages:\n  - name: ghcr.io/kube-vip/kube-vip\n    newTag: ${tag}\n`;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kvl-lsp-kust-'));
    fs.writeFileSync(path.join(dir, 'daemonset.yaml'), text);
    fs.writeFileSync(path.join(dir, 'kustomization.yaml'), kustomization('v0.8.9'));
    client = new TestClient();
  });
  afterEach(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes the version from the images: newTag of the kustomization that lists the file, and follows changes to it', async () => {
    const registrations: { registrations: { method: string; registerOptions: unknown }[] }[] = [];
    client.connection.onRequest('client/registerCapability', (p: (typeof registrations)[number]) => void registrations.push(p));
    await client.initialize({}, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });
    const uri = pathToFileURL(path.join(dir, 'daemonset.yaml')).toString();
    const diagnostics = await open(client, uri, text);
    assert.deepStrictEqual(
      diagnostics.map((d) => [d.code, d.severity, d.range.start.line]),
      [['vip-prefix-list', 1, 27]],
    );
    assert.match(String(diagnostics[0].message), /^vip_cidr "128" has no IPv4 prefix: v0\.8\.9 panics on IPv4 Services\. Use "32,128"\.\n.*Checked as v0\.8\.9 \(from kustomization\.yaml\)\.$/s);

    // The server asked to hear about kustomization files changing.
    await new Promise((r) => setTimeout(r, 100));
    const watch = registrations.flatMap((r) => r.registrations).find((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.deepStrictEqual(watch?.registerOptions, {
      watchers: [{ globPattern: '**/kustomization.yaml' }, { globPattern: '**/kustomization.yml' }, { globPattern: '**/Kustomization' }, { globPattern: '**/.kube-vip-lint.yaml' }, { globPattern: '**/.kube-vip-lint.yml' }],
    });

    // The kustomization moves to v0.9.2: vip_cidr is now ignored rather than fatal.
    fs.writeFileSync(path.join(dir, 'kustomization.yaml'), kustomization('v0.9.2'));
    const republished = client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'env-var-version'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(dir, 'kustomization.yaml')).toString(), type: 2 }] });
    const after = (await republished).diagnostics;
    assert.deepStrictEqual(after.map((d) => d.code), ['env-var-version']);
    assert.match(String(after[0].message), /^vip_cidr is not read by v0\.9\.0\+: v0\.9\.2 ignores it\. Rename it to vip_subnet and change its value\.\n.*Checked as v0\.9\.2 \(from kustomization\.yaml\)\./s);
  });

  it('reads nothing from disk for documents that are not files (untitled), and the kustomization must list the file', async () => {
    await client.initialize();
    const untitled = await open(client, 'untitled:Untitled-1', text);
    assert.ok(untitled.every((d) => !/kustomization/.test(String(d.message))));
    assert.ok(untitled.some((d) => /v1\.2\.3 \(assumed/.test(String(d.message))), JSON.stringify(untitled.map((d) => d.message)));
    fs.writeFileSync(path.join(dir, 'other.yaml'), text);
    const other = await open(client, pathToFileURL(path.join(dir, 'other.yaml')).toString(), text);
    assert.ok(other.every((d) => !/kustomization/.test(String(d.message))));
  });
});

describe('language server on Helm templates, markdown and what it cannot check', function () {
  this.timeout(20000);
  let client: TestClient;
  beforeEach(() => (client = new TestClient()));
  afterEach(() => client.shutdown());

  it('lints a Helm template sent with the "helm" language id', async () => {
    await client.initialize();
    const text = dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_cidr', raw: '"128"' }]).replace(
      'spec:\n  selector',
      'spec:\n  {{- if .Values.selector }}\n  selector',
    ).replace('  template:\n', '  {{- end }}\n  template:\n');
    const diagnostics = await open(client, 'file:///chart/templates/daemonset.yaml', text, 'helm');
    assert.deepStrictEqual(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['vip-prefix-list', 29, 17]]);
  });

  it('lints the ```yaml fences of a markdown document, at their place in the .md file', async () => {
    await client.initialize();
    const manifest = dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_cidr', raw: '"128"' }]);
    const text = `# kube-vip\n\nInstall it:\n\n\`\`\`yaml\n${manifest}\`\`\`\n\nThen check \`vip_cidr\`.\n`;
    const diagnostics = await open(client, 'file:///docs/README.md', text, 'markdown');
    assert.deepStrictEqual(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]), [['vip-prefix-list', 32, 17, 22]]);
    assert.strictEqual(text.split('\n')[32].slice(17, 22), '"128"');
  });

  it('says what it could not check as an information diagnostic, with no quick fix to silence it line by line', async () => {
    await client.initialize();
    const uri = 'file:///roles/kube-vip/templates/kube-vip.yaml.j2';
    const text = dualStack('{{ kube_vip_image }}:{{ kube_vip_tag }}', [{ name: 'vip_subnet', raw: '"32"' }]);
    const diagnostics = await open(client, uri, text, 'ansible');
    const info = diagnostics.filter((d) => d.code === 'not-checked');
    assert.strictEqual(info.length, 1, JSON.stringify(diagnostics));
    assert.strictEqual(info[0].severity, 3);
    assert.strictEqual(info[0].range.start.line, 15, 'on the image');
    assert.deepStrictEqual(info[0].data, { messageId: 'templated-image' });
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: info[0].range,
      context: { diagnostics: info },
    });
    assert.deepStrictEqual(actions.filter((a) => /not-checked/.test(a.title)), []);
  });
});

describe('VS Code client languages', () => {
  it('activates on every language id it lints and on templated YAML by name (package.json activationEvents = the document selector)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { activationEvents: string[] };
    const source = fs.readFileSync(path.join(ROOT, 'client', 'src', 'extension.ts'), 'utf8');
    const languages = JSON.parse(/export const LANGUAGES = (\[[^\]]*\])/.exec(source)![1].replace(/'/g, '"')) as string[];
    assert.deepStrictEqual(languages, ['yaml', 'helm', 'ansible', 'jinja-yaml', 'markdown', 'json']);
    const templated = /export const TEMPLATED_YAML = '([^']*)'/.exec(source)![1];
    assert.deepStrictEqual(pkg.activationEvents, [...languages.map((l) => `onLanguage:${l}`), `workspaceContains:${templated}`]);
    assert.match(source, /\{ scheme: 'file', pattern: TEMPLATED_YAML \}/, 'templated YAML is selected by name');
  });
});
