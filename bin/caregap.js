#!/usr/bin/env node
// Thin launcher: the CLI is compiled TypeScript in dist/ (`make setup` builds it).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/pipeline/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('caregap: not built yet; run `make setup` first\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
