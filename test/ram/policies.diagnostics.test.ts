import { afterAll, beforeAll, expect, it } from 'vitest';
import { accountOn, call, expectApiError, failure, ramUserClient, startAccessFixture, type AccessFixture } from './access-fixture.js';

/** DecodeDiagnosticMessage opens the EncodedDiagnosticMessage of a NoPermission answer. */
let f: AccessFixture;
let encoded: string;

beforeAll(async () => {
  f = await startAccessFixture('diag');
  const user = await ramUserClient(f, 'denied-user');
  const err = await failure(call(user, 'CreateRole', { roleName: 'x', assumeRolePolicyDocument: '{}' }));
  encoded = err.data?.AccessDeniedDetail?.EncodedDiagnosticMessage;
});
afterAll(() => f.t.stop());

it('decodes a denial for the account root: action, principal and an implicit deny', async () => {
  const { decodedDiagnosticMessage: message } = (await call(f.root, 'DecodeDiagnosticMessage', { encodedDiagnosticMessage: encoded })).body;
  expect(message).toMatchObject({
    explicitDeny: false,
    noPermissionPolicyType: 'AccountLevelIdentityBasedPolicy',
    authAction: 'ram:CreateRole',
    authPrincipal: { authPrincipalType: 'SubUser', authPrincipalOwnerId: f.accountId },
  });
});

it('answers EntityNotExist for a tampered message', async () => {
  const tampered = 'A' + 'b'.repeat(80);
  await expectApiError(call(f.root, 'DecodeDiagnosticMessage', { encodedDiagnosticMessage: tampered }), 'EntityNotExist', 404);
});

it("refuses another account's root (NoPermission)", async () => {
  const other = await accountOn(f.t, 'diag-other');
  await expectApiError(call(other.root, 'DecodeDiagnosticMessage', { encodedDiagnosticMessage: encoded }), 'NoPermission', 403);
});
