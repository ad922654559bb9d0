import * as assert from 'assert';
import { explain, explanationMarkdown, explanationText, hoverAt, lintText } from '../../server/src/core';
import type { Explanation, ExplanationRow } from '../../server/src/core';
import { daemonSet, dualStack } from '../helpers';

const explainText = (text: string, index = 0): Explanation => explain(lintText(text).containers[index]);
const rowOf = (e: Explanation, name: string): ExplanationRow | undefined => e.rows.find((r) => r.name === name);
const covered = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

/** The same DaemonSet with `envFrom` before `env`. */
const withEnvFrom = (text: string) => text.replace('        env:\n', '        envFrom:\n        - configMapRef: {name: kube-vip-extra}\n        env:\n');
/** The same DaemonSet with other container args. */
const withArgs = (text: string, args: readonly string[]) => text.replace('args: ["manager"]', `args: [${args.map((a) => JSON.stringify(a)).join(', ')}]`);

describe('explain: the summary line', () => {
  it('the issue example: ARP on v0.8.9, "32,128", two entries ignored', () => {
    const text = dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [
      { name: 'vip_cidr', raw: '"32,128"' },
      { name: 'enable_upnp', raw: '"true"' },
      { name: 'MY_SETTING', raw: '"x"' },
    ]);
    assert.strictEqual(
      explainText(text).summary,
      'kube-vip v0.8.9 · ARP · control plane 192.168.0.40/32 · Services (IPv4 /32, IPv6 /128) · leader election 5/3/1 s · 2 ignored',
    );
  });

  it('v0.8.9 with vip_cidr "128": says what kube-vip applies, /128 on IPv4 VIPs too (the position decides the family)', () => {
    const text = dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_cidr', raw: '"128"' }]);
    assert.strictEqual(explainText(text).summary, 'kube-vip v0.8.9 · ARP · control plane 192.168.0.40/128 · Services (IPv4 /128, IPv6 /128) · leader election 5/3/1 s');
  });

  it('a dual-stack address: each control-plane address with the prefix of its family', () => {
    const text = daemonSet('ghcr.io/kube-vip/kube-vip:v0.8.9', [
      { name: 'vip_arp', raw: '"true"' },
      { name: 'cp_enable', raw: '"true"' },
      { name: 'address', raw: '"192.168.0.40,fd00::40"' },
      { name: 'vip_cidr', raw: '"32,128"' },
    ]);
    assert.strictEqual(explainText(text).summary, 'kube-vip v0.8.9 · ARP · control plane 192.168.0.40/32, fd00::40/128 · Services off · leader election 5/3/1 s');
  });

  it('BGP on v1.2.3: the list generated from the address, the new default timings when vip_leaderelection elects', () => {
    const text = daemonSet('ghcr.io/kube-vip/kube-vip:v1.2.3', [
      { name: 'bgp_enable', raw: '"true"' },
      { name: 'cp_enable', raw: '"true"' },
      { name: 'vip_leaderelection', raw: '"true"' },
      { name: 'address', raw: '10.0.0.5' },
    ]);
    assert.strictEqual(explainText(text).summary, 'kube-vip v1.2.3 · BGP · control plane 10.0.0.5/32 · Services off · leader election 15/10/2 s');
  });

  it('BGP on v0.8.9 without vip_arp advertises the whole list; no leader election without vip_leaderelection', () => {
    const text = daemonSet('ghcr.io/kube-vip/kube-vip:v0.8.9', [
      { name: 'bgp_enable', raw: '"true"' },
      { name: 'svc_enable', raw: '"true"' },
      { name: 'vip_cidr', raw: '"32,128"' },
    ]);
    assert.strictEqual(explainText(text).summary, 'kube-vip v0.8.9 · BGP · control plane off · Services (IPv4 /32,128, IPv6 /32,128)');
  });

  it('envFrom may switch a mode on: the mode, control plane and timings are unknown, not guessed', () => {
    const text = withEnvFrom(daemonSet('ghcr.io/kube-vip/kube-vip:v1.2.3', [{ name: 'address', raw: '192.168.0.40' }]));
    const e = explainText(text);
    assert.strictEqual(e.summary, 'kube-vip v1.2.3 · mode unknown · control plane ? · Services ?');
    assert.deepStrictEqual(rowOf(e, 'vip_arp'), { name: 'vip_arp', source: 'unknown', detail: 'envFrom may set it; else the default for v1.2.3', area: 'arp' });
    assert.strictEqual(rowOf(e, 'address')!.source, 'env');
  });

  it('no mode at all: "no mode"; an assumed version says so', () => {
    const text = daemonSet('ghcr.io/kube-vip/kube-vip:latest', [{ name: 'cp_enable', raw: '"true"' }, { name: 'address', raw: '192.168.0.40' }]);
    assert.strictEqual(explainText(text).summary, 'kube-vip v1.2.3 (assumed) · no mode · control plane 192.168.0.40/32 · Services off');
  });
});

