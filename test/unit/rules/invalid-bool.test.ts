import * as assert from 'assert';
import { rule } from '../../../server/src/core/rules/invalid-bool';
import { checkRule, covered, daemonSet, fixed } from '../../helpers';
import type { EnvLine } from '../../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;
const run = (tag: string, env: readonly (EnvLine | string)[]) => {
  const text = daemonSet(img(tag), env);
  return { text, fs: checkRule(rule, text) };
};
const arp = (tag: string, extra: readonly EnvLine[]) => run(tag, [{ name: 'vip_arp', raw: '"true"' }, ...extra]);

describe('invalid-bool', () => {
  describe('a spelling ParseBool rejects', () => {
    it('"yes" on v1.2.3: error on the value, exit code 0, fix to "true" keeping double quotes', () => {
      const { text, fs } = run('v1.2.3', [{ name: 'vip_arp', raw: '"yes" # ARP' }]);
      assert.strictEqual(fs.length, 1);
      assert.strictEqual(fs[0].messageId, 'parseError');
      assert.strictEqual(fs[0].severity, 'error');
      assert.strictEqual(covered(text, fs[0]), '"yes"');
      assert.strictEqual(fs[0].message, 'vip_arp "yes" is not a Go boolean: v1.2.3 refuses to start (exit 0, restart loop). Use "true".');
      assert.strictEqual(
        fs[0].detail,
        'kube-vip parses booleans with Go\'s strconv.ParseBool, which rejects "yes". kube-vip v1.2.3 refuses to start: it logs "strconv.ParseBool: parsing "yes": invalid syntax" and exits with code 0 (v0.8.10–v1.2.3), so the Pod looks Completed and restarts in a loop.',
      );
      assert.strictEqual(fs[0].fixes[0].title, 'Set vip_arp to "true"');
      assert.strictEqual(fs[0].fixes[0].preferred, true);
      assert.strictEqual(fixed(text, fs[0]), text.replace('value: "yes" # ARP', 'value: "true" # ARP'));
    });
    it('exit-code boundary: v0.8.9 exits 1, v0.8.10 exits 0', () => {
      const [old] = run('v0.8.9', [{ name: 'cp_enable', raw: '"on"' }]).fs;
      assert.strictEqual(old.message, 'cp_enable "on" is not a Go boolean: v0.8.9 refuses to start. Use "true".');
      assert.match(old.detail!, /kube-vip v0\.8\.9 refuses to start: it logs "strconv\.ParseBool: parsing "on": invalid syntax" and exits with code 1\.$/);
      const [now] = run('v0.8.10', [{ name: 'cp_enable', raw: '"on"' }]).fs;
      assert.match(now.message, /: v0\.8\.10 refuses to start \(exit 0, restart loop\)\. Use "true"\.$/);
      assert.match(now.detail!, /kube-vip v0\.8\.10 refuses to start: .* exits with code 0 \(v0\.8\.10–v1\.2\.3\), so the Pod looks Completed/);
    });
    it('fixes by meaning, case-insensitive, keeping the quote style', () => {
      const cases: [string, string][] = [
        ["'on'", "'true'"],
        ['"Enabled"', '"true"'],
        ['"Y"', '"true"'],
        ['"No"', '"false"'],
        ["'OFF'", "'false'"],
        ['disabled', '"false"'], // a plain string becomes a quoted one: plain false would be a YAML boolean
        ['" true "', '"true"'],
      ];
      for (const [raw, want] of cases) {
        const { text, fs } = run('v1.2.3', [{ name: 'svc_enable', raw }]);
        assert.strictEqual(fixed(text, fs[0]), text.replace(`value: ${raw}`, `value: ${want}`), raw);
      }
    });
    it('an unclear value gets no fix', () => {
      const { fs } = run('v1.2.3', [{ name: 'bgp_enable', raw: '"maybe"' }]);
      assert.match(fs[0].message, /Use "true" or "false"\.$/);
      assert.deepStrictEqual(fs[0].fixes, []);
    });
    it('vip_loseleadership "30" (the v1.2.2+ generator bug): rename to the timeout variable', () => {
      const { text, fs } = run('v1.2.3', [{ name: 'vip_loseleadership', raw: '"30"' }]);
      assert.strictEqual(fs[0].message, 'vip_loseleadership "30" is not a Go boolean: v1.2.3 refuses to start. Rename it to vip_loseleadership_timeout_seconds.');
      assert.match(fs[0].detail!, /kube-vip manifest \(v1\.2\.2 and later\) writes the lose-leadership timeout under this name by mistake: the number belongs in vip_loseleadership_timeout_seconds\.$/);
      assert.strictEqual(fs[0].fixes[0].title, 'Rename to vip_loseleadership_timeout_seconds');
      assert.strictEqual(fixed(text, fs[0]), text.replace('name: vip_loseleadership', 'name: vip_loseleadership_timeout_seconds'));
      const taken = run('v1.2.3', [{ name: 'vip_loseleadership_timeout_seconds', raw: '"30"' }, { name: 'vip_loseleadership', raw: '"30"' }]);
      assert.deepStrictEqual(taken.fs[0].fixes, []);
      assert.match(taken.fs[0].message, /Move it to vip_loseleadership_timeout_seconds\.$/);
    });
    it('the generator\'s duplicate ("true" then "30") is left to duplicate-env-var', () => {
      assert.deepStrictEqual(run('v1.2.3', [{ name: 'vip_loseleadership', raw: '"true"' }, { name: 'vip_loseleadership', raw: '"30"' }]).fs, []);
    });
    it('only the effective (last) entry of a duplicated name is checked', () => {
      const { text, fs } = run('v1.2.3', [{ name: 'vip_arp', raw: '"yes"' }, { name: 'vip_arp', raw: '"on"' }]);
      assert.strictEqual(fs.length, 1);
      assert.strictEqual(covered(text, fs[0]), '"on"');
    });
  });

  describe('values this image never parses (audit H4)', () => {
    const cp = [{ name: 'vip_arp', raw: '"true"' }, { name: 'cp_enable', raw: '"true"' }, { name: 'address', raw: '192.168.0.40' }];
    it('audit H4: svc_election "yes" and lb_class_only "on" without svc_enable: info, no "refuses to start" now, fix kept', () => {
      const { text, fs } = run('v1.2.3', [...cp, { name: 'svc_election', raw: '"yes"' }, { name: 'lb_class_only', raw: '"on"' }]);
      assert.deepStrictEqual(fs.map((f) => [f.messageId, f.severity, covered(text, f)]), [
        ['notParsed', 'info', '"yes"'],
        ['notParsed', 'info', '"on"'],
      ]);
      assert.strictEqual(fs[0].message, 'svc_election "yes" is not a Go boolean: v1.2.3 refuses to start once svc_enable is set. Use "true".');
      assert.strictEqual(
        fs[0].detail,
        'v1.2.3 reads svc_election only when svc_enable is set, so this value is not parsed now; once svc_enable is set, strconv.ParseBool rejects it and kube-vip refuses to start.',
      );
      assert.doesNotMatch(`${fs[0].message} ${fs[0].detail}`, /exits with code|exit 0/);
      assert.strictEqual(fs[0].fixes[0].title, 'Set svc_election to "true"');
      assert.strictEqual(fixed(text, fs[0]), text.replace('"yes"', '"true"'));
    });
    it('audit H4: with svc_enable set (even "false") the value is parsed: error', () => {
      for (const svc of ['"true"', '"false"']) {
        const { fs } = run('v1.2.3', [...cp, { name: 'svc_enable', raw: svc }, { name: 'svc_election', raw: '"yes"' }]);
        assert.deepStrictEqual(fs.map((f) => [f.messageId, f.severity]), [['parseError', 'error']], svc);
      }
    });
    it('audit H4: v0.8.3 skips bgp_enable after a valid vip_routingtableid: info, not "refuses to start"', () => {
      const { text, fs } = run('v0.8.3', [{ name: 'vip_routingtable', raw: '"true"' }, { name: 'vip_routingtableid', raw: '"200"' }, { name: 'bgp_enable', raw: '"on"' }]);
      assert.deepStrictEqual(fs.map((f) => [f.messageId, f.severity, covered(text, f)]), [['notParsed', 'info', '"on"']]);
      assert.strictEqual(fs[0].message, 'bgp_enable "on" is not a Go boolean: v0.8.3 skips it, v0.8.5+ refuse to start. Use "true".');
      assert.match(fs[0].detail!, /^v0\.8\.3 \(v0\.8\.2–v0\.8\.4\) stops reading the environment at vip_routingtableid, so this value is not parsed now; from v0\.8\.5 strconv\.ParseBool rejects it/);
      assert.strictEqual(run('v0.8.5', [{ name: 'vip_routingtable', raw: '"true"' }, { name: 'vip_routingtableid', raw: '"200"' }, { name: 'bgp_enable', raw: '"on"' }]).fs[0].messageId, 'parseError');
    });
  });

  describe('not flagged', () => {
    it('every ParseBool spelling', () => {
      for (const v of ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']) {
        assert.deepStrictEqual(run('v1.2.3', [{ name: 'vip_arp', raw: `"${v}"` }]).fs, [], v);
      }
    });
    it('empty, unset, referenced, templated, unquoted (another rule) and non-boolean variables', () => {
      for (const raw of ['""', '', '"{{ .Values.arp }}"', 'yes']) assert.deepStrictEqual(run('v1.2.3', [{ name: 'vip_arp', raw }]).fs, [], raw);
      assert.deepStrictEqual(run('v1.2.3', ['        - name: vip_arp\n          valueFrom:\n            secretKeyRef: {name: s, key: k}']).fs, []);
      assert.deepStrictEqual(run('v1.2.3', [{ name: 'vip_interface', raw: '"yes"' }]).fs, []);
    });
    it('a variable the image does not read (env-var-version reports it)', () => {
      assert.deepStrictEqual(run('v1.2.2', [{ name: 'vip_skipdad', raw: '"yes"' }]).fs, []);
      assert.strictEqual(run('v1.2.3', [{ name: 'vip_skipdad', raw: '"yes"' }]).fs.length, 1);
    });
  });

  describe('enableUPNP (read up to v0.9.2): the parse error is ignored', () => {
    it('"yes" on v0.9.2: warning, UPnP silently off, fix "true"', () => {
      const { text, fs } = run('v0.9.2', [{ name: 'enableUPNP', raw: '"yes"' }]);
      assert.strictEqual(fs[0].severity, 'warning');
      assert.strictEqual(fs[0].message, 'enableUPNP "yes" is not a Go boolean: v0.9.2 ignores the error, so UPnP is silently off. Use "true".');
      assert.strictEqual(fs[0].detail, 'On v0.9.2 (v0.9.2 and earlier) kube-vip ignores the strconv.ParseBool error. Its successor enable_upnp (v1.0.0+) aborts start-up on such a value.');
      assert.strictEqual(fixed(text, fs[0]), text.replace('"yes"', '"true"'));
    });
    it('"no" is only info: off is what was meant', () => {
      assert.strictEqual(run('v0.9.2', [{ name: 'enableUPNP', raw: '"no"' }]).fs[0].severity, 'info');
    });
    it('valid spellings and v1.0.0 (no longer read) are not flagged', () => {
      assert.deepStrictEqual(run('v0.9.2', [{ name: 'enableUPNP', raw: '"true"' }]).fs, []);
      assert.deepStrictEqual(run('v1.0.0', [{ name: 'enableUPNP', raw: '"yes"' }]).fs, []);
    });
  });

  describe('EGRESS_CLEAN: any non-empty value cleans up in ARP mode up to v0.9.2', () => {
    it('audit M5: "false" on v0.9.2 ARP: warning; fixes remove the entry (preferred) or empty the value', () => {
      const { text, fs } = arp('v0.9.2', [{ name: 'EGRESS_CLEAN', raw: '"false"' }]);
      assert.strictEqual(fs[0].messageId, 'egressCleanAnyValue');
      assert.strictEqual(fs[0].severity, 'warning');
      assert.strictEqual(fs[0].message, 'EGRESS_CLEAN "false" turns the egress cleanup ON: v0.9.2 in ARP mode cleans up for any non-empty value. Remove it.');
      assert.match(fs[0].detail!, /^On v0\.9\.2 \(v0\.9\.2 and earlier\), in ARP mode, kube-vip cleans up egress rules whenever EGRESS_CLEAN is non-empty, so "false" turns the cleanup on\. Remove the entry, or set it to "" to keep the cleanup off\.$/);
      assert.deepStrictEqual(fs[0].fixes.map((f) => [f.title, f.preferred]), [['Remove EGRESS_CLEAN', true], ['Set EGRESS_CLEAN to "" (off on every version)', false]]);
      assert.strictEqual(fixed(text, fs[0]), text.replace('        - name: EGRESS_CLEAN\n          value: "false"\n', ''));
      assert.strictEqual(fixed(text, fs[0], 1), text.replace('value: "false"', 'value: ""'));
    });
    it('ARP enabled by the --arp flag counts too', () => {
      const text = daemonSet(img('v0.9.2'), [{ name: 'EGRESS_CLEAN', raw: '"false"' }]).replace('args: ["manager"]', 'args: ["manager", "--arp"]');
      assert.strictEqual(checkRule(rule, text).length, 1);
    });
    it('review: an ARP container that serves only the control plane returns before it reads EGRESS_CLEAN', () => {
      const cpOnly = [{ name: 'vip_arp', raw: '"true"' }, { name: 'cp_enable', raw: '"true"' }, { name: 'svc_enable', raw: '"false"' }, { name: 'EGRESS_CLEAN', raw: '"false"' }];
      assert.deepStrictEqual(run('v0.9.2', cpOnly).fs, []);
      const withServices = cpOnly.map((e) => (e.name === 'svc_enable' ? { ...e, raw: '"true"' } : e));
      assert.deepStrictEqual(run('v0.9.2', withServices).fs.map((f) => f.messageId), ['egressCleanAnyValue']);
    });
    it('audit M5: WireGuard mode never reads EGRESS_CLEAN before v1.0.0', () => {
      assert.deepStrictEqual(run('v0.6.0', [{ name: 'vip_wireguard', raw: '"true"' }, { name: 'EGRESS_CLEAN', raw: '"no"' }]).fs, []);
      assert.deepStrictEqual(run('v0.9.2', [{ name: 'vip_wireguard', raw: '"true"' }, { name: 'svc_enable', raw: '"true"' }, { name: 'EGRESS_CLEAN', raw: '"false"' }]).fs, []);
    });
    it('audit M5: ARP loses to BGP before v1.0.0, so startARP never runs', () => {
      assert.deepStrictEqual(run('v0.9.2', [{ name: 'vip_arp', raw: '"true"' }, { name: 'bgp_enable', raw: '"true"' }, { name: 'EGRESS_CLEAN', raw: '"false"' }]).fs, []);
    });
    it('audit M5: routing-table mode v0.8.5–v0.9.2 parses it with ParseBool: "false" is off, a bad spelling is logged and skips the cleanup', () => {
      const table = (tag: string, raw: string) => run(tag, [{ name: 'vip_routingtable', raw: '"true"' }, { name: 'EGRESS_CLEAN', raw }]);
      assert.deepStrictEqual(table('v0.9.2', '"false"').fs, []);
      const { text, fs } = table('v0.8.5', '"yes"');
      assert.deepStrictEqual(fs.map((f) => [f.messageId, f.severity]), [['egressCleanTableSkipped', 'warning']]);
      assert.strictEqual(fs[0].message, 'EGRESS_CLEAN "yes" is not a Go boolean: v0.8.5 in table mode logs it and skips the egress cleanup. Use "true".');
      assert.match(fs[0].detail!, /^On v0\.8\.5 \(v0\.8\.5–v0\.9\.2\), in routing-table mode, kube-vip parses it with strconv\.ParseBool, logs that it cannot parse "yes" and skips the egress cleanup\. From v1\.0\.0 it is a strict boolean and "yes" aborts start-up\.$/);
      assert.strictEqual(fixed(text, fs[0]), text.replace('"yes"', '"true"'));
      assert.deepStrictEqual(table('v0.8.4', '"yes"').fs, []);
    });
    it('"yes" on v0.9.2: works by accident, fix "true"', () => {
      const { text, fs } = arp('v0.9.2', [{ name: 'EGRESS_CLEAN', raw: '"yes"' }]);
      assert.strictEqual(fs[0].severity, 'warning');
      assert.strictEqual(fs[0].message, 'EGRESS_CLEAN "yes" is not a Go boolean: v0.9.2 cleans up anyway (ARP mode); v1.0.0+ refuse to start. Use "true".');
      assert.match(fs[0].detail!, /works only because any value does; from v1\.0\.0 it is a strict boolean and "yes" aborts start-up/);
      assert.strictEqual(fixed(text, fs[0]), text.replace('"yes"', '"true"'));
    });
    it('"true" on v0.9.2 and other modes are not flagged', () => {
      assert.deepStrictEqual(arp('v0.9.2', [{ name: 'EGRESS_CLEAN', raw: '"true"' }]).fs, []);
      assert.deepStrictEqual(run('v0.9.2', [{ name: 'bgp_enable', raw: '"true"' }, { name: 'EGRESS_CLEAN', raw: '"false"' }]).fs, []);
    });
    it('v1.0.0: a strict boolean ("false" is fine, "yes" aborts)', () => {
      assert.deepStrictEqual(arp('v1.0.0', [{ name: 'EGRESS_CLEAN', raw: '"false"' }]).fs, []);
      const { fs } = arp('v1.0.0', [{ name: 'EGRESS_CLEAN', raw: '"yes"' }]);
      assert.strictEqual(fs[0].severity, 'error');
      assert.match(fs[0].message, /refuses to start \(exit 0, restart loop\)\. Use "true"\.$/);
      assert.match(fs[0].detail!, /refuses to start: .* exits with code 0/);
    });
    it('v1.0.0: not read when egress_clean is set', () => {
      assert.deepStrictEqual(arp('v1.0.0', [{ name: 'egress_clean', raw: '"true"' }, { name: 'EGRESS_CLEAN', raw: '"yes"' }]).fs, []);
    });
  });

  describe('enable_service_security: only the exact "true" worked on v0.6.0–v0.9.2', () => {
    it('"True" on v0.9.2: warning, fix "true"', () => {
      const { text, fs } = run('v0.9.2', [{ name: 'enable_service_security', raw: "'True'" }]);
      assert.strictEqual(fs[0].severity, 'warning');
      assert.strictEqual(fs[0].message, 'enable_service_security "True" is not the exact "true": v0.9.2 silently leaves service security off. Use "true".');
      assert.match(fs[0].detail!, /^On v0\.9\.2 \(v0\.6\.0–v0\.9\.2\) kube-vip parses it, but applies the service security rules only for the exact string "true", so "True" leaves them off\.$/);
      assert.strictEqual(fixed(text, fs[0]), text.replace("'True'", "'true'"));
    });
    it('"1" on v0.6.0 is flagged; v1.0.0 accepts "True"', () => {
      assert.strictEqual(run('v0.6.0', [{ name: 'enable_service_security', raw: '"1"' }]).fs[0].severity, 'warning');
      assert.deepStrictEqual(run('v1.0.0', [{ name: 'enable_service_security', raw: '"True"' }]).fs, []);
    });
    it('"false" spellings and the exact "true" are fine; "yes" is a parse error', () => {
      assert.deepStrictEqual(run('v0.9.2', [{ name: 'enable_service_security', raw: '"0"' }]).fs, []);
      assert.deepStrictEqual(run('v0.9.2', [{ name: 'enable_service_security', raw: '"true"' }]).fs, []);
      assert.strictEqual(run('v0.9.2', [{ name: 'enable_service_security', raw: '"yes"' }]).fs[0].severity, 'error');
    });
  });
});
