import { parseArgs } from 'node:util';
import { PkiError } from '../errors';
import { passwordRuleFor } from '../pkcs12/password-rules';
import { readFile } from 'node:fs/promises';
import { approveAsFirstHead, firstHeadSignIn } from './first-head-cabinet';
import { KeyAgentError, applicationStatus, generateKeys, installCertificates } from './key-agent';
import { signWithInstalledKey } from './signing';

const HELP = `key-agent — plays NCALayer's part: keeps the applicant's keys on their side.

Usage:
  npm run -s key-agent -- generate --dir DIR --subject-type individual|legal_entity [--key-password PW]
      Generates two RSA-2048 key pairs (AUTH and SIGN) into DIR as PKCS#8 files (auth.key, sign.key;
      AES-256 encrypted when a key password is given) and two PKCS#10 requests (auth.csr.pem,
      sign.csr.pem) to submit with the НУЦ application. Prints the CSRs as JSON.

  npm run -s key-agent -- install --dir DIR --application NUMBER [--api URL] [--password PW]
                                  [--key-password PW] [--keep-keys]
      Fetches the issued certificates of application NUMBER, checks they match the keys in DIR,
      writes AUTH_RSA256_<serial>.p12 and RSA256_<serial>.p12 (PBES2/PBKDF2-SHA256/AES-256-CBC,
      HMAC-SHA256; openssl pkcs12 opens them) and reports the installation, after which the
      status is «Сертификаты установлены». Unencrypted key files are removed afterwards unless
      --keep-keys. Password rules (seeds 002, 003):
        legal entity: ${passwordRuleFor('legal_entity')}
        individual:   ${passwordRuleFor('individual')}
      Пароль восстановлению не подлежит!

  npm run -s key-agent -- status --application NUMBER [--api URL]
      Prints the application's status history.

  npm run -s key-agent -- sign --dir DIR --kind AUTH|SIGN [--password PW] (--content TEXT | --content-file FILE)
      Signs the content with the AUTH or SIGN key of the installed container in DIR: a detached CMS
      (PKCS#7) signature, printed as base64 DER (what NCALayer gives a web page).

  npm run -s key-agent -- first-head-sign-in --dir DIR [--api URL] [--password PW]
      The first head's sign-in: a challenge from the API signed with the AUTH key; prints the session.

  npm run -s key-agent -- first-head-approve --dir DIR --application NUMBER --token TOKEN [--api URL] [--password PW]
      Approves an employee's application: its canonical content signed with the SIGN key.

Environment (instead of flags, so passwords stay out of the shell history):
  KEY_AGENT_PASSWORD      container password for install
  KEY_AGENT_KEY_PASSWORD  key-file password for generate and install
  KEY_AGENT_API           API base URL (default http://127.0.0.1:3000)

Exit codes: 0 done, 1 unexpected error, 2 bad input or refused by the API.`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parse(argv);
  } catch (error) {
    return usage((error as Error).message);
  }
  return run(parsed.values, parsed.positionals[0]);
}

async function run(values: ReturnType<typeof parse>['values'], command: string | undefined): Promise<number> {
  if (values.help || !command) {
    console.log(HELP);
    return values.help ? 0 : 2;
  }
  const api = values.api ?? process.env.KEY_AGENT_API ?? 'http://127.0.0.1:3000';
  const keyPassword = values['key-password'] ?? process.env.KEY_AGENT_KEY_PASSWORD;
  switch (command) {
    case 'generate': {
      const subjectType = values['subject-type'];
      if (!values.dir || (subjectType !== 'individual' && subjectType !== 'legal_entity')) return usage('generate needs --dir and --subject-type individual|legal_entity');
      console.log(JSON.stringify(await generateKeys(values.dir, subjectType, keyPassword), null, 2));
      return 0;
    }
    case 'install': {
      const password = values.password ?? process.env.KEY_AGENT_PASSWORD;
      if (!values.dir || !values.application || !password) return usage('install needs --dir, --application and --password (or KEY_AGENT_PASSWORD)');
      const result = await installCertificates({ dir: values.dir, applicationNumber: values.application, apiUrl: api, password, keyPassword, keepKeys: values['keep-keys'] });
      console.log(JSON.stringify(result, null, 2));
      return 0;
    }
    case 'status': {
      if (!values.application) return usage('status needs --application');
      console.log(JSON.stringify(await applicationStatus(api, values.application), null, 2));
      return 0;
    }
    case 'sign': {
      const password = values.password ?? process.env.KEY_AGENT_PASSWORD;
      const kind = values.kind;
      if (!values.dir || (kind !== 'AUTH' && kind !== 'SIGN') || !password || (values.content === undefined) === (values['content-file'] === undefined)) {
        return usage('sign needs --dir, --kind AUTH|SIGN, --password (or KEY_AGENT_PASSWORD) and one of --content, --content-file');
      }
      const content = values.content !== undefined ? Buffer.from(values.content, 'utf8') : await readFile(values['content-file']!);
      console.log(JSON.stringify(await signWithInstalledKey({ dir: values.dir, kind, password, content }), null, 2));
      return 0;
    }
    case 'first-head-sign-in': {
      const password = values.password ?? process.env.KEY_AGENT_PASSWORD;
      if (!values.dir || !password) return usage('first-head-sign-in needs --dir and --password (or KEY_AGENT_PASSWORD)');
      console.log(JSON.stringify(await firstHeadSignIn({ dir: values.dir, apiUrl: api, password }), null, 2));
      return 0;
    }
    case 'first-head-approve': {
      const password = values.password ?? process.env.KEY_AGENT_PASSWORD;
      if (!values.dir || !password || !values.application || !values.token) return usage('first-head-approve needs --dir, --application, --token and --password (or KEY_AGENT_PASSWORD)');
      console.log(JSON.stringify(await approveAsFirstHead({ dir: values.dir, apiUrl: api, password, token: values.token, number: values.application }), null, 2));
      return 0;
    }
    default:
      return usage(`unknown command ${command}`);
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      dir: { type: 'string' },
      'subject-type': { type: 'string' },
      application: { type: 'string' },
      api: { type: 'string' },
      password: { type: 'string' },
      'key-password': { type: 'string' },
      'keep-keys': { type: 'boolean', default: false },
      kind: { type: 'string' },
      content: { type: 'string' },
      'content-file': { type: 'string' },
      token: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

function usage(message: string): number {
  console.error(`${message}\n\nRun with --help for usage.`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof PkiError || error instanceof KeyAgentError) {
      console.error(error.message);
      process.exitCode = 2;
      return;
    }
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