describe('explain: rows', () => {
  it('set entries first, in manifest order, then the defaults of this version', () => {
    const text = dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_cidr', raw: '"32,128"' }]);
    const e = explainText(text);
    assert.deepStrictEqual(
      e.rows.slice(0, 6).map((r) => [r.name, r.value, r.source, r.detail]),
      [
        ['vip_arp', 'true', 'env', 'env'],
        ['cp_enable', 'true', 'env', 'env'],
        ['svc_enable', 'true', 'env', 'env'],
        ['address', '192.168.0.40', 'env', 'env'],
        ['vip_cidr', '32,128', 'env', 'env'],
        ['vip_loglevel', '4 (logrus info)', 'default', 'default for v0.8.9'],
      ],
    );
    assert.strictEqual(covered(text, e.rows[4].span!), 'vip_cidr');
    // Only what this version reads: vip_subnet's list form and enable_upnp came later.
    assert.strictEqual(rowOf(e, 'enable_upnp'), undefined);
    assert.strictEqual(rowOf(e, 'vip_subnet')!.value, 'unset (no suffix)');
  });

  it('defaults by version: the lease timings moved from 5/3/1 to 15/10/2 in v1.1.0-rc.0', () => {
    const at = (tag: string) => explainText(dualStack(`ghcr.io/kube-vip/kube-vip:${tag}`, []));
    const triple = (e: Explanation) => ['vip_leaseduration', 'vip_renewdeadline', 'vip_retryperiod'].map((n) => `${rowOf(e, n)!.value} (${rowOf(e, n)!.detail})`);
    assert.deepStrictEqual(triple(at('v1.0.4')), ['5 (default for v1.0.4)', '3 (default for v1.0.4)', '1 (default for v1.0.4)']);
    assert.deepStrictEqual(triple(at('v1.1.0')), ['15 (default for v1.1.0)', '10 (default for v1.1.0)', '2 (default for v1.1.0)']);
    assert.match(at('v1.1.0').summary, / · leader election 15\/10\/2 s$/);
  });

  it('valueFrom: the source and the field it reads', () => {
    const text = dualStack('ghcr.io/kube-vip/kube-vip:v1.2.3', [
      '        - name: vip_nodename\n          valueFrom:\n            fieldRef:\n              fieldPath: spec.nodeName',
      '        - name: bgp_peerpass\n          valueFrom:\n            secretKeyRef: {name: bgp, key: password}',
    ]);
    const e = explainText(text);
    assert.deepStrictEqual(rowOf(e, 'vip_nodename'), { name: 'vip_nodename', source: 'valueFrom', detail: 'from the Pod: spec.nodeName', area: 'leader-election', span: rowOf(e, 'vip_nodename')!.span });
    assert.strictEqual(covered(text, rowOf(e, 'vip_nodename')!.span!), 'vip_nodename');
    assert.strictEqual(rowOf(e, 'bgp_peerpass')!.detail, 'from Secret bgp, key password');
    assert.strictEqual(rowOf(e, 'bgp_peerpass')!.value, undefined);
  });

  it('a flag in the container args sets what the env leaves unset', () => {
    const text = withArgs(daemonSet('ghcr.io/kube-vip/kube-vip:v1.2.3', [{ name: 'vip_arp', raw: '"true"' }]), ['manager', '--leaseDuration=30', '--interface', 'eth1']);
    const e = explainText(text);
    assert.deepStrictEqual([rowOf(e, 'vip_leaseduration')!.value, rowOf(e, 'vip_leaseduration')!.source, rowOf(e, 'vip_leaseduration')!.detail], ['30', 'args', 'container args: --leaseDuration=30']);
    assert.deepStrictEqual([rowOf(e, 'vip_interface')!.value, rowOf(e, 'vip_interface')!.detail], ['eth1', 'container args: --interface']);
    // Args rows come after the env and before the defaults.
    assert.deepStrictEqual(e.rows.slice(0, 3).map((r) => r.source), ['env', 'args', 'args']);
  });

  it('a variable whose env value is not parsed keeps its default, and the row says why', () => {
    const text = daemonSet('ghcr.io/kube-vip/kube-vip:v1.2.3', [{ name: 'vip_arp', raw: '"true"' }, { name: 'svc_election', raw: '"true"' }]);
    const row = rowOf(explainText(text), 'svc_election')!;
    assert.deepStrictEqual([row.value, row.source, row.detail], ['false', 'default', 'default for v1.2.3 (the env value is ignored: read only when svc_enable is set)']);
  });
});

