import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const CORE = path.resolve(__dirname, '..', '..', '..', 'server', 'src', 'core');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('architecture', () => {
  it('the core imports only itself, yaml and ipaddr.js: no LSP, no file system, no VS Code, no clock', () => {
    const offenders: string[] = [];
    for (const file of sources(CORE)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/^import [^;]*? from '([^']+)';/gm)) {
        if (!m[1].startsWith('.') && m[1] !== 'yaml' && m[1] !== 'ipaddr.js') offenders.push(`${path.relative(CORE, file)}: ${m[1]}`);
      }
      if (/\b(require\(|process\.(env|argv|cwd)|Date\.now|new Date\(\)|performance\.now)/.test(text)) offenders.push(`${path.relative(CORE, file)}: uses require/process/clock`);
    }
    assert.deepStrictEqual(offenders, []);
  });
  it('positions live in a leaf module, and the result types depend on nothing but it', () => {
    const imports = (file: string) => [...fs.readFileSync(path.join(CORE, file), 'utf8').matchAll(/^import [^;]*? from '([^']+)';/gm)].map((m) => m[1]);
    assert.deepStrictEqual(imports('span.ts'), []);
    assert.deepStrictEqual(imports('types.ts'), ['./span']);
  });
  it('rules read the model, never YAML nodes: no parse helpers, no container.document', () => {
    const offenders: string[] = [];
    for (const file of sources(path.join(CORE, 'rules'))) {
      const text = fs.readFileSync(file, 'utf8');
      if (/from '\.\.\/parse'|\.document\b|\.documentOffset\b/.test(text)) offenders.push(path.basename(file));
    }
    assert.deepStrictEqual(offenders, []);
  });
});
