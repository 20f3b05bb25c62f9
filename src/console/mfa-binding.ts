import { authenticator } from 'otplib';
import QRCode from 'qrcode';
import { apiError } from '../errors/catalogue.js';
import { defaultDomain, isoSeconds, mfaArn } from '../identity/index.js';
import type { Sealer } from '../secrets/sealer.js';
import { consecutiveCodesStep, MFA_SEED_PURPOSE } from '../services/ram/mfa.js';
import type { Database, Store } from '../store/store.js';
import type { Transaction } from 'kysely';
import type { LogonIdentity } from './session.js';

/**
 * The forced MFA binding of a logon (MFABindRequired): a logon step, not an API call — the user may
 * hold no policy allowing CreateVirtualMFADevice yet must bind before the console opens. The seed
 * waits in the sealed session cookie until the user proves it with two consecutive codes; only then is
 * the device written, already bound, so an abandoned binding leaves nothing behind. The device is named
 * after the user, as the console of Alibaba Cloud does. The trail files it as the user's BindMFADevice.
 */
const SEED_BYTES = 20;

export interface MfaOffer {
  seed: string;
  qrCodePng: string;
}

export async function offerMfaDevice(store: Store, identity: Extract<LogonIdentity, { kind: 'user' }>): Promise<MfaOffer> {
  const seed = authenticator.generateSecret(SEED_BYTES);
  const account = await store.db.selectFrom('accounts').select('alias').where('account_id', '=', identity.accountId).executeTakeFirst();
  const uri = authenticator.keyuri(`${identity.userName}@${defaultDomain(identity.accountId, account?.alias ?? null)}`, 'ramstack', seed);
  return { seed, qrCodePng: (await QRCode.toBuffer(uri, { type: 'png' })).toString('base64') };
}

export async function bindOfferedDevice(
  store: Store,
  sealer: Sealer,
  identity: Extract<LogonIdentity, { kind: 'user' }>,
  seed: string,
  codes: [string, string],
  now: number,
  /** Files the binding in the audit trail, in the same transaction (it is written only if the device is). */
  fileEvent: (trx: Transaction<Database>, serialNumber: string) => Promise<void>,
): Promise<void> {
  const step = consecutiveCodesStep(seed, codes[0], codes[1], now);
  if (step === null) throw apiError('CheckAuthenticationCodeFail');
  const created = isoSeconds(now);
  const serialNumber = mfaArn(identity.accountId, identity.userName);
  await store.transaction(async (trx) => {
    const taken = await trx.selectFrom('mfa_devices').select('serial_number').where('account_id', '=', identity.accountId).where('device_name', '=', identity.userName).executeTakeFirst();
    if (taken) throw apiError('EntityAlreadyExists.VirtualMFADevice');
    await trx
      .insertInto('mfa_devices')
      .values({
        serial_number: serialNumber,
        account_id: identity.accountId,
        device_name: identity.userName,
        seed_sealed: sealer.seal(seed, MFA_SEED_PURPOSE),
        user_id: identity.userId,
        activated_at: created,
        created_at: created,
        // The binding's codes are spent: the first logon needs a later one.
        last_used_step: step,
      })
      .execute();
    await fileEvent(trx, serialNumber);
  });
}