describe('explain: set but ignored', () => {
  it('a variable renamed at v0.9.0: replaced by vip_subnet', () => {
    const text = dualStack('ghcr.io/kube-vip/kube-vip:v0.9.0', [{ name: 'vip_cidr', raw: '"32,128"' }]);
    const e = explainText(text);
    assert.deepStrictEqual(
      e.ignored.map((i) => [i.name, i.kind, i.why, covered(text, i.span)]),
      [['vip_cidr', 'version', 'not read from v0.9.0 on: replaced by vip_subnet', 'vip_cidr']],
    );
    assert.strictEqual(rowOf(e, 'vip_cidr'), undefined);
    assert.match(e.summary, / · 1 ignored$/);
  });

  it('a shadowed duplicate: the earlier entry, with the value that wins', () => {
    const text = dualStack('ghcr.io/kube-vip/kube-vip:v1.2.3', [{ name: 'vip_arp', raw: '"false"' }]);
    const e = explainText(text);
    assert.deepStrictEqual(
      e.ignored.map((i) => [i.kind, i.why, i.span.start]),
      [['shadowed', 'a later vip_arp entry ("false") replaces it: Kubernetes passes the last one', text.indexOf('vip_arp')]],
    );
    assert.strictEqual(rowOf(e, 'vip_arp')!.value, 'false');
    assert.match(e.summary, /^kube-vip v1\.2\.3 · no mode · /);
  });

  it('not kube-vip (a known mistake, a flag name), not read yet, no effect; a variable the args use is not ignored', () => {
    const text = withArgs(
      dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [
        { name: 'debounce_time', raw: '"1s"' },
        { name: 'servicesElection', raw: '"true"' },
        { name: 'egress_clean', raw: '"true"' },
        { name: 'vip_startleader', raw: '"true"' },
        { name: 'POD_IP', raw: '"1.2.3.4"' },
      ]),
      ['manager', '--prometheusHTTPServer=$(POD_IP):2112'],
    );
    assert.deepStrictEqual(
      explainText(text).ignored.map((i) => `${i.name} [${i.kind}]: ${i.why}`),
      [
        'debounce_time [not-kube-vip]: not a kube-vip variable: `kube-vip manifest --debounceTime` writes it (v1.2.2+), but kube-vip never reads it from the environment. Only the --debounceTime arg and the config_file key take effect. Pass --debounceTime=<duration> in args.',
        'servicesElection [not-kube-vip]: not a kube-vip variable: the manager flag --servicesElection, whose variable is svc_election',
        'egress_clean [version]: not read by v0.8.9: kube-vip reads it from v1.0.0',
        'vip_startleader [no-effect]: no effect on v0.8.9: Only the `start` command (removed in v0.8.0) used it; `manager` parses it and ignores it.',
      ],
    );
  });

  it('v0.8.2–v0.8.4 stop reading after vip_routingtableid: the entries after it are ignored', () => {
    const text = daemonSet('ghcr.io/kube-vip/kube-vip:v0.8.3', [
      { name: 'vip_routingtable', raw: '"true"' },
      { name: 'vip_routingtableid', raw: '"200"' },
      { name: 'lb_enable', raw: '"true"' },
      { name: 'prometheus_server', raw: '":2113"' },
    ]);
    const e = explainText(text);
    assert.deepStrictEqual(
      e.ignored.map((i) => `${i.name} [${i.kind}]: ${i.why}`),
      [
        'lb_enable [not-parsed]: v0.8.2–v0.8.4 stop reading the env after a valid vip_routingtableid ("200")',
        'prometheus_server [not-parsed]: v0.8.2–v0.8.4 stop reading the env after a valid vip_routingtableid ("200")',
      ],
    );
    assert.strictEqual(rowOf(e, 'prometheus_server')!.value, '":2112"');
  });

  it('an svc_* variable without svc_enable is not parsed', () => {
    const text = daemonSet('ghcr.io/kube-vip/kube-vip:v1.2.3', [{ name: 'vip_arp', raw: '"true"' }, { name: 'svc_election', raw: '"true"' }]);
    assert.deepStrictEqual(
      explainText(text).ignored.map((i) => `${i.name} [${i.kind}]: ${i.why}`),
      ['svc_election [not-parsed]: read only when svc_enable is set'],
    );
  });
});

