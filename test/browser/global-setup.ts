import { execFileSync } from 'node:child_process';
import { ROOT } from '../../scripts/stack';
import integrationSetup from '../integration/global-setup';

/** The browser tests drive the pages the API serves: build them, then bring up the integration stack. */
export default async function globalSetup(): Promise<void> {
  execFileSync('npm', ['run', '-s', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
  await integrationSetup();
}
