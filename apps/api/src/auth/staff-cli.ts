import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfigOrExit, staffCliSchema } from '@app/config';
import { STAFF_ROLES, createDataSource, type StaffRole } from '@app/models';
import { StaffAccountError, StaffAccounts, rolesOf, staffAccountsOptions } from './staff-accounts';

const USAGE = `staff accounts (moderators, БМГ operators, administrators)

  npm run -s staff -- create --username NAME --roles ${STAFF_ROLES.join(',')} [--name "Full Name"] [--password-stdin]
        without --password-stdin a strong password is generated and printed once;
        prints the TOTP secret and its otpauth:// URI for the authenticator app, once
  npm run -s staff -- disable --username NAME     (ends the account's sessions at once)
  npm run -s staff -- enable --username NAME
  npm run -s staff -- unlock --username NAME      (after too many failed sign-ins)
  npm run -s staff -- reset-totp --username NAME  (a lost phone: prints a new secret)
  npm run -s staff -- set-password --username NAME [--password-stdin]
  npm run -s staff -- list
`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Four groups of letters and digits: strong, and still typeable from a sheet of paper. */
const generatedPassword = () => `${randomBytes(18).toString('base64url').replace(/[-_]/g, 'x').match(/.{6}/g)!.join('-')}7`;

export async function runStaffCli(argv: string[], out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { username: { type: 'string' }, roles: { type: 'string' }, name: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  });
  const command = positionals[0];
  if (!command || (command !== 'list' && !values.username)) {
    out(USAGE);
    return 2;
  }
  const config = loadConfigOrExit(staffCliSchema, 'staff');
  const dataSource = createDataSource(config);
  await dataSource.initialize();
  const accounts = new StaffAccounts(dataSource, staffAccountsOptions(config));
  const password = async () => (values['password-stdin'] ? readStdin() : generatedPassword());
  const username = values.username ?? '';
  try {
    switch (command) {
      case 'create': {
        const roles = (values.roles ?? '').split(',').map((r) => r.trim()).filter(Boolean) as StaffRole[];
        const chosen = await password();
        const { account, totp } = await accounts.create({ username, displayName: values.name ?? username, roles, password: chosen });
        out(`created ${account.username} (${rolesOf(account).join(', ')})`);
        if (!values['password-stdin']) out(`password (shown once): ${chosen}`);
        out(`TOTP secret (shown once): ${totp.secret}`);
        out(`otpauth URI: ${totp.otpauthUri}`);
        return 0;
      }
      case 'disable':
        await accounts.disable(username);
        out(`disabled ${username}; its sessions have ended`);
        return 0;
      case 'enable':
        await accounts.enable(username);
        out(`enabled ${username}`);
        return 0;
      case 'unlock':
        await accounts.unlock(username);
        out(`unlocked ${username}`);
        return 0;
      case 'reset-totp': {
        const totp = await accounts.resetTotp(username);
        out(`TOTP secret (shown once): ${totp.secret}`);
        out(`otpauth URI: ${totp.otpauthUri}`);
        return 0;
      }
      case 'set-password': {
        const chosen = await password();
        await accounts.setPassword(username, chosen);
        out(values['password-stdin'] ? `password of ${username} changed; its sessions have ended` : `new password (shown once): ${chosen}`);
        return 0;
      }
      case 'list':
        for (const a of await accounts.list()) {
          const state = a.disabledAt ? 'disabled' : a.lockedUntil && a.lockedUntil > new Date() ? `locked until ${a.lockedUntil.toISOString()}` : 'active';
          out(`${a.username}\t${rolesOf(a).join(',')}\t${state}`);
        }
        return 0;
      default:
        out(USAGE);
        return 2;
    }
  } catch (error) {
    if (error instanceof StaffAccountError) {
      out(`staff: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  runStaffCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`staff: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