describe('explain: rendering', () => {
  const text = dualStack('ghcr.io/kube-vip/kube-vip:v0.9.0', [
    { name: 'vip_cidr', raw: '"32,128"' },
    '        - name: vip_nodename\n          valueFrom:\n            fieldRef:\n              fieldPath: spec.nodeName',
  ]);

  it('Markdown: the summary, a Setting | Value | From table with set values first, then what is ignored', () => {
    const md = explanationMarkdown(explainText(text));
    const lines = md.split('\n');
    assert.deepStrictEqual(lines.slice(0, 9), [
      '**kube-vip v0.9.0 · ARP · control plane 192.168.0.40/32 · Services (IPv4 /32, IPv6 /128) · leader election 5/3/1 s · 1 ignored**',
      '',
      '| Setting | Value | From |',
      '| --- | --- | --- |',
      '| `vip_arp` | `true` | env |',
      '| `cp_enable` | `true` | env |',
      '| `svc_enable` | `true` | env |',
      '| `address` | `192.168.0.40` | env |',
      '| `vip_nodename` | ? | from the Pod: spec.nodeName |',
    ]);
    assert.ok(lines.includes('| `vip_leaseduration` | 5 | default for v0.9.0 |'));
    assert.ok(lines.includes('| `svc_namespace` | unset (all namespaces) | default for v0.9.0 |'));
    assert.deepStrictEqual(lines.slice(-3), ['**Set but ignored**', '', '- `vip_cidr`: not read from v0.9.0 on: replaced by vip_subnet']);
  });

  it('Markdown cells stay cells: pipes and backticks in values are escaped', () => {
    const md = explanationMarkdown(explainText(dualStack('ghcr.io/kube-vip/kube-vip:v1.2.3', [{ name: 'vip_leasename', raw: '"a|b`c"' }])));
    assert.ok(md.split('\n').includes('| `vip_leasename` | a\\|b\\`c | env |'), md);
  });

  it('plain text: aligned columns, then what is ignored', () => {
    const lines = explanationText(explainText(text)).split('\n');
    assert.strictEqual(lines[0], 'kube-vip v0.9.0 · ARP · control plane 192.168.0.40/32 · Services (IPv4 /32, IPv6 /128) · leader election 5/3/1 s · 1 ignored');
    assert.match(lines[2], /^SETTING +VALUE +FROM$/);
    assert.match(lines[3], /^vip_arp +true +env$/);
    const column = lines[2].indexOf('VALUE');
    assert.strictEqual(lines[3].indexOf('true'), column);
    assert.deepStrictEqual(lines.slice(-2), ['Set but ignored:', '  vip_cidr: not read from v0.9.0 on: replaced by vip_subnet']);
  });
});

describe('hover on a kube-vip container', () => {
  const text = dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_cidr', raw: '"32,128"' }]);
  const summary = '**kube-vip v0.8.9 · ARP · control plane 192.168.0.40/32 · Services (IPv4 /32, IPv6 /128) · leader election 5/3/1 s**';

  it('on the image: the effective-configuration table, over the image value', () => {
    const h = hoverAt(lintText(text), text.indexOf('ghcr.io') + 3)!;
    assert.strictEqual(covered(text, h.span), 'ghcr.io/kube-vip/kube-vip:v0.8.9');
    assert.strictEqual(h.markdown.split('\n')[0], summary);
    assert.ok(h.markdown.includes('\n| Setting | Value | From |\n'));
    assert.ok(h.markdown.includes('\n| `vip_cidr` | `32,128` | env |\n'));
  });

  it('on the container name: the same table, over the name value', () => {
    const h = hoverAt(lintText(text), text.indexOf('- name: kube-vip') + 10)!;
    assert.strictEqual(covered(text, h.span), 'kube-vip');
    assert.strictEqual(h.markdown.split('\n')[0], summary);
  });

  it('env names keep their own hover; other containers get none', () => {
    assert.match(hoverAt(lintText(text), text.indexOf('vip_cidr') + 1)!.markdown, /^\*\*vip_cidr\*\*/);
    const other = text.replace('ghcr.io/kube-vip/kube-vip:v0.8.9', 'nginx:1.27');
    assert.strictEqual(hoverAt(lintText(other), other.indexOf('nginx') + 1), undefined);
  });
});
