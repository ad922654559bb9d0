#!/usr/bin/env node
/**
 * The upgrade round-trip property over a folder of manifests (default ../shared/corpus/files, beside the repository) and the
 * message fixtures: upgrade to v1.2.3, then lint at v1.2.3. Counts: files, containers, changes; and the
 * violations: a version finding (env-var-version, vip-prefix-list legacy forms, bgp-peers-format) on a
 * variable the upgrade neither fixed nor listed as not carried over; upgrading twice differing from once;
 * an effective setting (configOf, effective integers) that changed without the plan naming it.
 * Run after the build: node scripts/upgrade-roundtrip.mjs [dir...]
 */
import * as fs from 'fs';
import * as path from 'path';
import { createRequire } from 'module';
const require = createRequire(import.meta.url);
const core = require('../out/server/src/core');
const { configOf } = require('../out/server/src/core/config');
const { effectiveInt, literalValue } = require('../out/server/src/core/env');
const { v } = require('../out/server/src/core/version');

const TO = v('v1.2.3');
const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dirs = process.argv.slice(2).length ? process.argv.slice(2) : [path.join(repo, '..', 'shared', 'corpus', 'files'), path.join(repo, 'test', 'fixtures', 'messages')];
for (const dir of dirs) if (!fs.existsSync(dir)) console.error(`upgrade-roundtrip: ${dir} does not exist, skipped`);
const files = [];
const walk = (p) => (fs.statSync(p).isDirectory() ? fs.readdirSync(p).forEach((e) => walk(path.join(p, e))) : /\.(ya?ml|j2|md)$/.test(p) && files.push(p));
dirs.filter((dir) => fs.existsSync(dir)).forEach(walk);

const VERSION_RULES = new Set(['env-var-version', 'bgp-peers-format']);
const isVersionFinding = (f) => VERSION_RULES.has(f.rule) || (f.rule === 'vip-prefix-list' && (f.messageId === 'legacySuffix' || f.messageId === 'legacyList'));
const MODE_VARS = ['vip_arp', 'bgp_enable', 'vip_routingtable', 'vip_wireguard'];
const stats = { files: 0, containers: 0, changed: 0, changes: {}, notCarried: 0, violations: [] };

/**
 * What a finding is about: its container (by position: the upgrade never adds or removes one) and the env
 * variable whose entry holds its span. Message ids differ by version (bgp_peers "port ignored" vs "refused"),
 * so "the same finding before and after" is the same rule on the same variable of the same container.
 */
function subjectOf(analysis, text, f) {
  const inside = (s) => s && s.start <= f.span.start && f.span.end <= s.end;
  for (const [container, c] of analysis.containers.entries()) {
    const entry = c.env.find((e) => inside(e.itemSpan) || inside(e.nameSpan) || inside(e.valueSpan));
    if (entry) return { container, variable: entry.name };
  }
  const container = Math.max(0, analysis.containers.findIndex((c) => c.documentOffset <= f.span.start));
  return { container, variable: f.rule === 'env-var-version' ? text.slice(f.span.start, f.span.end).replace(/["']/g, '') : f.rule === 'bgp-peers-format' ? 'bgp_peers' : 'vip_subnet' };
}
const sameSubject = (a, b) => a.container === b.container && a.variable === b.variable;

/** The effective view compared before/after: mode, switches, prefix list, and each integer/literal the catalog knows. */
function view(container) {
  const c = configOf(container);
  const out = { mode: c.mode, controlPlane: c.controlPlane, services: c.services, election: c.leaderElectionType, prefix: c.prefixList.source === 'none' ? 'none' : c.prefixList.value ?? c.prefixList.source };
  for (const name of ['vip_leaseduration', 'vip_renewdeadline', 'vip_retryperiod']) out[name] = effectiveInt(container, name)?.value;
  for (const name of container.envByName.keys()) out[`env:${name}`] = literalValue(container, name);
  return out;
}

for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const before = core.lintText(text);
  if (!before.containers.length) continue;
  stats.files++;
  stats.containers += before.containers.length;
  const plan = core.planUpgrade(text, before, TO);
  const once = core.applyUpgrade(text, plan);
  if (once !== text) stats.changed++;
  for (const c of plan.changes) stats.changes[c.kind] = (stats.changes[c.kind] ?? 0) + 1;
  stats.notCarried += plan.notCarried.length;
  const after = core.lintText(once);
  const twice = core.applyUpgrade(once, core.planUpgrade(once, after, TO));
  if (twice !== once) stats.violations.push(`${file}: upgrading twice differs from once`);
  const had = before.findings.filter(isVersionFinding).map((f) => ({ rule: f.rule, ...subjectOf(before, text, f) }));
  for (const f of after.findings.filter(isVersionFinding)) {
    const subject = subjectOf(after, once, f);
    const notCarried = plan.containers[subject.container]?.notCarried ?? [];
    // Where the tag is written elsewhere (Helm image.tag, a kustomization), the file still runs the old
    // version after the upgrade: its findings at that version are what the plan says it leaves to the tag.
    const tagElsewhere = notCarried.some((n) => n.variable === 'image' && n.what.startsWith('edits for '));
    const listed = tagElsewhere || notCarried.some((n) => n.variable === subject.variable);
    // Already there before the upgrade (same rule, same variable, same container): not the upgrade's to fix.
    if (listed || had.some((h) => h.rule === f.rule && sameSubject(h, subject))) continue;
    stats.violations.push(`${file}: ${f.rule} ${f.message}`);
  }
  // Effective config: containers pair up by position (the upgrade never adds or removes one).
  before.containers.forEach((c, i) => {
    const a = view(c);
    const b = after.containers[i] ? view(after.containers[i]) : {};
    const own = plan.containers[i];
    const named = new Set([...own.changes, ...own.notCarried].map((x) => x.variable));
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (JSON.stringify(a[k]) === JSON.stringify(b[k])) continue;
      const variable = k.replace(/^env:/, '');
      if (named.has(variable) || (k === 'prefix' && (named.has('vip_cidr') || named.has('vip_subnet')))) continue;
      if (k === 'mode' && (named.has('mode') || MODE_VARS.some((m) => named.has(m)))) continue;
      // A renamed variable shows up as one name gone and another come; the plan names the old one.
      if (own.changes.some((x) => x.kind === 'rename' && x.what.endsWith(` ${variable}`))) continue;
      stats.violations.push(`${file}: ${k} ${JSON.stringify(a[k])} → ${JSON.stringify(b[k])} not in the plan`);
    }
  });
}
console.log(JSON.stringify({ ...stats, violations: stats.violations.length }, null, 2));
for (const v of stats.violations) console.log(`  ${v}`);
process.exitCode = stats.violations.length ? 1 : 0;
