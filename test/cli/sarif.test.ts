/** --format sarif (issue 10): valid against the official SARIF 2.1.0 schema kept in test/fixtures, with what code scanning shows. */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { daemonSet } from '../helpers';

// The official schema is written in JSON Schema draft-04, which ajv-draft-04 reads.
const Ajv = require('ajv-draft-04');
const addFormats = require('ajv-formats');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[];
  relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
  fixes?: { description: { text: string }; artifactChanges: { replacements: { deletedRegion: { startLine: number; startColumn: number; endColumn: number }; insertedContent: { text: string } }[] }[] }[];
  suppressions?: { kind: string }[];
}

describe('CLI --format sarif', function () {
  this.timeout(20000);
  let dir: string;
  let log: { version: string; runs: { tool: { driver: { name: string; rules: { id: string; shortDescription: { text: string }; helpUri: string; defaultConfiguration: { level: string } }[] } }; columnKind: string; results: SarifResult[] }[] };
  let kubeVip: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kvl-sarif-'));
    kubeVip = daemonSet('ghcr.io/kube-vip/kube-vip:v0.8.9', [
      { name: 'vip_arp', raw: '"true"' },
      { name: 'svc_enable', raw: '"true"' },
      { name: 'vip_cidr', raw: '"128"' },
      '        # kube-vip-lint-disable-next-line unknown-env-var',
      { name: 'vip_typo', raw: '"1"' },
    ]);
    fs.writeFileSync(path.join(dir, 'kube-vip.yaml'), kubeVip);
    fs.writeFileSync(path.join(dir, 'web.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  type: LoadBalancer\n  loadBalancerIP: 192.168.1.50\n');
    const r = spawnSync(CLI, ['--format', 'sarif', '.'], { cwd: dir, encoding: 'utf8', timeout: 20000 });
    assert.strictEqual(r.status, 1, r.stderr);
    log = JSON.parse(r.stdout);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is valid SARIF 2.1.0 (the official schema, test/fixtures/sarif-schema-2.1.0.json)', () => {
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8')));
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    assert.strictEqual(log.version, '2.1.0');
    assert.strictEqual(log.runs[0].columnKind, 'utf16CodeUnits');
  });

  it('lists every rule with its short description, help URI and default level', () => {
    const rules = log.runs[0].tool.driver.rules;
    const rule = rules.find((r) => r.id === 'service-prefix')!;
    assert.strictEqual(rule.defaultConfiguration.level, 'error');
    assert.match(rule.shortDescription.text, /IPv4 LoadBalancer Service/);
    assert.match(rule.helpUri, /^file:\/\/.*\/docs\/rules\/service-prefix\.md$/);
    assert.ok(fs.existsSync(new URL(rule.helpUri)), 'the help page exists');
    assert.ok(rules.some((r) => r.id === 'not-checked' && r.defaultConfiguration.level === 'note'));
  });

  it('a result has the exact region, its related location in the other file, and its fix', () => {
    const result = log.runs[0].results.find((r) => r.ruleId === 'service-prefix' && r.locations[0].physicalLocation.artifactLocation.uri === 'kube-vip.yaml')!;
    assert.strictEqual(result.level, 'error');
    assert.strictEqual(log.runs[0].tool.driver.rules[result.ruleIndex!].id, 'service-prefix');
    const region = result.locations[0].physicalLocation.region;
    const line = kubeVip.split('\n')[region.startLine - 1];
    assert.strictEqual(line.slice(region.startColumn - 1, region.endColumn - 1), '"128"');
    assert.deepStrictEqual(result.relatedLocations!.map((r) => [r.physicalLocation.artifactLocation.uri, r.physicalLocation.region.startLine]), [['web.yaml', 6]]);
    const [fix] = result.fixes!;
    assert.strictEqual(fix.description.text, 'Set vip_cidr to "32,128"');
    assert.deepStrictEqual(fix.artifactChanges[0].replacements.map((x) => x.insertedContent.text), ['32,128']);
  });

  it('a finding a disable comment silences is a result with an in-source suppression', () => {
    const suppressed = log.runs[0].results.filter((r) => r.suppressions);
    assert.deepStrictEqual(suppressed.map((r) => [r.ruleId, r.suppressions![0].kind]), [['unknown-env-var', 'inSource']]);
  });

  it('artifact URIs are URIs: a space in a relative path is %20, an absolute path is a file: URI', () => {
    fs.mkdirSync(path.join(dir, 'my app'));
    fs.writeFileSync(path.join(dir, 'my app', 'kube vip.yaml'), kubeVip);
    const relative = JSON.parse(spawnSync(CLI, ['--format', 'sarif', 'my app'], { cwd: dir, encoding: 'utf8', timeout: 20000 }).stdout);
    const uris = (l: typeof log) => [...new Set(l.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri))];
    assert.deepStrictEqual(uris(relative), ['my%20app/kube%20vip.yaml']);
    const absolute = JSON.parse(spawnSync(CLI, ['--format', 'sarif', path.join(dir, 'my app')], { cwd: os.tmpdir(), encoding: 'utf8', timeout: 20000 }).stdout);
    const [uri] = uris(absolute);
    assert.match(uri, /^file:\/\/\/.*\/my%20app\/kube%20vip\.yaml$/);
    assert.strictEqual(fs.readFileSync(new URL(uri), 'utf8'), kubeVip, 'the URI names the file');
  });
});
