import { authenticator } from 'otplib';
import QRCode from 'qrcode';
import { apiError } from '../../errors/catalogue.js';
import { checkMfaDeviceName, defaultDomain, isoSeconds, mfaArn, ramResource } from '../../identity/index.js';
import type { Sealer } from '../../secrets/sealer.js';
import type { Store } from '../../store/store.js';
import type { ActionDef, Caller, Params } from '../action.js';
import type { AppServices } from '../app-services.js';
import { countInAccount, lockAccount, requireValidName, uniquely } from './access-common.js';
import { declareAction } from './common.js';
import { ramUserAction, required, type Ctx } from './users.js';

/**
 * Virtual MFA devices (api-facts §2.6): RFC 6238 TOTP with the authenticator-app defaults (SHA-1,
 * 30-second steps, 6 digits) through otplib. The seed is returned once, by CreateVirtualMFADevice,
 * and kept sealed under the master key.
 */
export const MFA_SEED_PURPOSE = 'mfa-seed';
export const MAX_VIRTUAL_MFA_DEVICES = 5000;
const STEP_MS = 30_000;
const SIX_DIGITS = /^\d{6}$/;
/** 160-bit seeds, the size RFC 4226 recommends for HMAC-SHA1. */
const SEED_BYTES = 20;

function codeAt(seed: string, ms: number): string {
  return authenticator.clone({ epoch: ms }).generate(seed);
}

function stepOf(ms: number): number {
  return Math.floor(ms / STEP_MS);
}

/**
 * Binding needs two consecutive codes: the pair for steps (t-1, t) is what an app shows across a step
 * boundary; (t-2, t-1) and (t, t+1) allow for a slow typist and a clock one step apart. Answers the
 * step of the second code (the device's last used step from then on), or null.
 */
export function consecutiveCodesStep(seed: string, code1: string, code2: string, now: number): number | null {
  const k = [-2, -1, 0].find((k) => codeAt(seed, now + k * STEP_MS) === code1 && codeAt(seed, now + (k + 1) * STEP_MS) === code2);
  return k === undefined ? null : stepOf(now + (k + 1) * STEP_MS);
}

/** One code, accepted for the current step and one either side (clock drift): its step, or null. */
export function currentCodeStep(seed: string, code: string, now: number): number | null {
  if (!SIX_DIGITS.test(code)) return null;
  const k = [-1, 0, 1].find((k) => codeAt(seed, now + k * STEP_MS) === code);
  return k === undefined ? null : stepOf(now + k * STEP_MS);
}

/**
 * For the console: whether the code is right for the MFA device bound to the user (false without one)
 * and not used before. A code stays valid for up to three steps, so whoever overhears one could log on
 * with it too; the device remembers the last step it accepted and takes only later ones, as AWS does.
 * The conditional update settles a race between two logons with the same code, on one node or several.
 */
export async function verifyUserTotp(store: Store, sealer: Sealer, accountId: string, userId: string, code: string, now: number): Promise<boolean> {
  const device = await store.db.selectFrom('mfa_devices').select(['serial_number', 'seed_sealed']).where('account_id', '=', accountId).where('user_id', '=', userId).executeTakeFirst();
  if (device === undefined) return false;
  const step = currentCodeStep(sealer.open(device.seed_sealed, MFA_SEED_PURPOSE), code, now);
  if (step === null) return false;
  const claimed = await store.db
    .updateTable('mfa_devices')
    .set({ last_used_step: step })
    .where('serial_number', '=', device.serial_number)
    .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)]))
    .executeTakeFirst();
  return claimed.numUpdatedRows > 0n;
}

/** The device a serial number names in the caller's account (`acs:ram::<account>:mfa/<name>`), or null. */
function deviceNameOf(caller: Caller, serialNumber: string): string | null {
  const prefix = mfaArn(caller.accountId, '');
  return serialNumber.startsWith(prefix) && serialNumber.length > prefix.length ? serialNumber.slice(prefix.length) : null;
}

function deviceResource(params: Params, caller: Caller): string {
  const name = deviceNameOf(caller, required(params, 'SerialNumber'));
  if (name === null) throw apiError('EntityNotExist.VirtualMFADevice');
  return ramResource(caller.accountId, `mfa/${name}`);
}

async function findDevice(ctx: Ctx, serialNumber: string) {
  const device = await ctx.store.db.selectFrom('mfa_devices').selectAll().where('account_id', '=', ctx.caller.accountId).where('serial_number', '=', serialNumber).executeTakeFirst();
  if (!device) throw apiError('EntityNotExist.VirtualMFADevice');
  return device;
}

async function createVirtualMfaDevice(ctx: Ctx, deviceName: string): Promise<Record<string, unknown>> {
  requireValidName(checkMfaDeviceName, 'VirtualMFADeviceName', deviceName);
  const accountId = ctx.caller.accountId;
  const serialNumber = mfaArn(accountId, deviceName);
  const seed = authenticator.generateSecret(SEED_BYTES);
  const account = await ctx.store.db.selectFrom('accounts').select('alias').where('account_id', '=', accountId).executeTakeFirst();
  const uri = authenticator.keyuri(`${deviceName}@${defaultDomain(accountId, account?.alias ?? null)}`, 'ramstack', seed);
  const png = await QRCode.toBuffer(uri, { type: 'png' });
  await uniquely(apiError('EntityAlreadyExists.VirtualMFADevice'), ctx.transaction(async (trx) => {
    await lockAccount(trx, ctx.store, accountId);
    if ((await countInAccount(trx, 'mfa_devices', accountId)) >= MAX_VIRTUAL_MFA_DEVICES) throw apiError('LimitExceeded.VirtualMFADevice');
    await trx.insertInto('mfa_devices').values({
      serial_number: serialNumber,
      account_id: accountId,
      device_name: deviceName,
      seed_sealed: ctx.services.sealer.seal(seed, MFA_SEED_PURPOSE),
      user_id: null,
      activated_at: null,
      created_at: isoSeconds(ctx.request.now),
    }).execute();
  }));
  return { VirtualMFADevice: { SerialNumber: serialNumber, Base32StringSeed: seed, QRCodePNG: png.toString('base64') } };
}

