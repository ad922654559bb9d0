#!/usr/bin/env node
/**
 * The upgrade round-trip property over a folder of manifests (default /work/shared/corpus/files) and the
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
const dirs = process.argv.slice(2).length ? process.argv.slice(2) : ['/work/shared/corpus/files', 'test/fixtures/messages'];
const files = [];
const walk = (p) => (fs.statSync(p).isDirectory() ? fs.readdirSync(p).forEach((e) => walk(path.join(p, e))) : /\.(ya?ml|j2|md)$/.test(p) && files.push(p));
dirs.forEach(walk);

const VERSION_RULES = new Set(['env-var-version', 'bgp-peers-format']);
const isVersionFinding = (f) => VERSION_RULES.has(f.rule) || (f.rule === 'vip-prefix-list' && (f.messageId === 'legacySuffix' || f.messageId === 'legacyList'));
const key = (f, text) => `${f.rule}:${f.messageId}:${text.slice(f.span.start, f.span.end)}`;
const stats = { files: 0, containers: 0, changed: 0, changes: {}, notCarried: 0, violations: [] };

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
  const had = new Set(before.findings.filter(isVersionFinding).map((f) => key(f, text)));
  const listed = new Set(plan.notCarried.map((n) => n.variable));
  for (const f of after.findings.filter(isVersionFinding)) {
    const subject = once.slice(f.span.start, f.span.end);
    const name = f.rule === 'env-var-version' ? subject.replace(/["']/g, '') : f.rule === 'bgp-peers-format' ? 'bgp_peers' : 'vip_subnet';
    if (had.has(key(f, once)) || listed.has(name)) continue;
    // A finding already there before the upgrade (same rule and variable) is not the upgrade's to fix.
    if (before.findings.some((b) => b.rule === f.rule && b.messageId === f.messageId)) continue;
    stats.violations.push(`${file}: ${f.rule} ${f.message}`);
  }
  // Effective config: containers pair up by position (the upgrade never adds or removes one).
  before.containers.forEach((c, i) => {
    const a = view(c);
    const b = after.containers[i] ? view(after.containers[i]) : {};
    const named = new Set([...plan.changes, ...plan.notCarried].map((x) => x.variable));
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (JSON.stringify(a[k]) === JSON.stringify(b[k])) continue;
      const variable = k.replace(/^env:/, '');
      if (named.has(variable) || (k === 'prefix' && (named.has('vip_cidr') || named.has('vip_subnet')))) continue;
      // A renamed variable shows up as one name gone and another come; the plan names the old one.
      if (plan.changes.some((x) => x.kind === 'rename' && x.what.endsWith(` ${variable}`))) continue;
      stats.violations.push(`${file}: ${k} ${JSON.stringify(a[k])} → ${JSON.stringify(b[k])} not in the plan`);
    }
  });
}
console.log(JSON.stringify({ ...stats, violations: stats.violations.length }, null, 2));
for (const v of stats.violations) console.log(`  ${v}`);
process.exitCode = stats.violations.length ? 1 : 0;
