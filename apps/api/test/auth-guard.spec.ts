import 'reflect-metadata';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { generate, generateSecret, verify } from 'otplib';
import { AuthGuard } from '../src/auth/auth.guard';
import { Authenticated, Public } from '../src/auth/auth.decorators';
import { maskIin } from '../src/auth/principal';
import { sessionKindOf, type SessionService } from '../src/auth/session.service';
import { checkPassword } from '../src/auth/staff-accounts';
import type { ApiConfig } from '../src/common/config.token';

class Routes {
  open() {}
  undecorated() {}
  staffOnly() {}
  serviceCheck() {}
}
Public()(Routes.prototype, 'open', Object.getOwnPropertyDescriptor(Routes.prototype, 'open')!);
Authenticated({ principal: 'staff', roles: ['moderator'] })(Routes.prototype, 'staffOnly', Object.getOwnPropertyDescriptor(Routes.prototype, 'staffOnly')!);
Authenticated({ principal: 'citizen', fullRightsOnly: true })(Routes.prototype, 'serviceCheck', Object.getOwnPropertyDescriptor(Routes.prototype, 'serviceCheck')!);

function contextFor(handler: keyof Routes, authorization?: string): ExecutionContext {
  const request = { header: (name: string) => (name === 'authorization' ? authorization : undefined), params: {} };
  return {
    getType: () => 'http',
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('AuthGuard: deny by default', () => {
  const sessions = { resolve: jest.fn(async () => null) } as unknown as SessionService;
  const guard = new AuthGuard(new Reflector(), sessions, {} as never, { ACCESS_TOKEN_HMAC_KEY: Buffer.alloc(32).toString('base64') } as ApiConfig);

  it('lets anyone through a @Public route', async () => {
    await expect(guard.canActivate(contextFor('open'))).resolves.toBe(true);
  });

  it('closes a route that names no principal, even with a token', async () => {
    await expect(guard.canActivate(contextFor('undecorated', `Bearer ${'a'.repeat(43)}`))).rejects.toMatchObject({ message: 'this route is closed: it names no principal that may call it' });
  });

  it('answers 401 without a token and 403 for an application token on a staff route', async () => {
    await expect(guard.canActivate(contextFor('staffOnly'))).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(guard.canActivate(contextFor('staffOnly', `Bearer ${'a'.repeat(43)}`))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(guard.canActivate(contextFor('staffOnly', `Bearer fh.${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}.${'b'.repeat(43)}`))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(guard.canActivate(contextFor('staffOnly', `Bearer stf.${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}.${'b'.repeat(43)}`))).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});

describe('AuthGuard: portal sessions', () => {
  const citizenToken = `ctz.${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}.${'c'.repeat(43)}`;
  const guardWith = (rights: 'temporary' | 'full') => {
    const sessions = { resolve: jest.fn(async () => ({ id: 's1', subjectId: 'a1' })) } as unknown as SessionService;
    const dataSource = { getRepository: () => ({ findOneBy: async () => ({ id: 'a1', login: '910506451646', rights }) }) };
    return new AuthGuard(new Reflector(), sessions, dataSource as never, { ACCESS_TOKEN_HMAC_KEY: Buffer.alloc(32).toString('base64') } as ApiConfig);
  };

  it('closes «Проверка услуг» to temporary rights with the reason, and opens it to full rights', async () => {
    await expect(guardWith('temporary').canActivate(contextFor('serviceCheck', `Bearer ${citizenToken}`))).rejects.toMatchObject({
      code: 'forbidden',
      message: 'Сервис недоступен пользователю с временными правами. Для получения полных прав авторизуйтесь при помощи ЭЦП',
    });
    await expect(guardWith('full').canActivate(contextFor('serviceCheck', `Bearer ${citizenToken}`))).resolves.toBe(true);
  });

  it('keeps portal sessions and staff routes apart', async () => {
    await expect(guardWith('full').canActivate(contextFor('staffOnly', `Bearer ${citizenToken}`))).rejects.toMatchObject({ code: 'forbidden', message: expect.stringMatching(/^this route is not open to a citizen session/) });
    await expect(guardWith('full').canActivate(contextFor('serviceCheck', `Bearer stf.${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}.${'b'.repeat(43)}`))).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('staff credentials', () => {
  it('tells session kinds by their shape', () => {
    expect(sessionKindOf(`stf.${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}.${'x'.repeat(43)}`)).toBe('staff');
    expect(sessionKindOf(`fh.${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}.${'x'.repeat(43)}`)).toBe('first_head');
    expect(sessionKindOf(`ctz.${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}.${'x'.repeat(43)}`)).toBe('citizen');
    expect(sessionKindOf('x'.repeat(43))).toBeNull();
  });

  it('asks for 12 to 128 characters with letters and digits', () => {
    expect(checkPassword('short1')).toBe('a staff password has 12 to 128 characters');
    expect(checkPassword('onlyletterslong')).toBe('a staff password needs letters and digits');
    expect(checkPassword('Пароль-длинный-1')).toBeNull();
  });

  it('masks an IIN to its birth date and last two digits', () => {
    expect(maskIin('871218425862')).toBe('871218****62');
  });

  it('accepts an RFC 6238 code of the current period and not one from ten minutes ago', async () => {
    const secret = generateSecret();
    const now = Math.floor(Date.now() / 1000);
    expect((await verify({ secret, token: await generate({ secret, epoch: now }), epoch: now, epochTolerance: [30, 0] })).valid).toBe(true);
    expect((await verify({ secret, token: await generate({ secret, epoch: now - 600 }), epoch: now, epochTolerance: [30, 0] })).valid).toBe(false);
  });
});
