// Bundles the extension client, the language server and the CLI with esbuild into dist/.
import * as esbuild from 'esbuild';
import { chmodSync } from 'fs';

const production = process.argv.includes('--production');
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: !production, minify: production, logLevel: 'warning' };

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/node.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' }),
]);
for (const bin of ['dist/server.js', 'dist/cli.js']) chmodSync(bin, 0o755);