const userParam = { UserName: { type: 'string', required: true } } as const;
const serialParam = { SerialNumber: { type: 'string', required: true } } as const;

export const mfaActions: ActionDef<AppServices>[] = [
  declareAction('Ram', 'CreateVirtualMFADevice', {
    access: 'write',
    params: { VirtualMFADeviceName: { type: 'string', required: true } },
    resources: (_params, caller) => [ramResource(caller.accountId, 'mfa/*')],
    handler: (ctx) => createVirtualMfaDevice(ctx, required(ctx.params, 'VirtualMFADeviceName')),
  }),
  ramUserAction('BindMFADevice', 'write', {
    ...userParam,
    ...serialParam,
    AuthenticationCode1: { type: 'string', required: true, secret: true },
    AuthenticationCode2: { type: 'string', required: true, secret: true },
  }, async (ctx, user) => {
    const code1 = required(ctx.params, 'AuthenticationCode1');
    const code2 = required(ctx.params, 'AuthenticationCode2');
    if (!SIX_DIGITS.test(code1) || !SIX_DIGITS.test(code2)) throw apiError('InvalidParameter.AuthenticationCode.Format');
    const device = await findDevice(ctx, required(ctx.params, 'SerialNumber'));
    if (device.user_id !== null) throw apiError('EntityAlreadyExists.VirtualMFADevice.User');
    const bound = await ctx.store.db.selectFrom('mfa_devices').select('serial_number').where('user_id', '=', user.user_id).executeTakeFirst();
    if (bound) throw apiError('EntityAlreadyExists.User.MFADevice');
    const step = consecutiveCodesStep(ctx.services.sealer.open(device.seed_sealed, MFA_SEED_PURPOSE), code1, code2, ctx.request.now);
    if (step === null) throw apiError('CheckAuthenticationCodeFail');
    const written = await uniquely(apiError('EntityAlreadyExists.User.MFADevice'), ctx.transaction((trx) =>
      trx.updateTable('mfa_devices')
        .set({ user_id: user.user_id, activated_at: isoSeconds(ctx.request.now), last_used_step: step })
        .where('serial_number', '=', device.serial_number)
        .where('user_id', 'is', null)
        .executeTakeFirst(),
    ));
    // Another request bound the device between the read and the write.
    if (written.numUpdatedRows === 0n) throw apiError('EntityAlreadyExists.VirtualMFADevice.User');
    return {};
  }),
  ramUserAction('UnbindMFADevice', 'write', userParam, async (ctx, user) => {
    const device = await ctx.store.db.selectFrom('mfa_devices').select('serial_number').where('user_id', '=', user.user_id).executeTakeFirst();
    if (!device) throw apiError('EntityNotExist.User.MFADevice');
    await ctx.transaction((trx) => trx.updateTable('mfa_devices').set({ user_id: null, activated_at: null }).where('serial_number', '=', device.serial_number).execute());
    return { MFADevice: { SerialNumber: device.serial_number } };
  }),
  ramUserAction('GetUserMFAInfo', 'read', userParam, async (ctx, user) => {
    const device = await ctx.store.db.selectFrom('mfa_devices').select('serial_number').where('user_id', '=', user.user_id).executeTakeFirst();
    if (!device) throw apiError('EntityNotExist.User.MFADevice');
    return { MFADevice: { SerialNumber: device.serial_number, Type: 'VMFA' } };
  }),
  declareAction('Ram', 'ListVirtualMFADevices', {
    access: 'read',
    params: {},
    resources: (_params, caller) => [ramResource(caller.accountId, 'mfa/*')],
    handler: async (ctx) => {
      const rows = await ctx.store.db
        .selectFrom('mfa_devices')
        .leftJoin('users', 'users.user_id', 'mfa_devices.user_id')
        .select(['mfa_devices.serial_number', 'mfa_devices.activated_at', 'users.user_id', 'users.user_name', 'users.display_name'])
        .where('mfa_devices.account_id', '=', ctx.caller.accountId)
        .orderBy('mfa_devices.serial_number')
        .execute();
      const device = (row: (typeof rows)[number]) => ({
        SerialNumber: row.serial_number,
        ...(row.user_id === null ? {} : {
          ActivateDate: row.activated_at,
          User: { UserId: row.user_id, UserName: row.user_name, ...(row.display_name === null ? {} : { DisplayName: row.display_name }) },
        }),
      });
      return { VirtualMFADevices: { VirtualMFADevice: rows.map(device) } };
    },
  }),
  declareAction('Ram', 'DeleteVirtualMFADevice', {
    access: 'write',
    params: serialParam,
    resources: (params, caller) => [deviceResource(params, caller)],
    handler: async (ctx) => {
      const device = await findDevice(ctx, required(ctx.params, 'SerialNumber'));
      if (device.user_id !== null) throw apiError('DeleteConflict.VirtualMFADevice.User');
      const deleted = await ctx.transaction((trx) =>
        trx.deleteFrom('mfa_devices').where('serial_number', '=', device.serial_number).where('user_id', 'is', null).executeTakeFirst(),
      );
      // Bound by another request between the read and the delete.
      if (deleted.numDeletedRows === 0n) throw apiError('DeleteConflict.VirtualMFADevice.User');
      return {};
    },
  }),
];
