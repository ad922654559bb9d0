#!/usr/bin/env node
// Prints every message variant as a user reads it: the headline (with its length) and the detail, from
// the fixtures in test/fixtures/messages (one input per variant). Run after a build (`npx tsc -p .`).
// Usage: node scripts/messages.mjs [--long] [rule…]
//   --long  only the headlines over the limit
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const core = require(path.join(repo, 'out', 'server', 'src', 'core'));
const root = path.join(repo, 'test', 'fixtures', 'messages');
const args = process.argv.slice(2);
const long = args.includes('--long');
const only = args.filter((a) => a !== '--long');
const settingsOf = JSON.parse(fs.readFileSync(path.join(root, 'settings.json'), 'utf8'));

function inputs(rule, entry) {
  const id = entry.replace(/\.(yaml|md)$/, '');
  const settings = { ...(settingsOf[`${rule}/${id}`] ?? {}), ...(entry.endsWith('.md') && { format: 'markdown' }) };
  const full = path.join(root, rule, entry);
  if (!fs.statSync(full).isDirectory()) return [id, [{ uri: `file:///ws/${entry}`, text: fs.readFileSync(full, 'utf8'), settings }]];
  const files = fs.readdirSync(full, { recursive: true }).filter((f) => fs.statSync(path.join(full, f)).isFile()).sort();
  return [id, files.map((f) => ({ uri: `file:///ws/${f.split(path.sep).join('/')}`, text: fs.readFileSync(path.join(full, f), 'utf8'), settings }))];
}

let over = 0;
for (const rule of fs.readdirSync(root).filter((r) => fs.statSync(path.join(root, r)).isDirectory()).sort()) {
  if (only.length && !only.includes(rule)) continue;
  for (const entry of fs.readdirSync(path.join(root, rule)).sort()) {
    const [id, files] = inputs(rule, entry);
    const found = core.lintFiles(files).flatMap((r) => r.findings.filter((f) => f.rule === rule && f.messageId === id));
    if (!found.length) console.log(`${rule}/${id}: NOT PRODUCED by its fixture`);
    for (const f of found) {
      const isOver = f.message.length > core.HEADLINE_LIMIT;
      over += isOver ? 1 : 0;
      if (long && !isOver) continue;
      console.log(`${rule}/${id} [${f.severity}] (${f.message.length}${isOver ? ' > ' + core.HEADLINE_LIMIT : ''})\n  ${f.message}${f.detail ? `\n  · ${f.detail}` : ''}`);
    }
  }
}
console.log(`${over} headline(s) over ${core.HEADLINE_LIMIT} characters`);
