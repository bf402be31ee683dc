import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

/** `npm run bench -- NAME [options]`: runs bench/NAME.bench.ts with its options; without a name, lists them. */
const benches = readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace(/\.bench\.ts$/, ''));
const [name, ...options] = process.argv.slice(2);
if (!name || !benches.includes(name)) {
  process.stdout.write(`usage: npm run -s bench -- NAME [options]\nbenchmarks: ${benches.join(', ')}\n`);
  process.exit(name ? 2 : 0);
}
const file = resolve(__dirname, `${name}.bench.ts`);
if (!existsSync(file)) process.exit(2);
const run = spawnSync(process.execPath, ['-r', '@swc-node/register', file, ...options], { stdio: 'inherit' });
process.exit(run.status ?? 1);
