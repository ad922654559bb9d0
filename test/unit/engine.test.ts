import * as assert from 'assert';
import { analyze } from '../../server/src/core';
import { defineRule } from '../../server/src/core/rules/rule';
import type { RuleRequirements } from '../../server/src/core/rules/rule';
import { daemonSet } from '../helpers';

/** A rule that reports every container it is run on, with the given requirements. */
const probe = (requires?: RuleRequirements) =>
  defineRule({
    id: 'probe',
    defaultSeverity: 'info',
    description: 'reports every container it runs on',
    messages: { ran: 'ran' },
    requires,
    check: ({ container }) => [{ messageId: 'ran', span: container.imageSpan, message: 'ran' }],
  });
const runs = (requires: RuleRequirements | undefined, text: string) => analyze(text, {}, [probe(requires)]).findings.length === 1;

describe('engine: rule requirements are checked by the engine', () => {
  const plain = daemonSet('ghcr.io/kube-vip/kube-vip:v1.2.3', [{ name: 'vip_arp', raw: '"true"' }]);
  const old = daemonSet('ghcr.io/kube-vip/kube-vip:v0.4.1', [{ name: 'vip_arp', raw: '"true"' }]);
  const conditional = daemonSet('ghcr.io/kube-vip/kube-vip:v1.2.3', ['        {{- if .Values.arp }}', { name: 'vip_arp', raw: '"true"' }, '        {{- end }}']);
  it('researchedVersion: not on images older than the researched facts', () => {
    assert.ok(runs({ researchedVersion: true }, plain));
    assert.ok(!runs({ researchedVersion: true }, old));
    assert.ok(runs(undefined, old));
  });
  it('wholeEnv: not where template conditionals may hide entries', () => {
    assert.ok(runs({ wholeEnv: true }, plain));
    assert.ok(!runs({ wholeEnv: true }, conditional));
    assert.ok(runs(undefined, conditional));
  });
});
