import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { REGION, arms, armsAccount, armsPop, expectArmsError, type ArmsAccount } from './fixture.js';

/** The alert-management contact API and the legacy alert-contact API, on one contact store. */

let t: TestServer;
let a: ArmsAccount;
let b: ArmsAccount;
beforeAll(async () => {
  t = await startTestServer();
  a = await armsAccount(t, 'contacts-a');
  b = await armsAccount(t, 'contacts-b');
});
afterAll(() => t.stop());

const upsert = (query: Record<string, string>, account = a) => arms(t, account.keys, 'CreateOrUpdateContact', query);
const describeAll = (query: Record<string, string> = {}, account = a) => arms(t, account.keys, 'DescribeContacts', { Page: '1', Size: '100', ...query });
const searchLegacy = (query: Record<string, string> = {}, account = a) => arms(t, account.keys, 'SearchAlertContact', { RegionId: REGION, PageSize: '100', ...query });
const createLegacy = (query: Record<string, string>, account = a) => arms(t, account.keys, 'CreateAlertContact', { RegionId: REGION, ...query });
const names = (contacts: any[]) => contacts.map((c) => c.ContactName).sort();

describe('CreateOrUpdateContact', () => {
  it('creates a contact and answers it as AlertContact (with the published lower-case isEmailVerify)', async () => {
    const body = await upsert({ ContactName: 'alice', Phone: '13800000000', Email: 'alice@example.com', ReissueSendNotice: '2', IsEmailVerify: 'true', DingRobotUrl: 'https://oapi.dingtalk.com/robot/send?access_token=x' });
    expect(body.AlertContact).toEqual({
      ContactId: expect.any(Number),
      ContactName: 'alice',
      Phone: '13800000000',
      Email: 'alice@example.com',
      IsVerify: false,
      ReissueSendNotice: 2,
      isEmailVerify: true,
      DingRobotUrl: 'https://oapi.dingtalk.com/robot/send?access_token=x',
    });
  });

  it('replaces every field of the contact named by ContactId', async () => {
    const id = (await upsert({ ContactName: 'carol', Phone: '13800000001', ReissueSendNotice: '1' })).AlertContact.ContactId;
    const body = await upsert({ ContactId: String(id), ContactName: 'carol-2', Email: 'carol@example.com' });
    expect(body.AlertContact).toMatchObject({ ContactId: id, ContactName: 'carol-2', Email: 'carol@example.com', ReissueSendNotice: 0 });
    expect(body.AlertContact.Phone).toBeUndefined();
    expect(names((await describeAll({ ContactIds: String(id) })).PageBean.AlertContacts)).toEqual(['carol-2']);
  });

  it('works through pop-core', async () => {
    const body = await armsPop(t, a.keys, 'CreateOrUpdateContact', { ContactName: 'pop-contact', Email: 'pop@example.com' });
    expect(body.AlertContact.ContactName).toBe('pop-contact');
  });

  it('answers ParameterMissing without ContactName, and without both Phone and Email; nothing is created', async () => {
    const before = (await describeAll()).PageBean.Total;
    await expectArmsError(upsert({ Phone: '13800000002' }), 'ParameterMissing', 400);
    const err = await expectArmsError(upsert({ ContactName: 'robot-only', DingRobotUrl: 'https://example.com/hook' }), 'ParameterMissing', 400);
    expect(err.message).toContain('Phone or Email');
    expect((await describeAll()).PageBean.Total).toBe(before);
  });

  it.each([
    ['ReissueSendNotice', '4'],
    ['Email', 'not-an-email'],
    ['Phone', 'call me'],
    ['IsEmailVerify', 'yes'],
    ['DingRobotUrl', 'ftp://example.com'],
  ])('answers ParameterIllegal for %s=%s and creates nothing', async (param, value) => {
    const before = (await describeAll()).PageBean.Total;
    const err = await expectArmsError(upsert({ ContactName: 'bad', Email: 'bad@example.com', [param]: value }), 'ParameterIllegal', 400);
    expect(err.message).toContain(param);
    expect((await describeAll()).PageBean.Total).toBe(before);
  });

  it("answers ParameterIllegal for a ContactId the account does not have (another account's included) and changes nothing", async () => {
    const theirs = (await upsert({ ContactName: 'b-own', Email: 'b@example.com' }, b)).AlertContact.ContactId;
    await expectArmsError(upsert({ ContactId: String(theirs), ContactName: 'hijack', Email: 'x@example.com' }), 'ParameterIllegal', 400);
    expect(names((await describeAll({}, b)).PageBean.AlertContacts)).toContain('b-own');
    expect(names((await describeAll({}, b)).PageBean.AlertContacts)).not.toContain('hijack');
  });
});

describe('DescribeContacts', () => {
  let ids: number[];
  beforeAll(async () => {
    const made = [];
    for (const n of [1, 2, 3]) made.push((await upsert({ ContactName: `page-${n}`, Email: `page${n}@example.com` }, b)).AlertContact.ContactId);
    ids = made;
  });

  it('pages the account\'s contacts with Total, Page and Size, oldest first', async () => {
    const body = await describeAll({ Page: '2', Size: '2', ContactName: 'page-' }, b);
    expect(body.PageBean).toMatchObject({ Total: 3, Page: 2, Size: 2 });
    expect(body.PageBean.AlertContacts).toEqual([
      { ContactId: ids[2], ContactName: 'page-3', Email: 'page3@example.com', IsVerify: false, ReissueSendNotice: 0, IsEmailVerify: false, ArmsContactId: ids[2] },
    ]);
  });

  it('filters by ContactIds (spaces or commas), Email and a part of the name', async () => {
    expect(names((await describeAll({ ContactIds: `${ids[0]}, ${ids[1]}` }, b)).PageBean.AlertContacts)).toEqual(['page-1', 'page-2']);
    expect(names((await describeAll({ Email: 'page2@example.com' }, b)).PageBean.AlertContacts)).toEqual(['page-2']);
    expect(names((await describeAll({ ContactName: 'ge-3' }, b)).PageBean.AlertContacts)).toEqual(['page-3']);
  });

  it("never lists another account's contacts", async () => {
    expect(names((await describeAll()).PageBean.AlertContacts)).not.toContain('page-1');
  });

  it('answers ParameterMissing without Page or Size and ParameterIllegal for Size 0 or malformed ContactIds', async () => {
    await expectArmsError(arms(t, a.keys, 'DescribeContacts', { Size: '10' }), 'ParameterMissing', 400);
    await expectArmsError(arms(t, a.keys, 'DescribeContacts', { Page: '1' }), 'ParameterMissing', 400);
    await expectArmsError(describeAll({ Size: '0' }), 'ParameterIllegal', 400);
    await expectArmsError(describeAll({ ContactIds: '1;2' }), 'ParameterIllegal', 400);
  });
});

describe('DeleteContact', () => {
  it('deletes the contact (IsSuccess true)', async () => {
    const id = (await upsert({ ContactName: 'gone', Email: 'gone@example.com' })).AlertContact.ContactId;
    expect(await arms(t, a.keys, 'DeleteContact', { ContactId: String(id) })).toMatchObject({ IsSuccess: true });
    expect((await describeAll({ ContactIds: String(id) })).PageBean.Total).toBe(0);
  });

  it("answers IsSuccess false for a contact the account does not have, and keeps another account's", async () => {
    const theirs = (await upsert({ ContactName: 'b-stays', Email: 'stay@example.com' }, b)).AlertContact.ContactId;
    expect(await arms(t, a.keys, 'DeleteContact', { ContactId: String(theirs) })).toMatchObject({ IsSuccess: false });
    expect((await describeAll({ ContactIds: String(theirs) }, b)).PageBean.Total).toBe(1);
  });

  it('answers ParameterMissing without ContactId', async () => {
    await expectArmsError(arms(t, a.keys, 'DeleteContact'), 'ParameterMissing', 400);
  });
});

describe('legacy alert-contact API', () => {
  it('CreateAlertContact answers the ContactId as a string; SearchAlertContact lists the legacy fields', async () => {
    const body = await createLegacy({ ContactName: 'legacy-1', PhoneNum: '13900000000', DingRobotWebhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=y', SystemNoc: 'true' });
    expect(body.ContactId).toMatch(/^\d+$/);
    const found = await searchLegacy({ ContactIds: body.ContactId });
    expect(found.PageBean).toMatchObject({ PageNumber: 1, PageSize: 100, TotalCount: 1 });
    expect(found.PageBean.Contacts).toEqual([
      {
        ContactId: Number(body.ContactId),
        ContactName: 'legacy-1',
        Phone: '13900000000',
        DingRobot: 'https://oapi.dingtalk.com/robot/send?access_token=y',
        SystemNoc: true,
        UserId: a.accountId,
        CreateTime: expect.any(Number),
        UpdateTime: expect.any(Number),
      },
    ]);
  });

  it('shares one store with the new API: each sees and deletes what the other made', async () => {
    const legacyId = (await createLegacy({ ContactName: 'made-legacy', Email: 'l@example.com' })).ContactId;
    const newId = (await upsert({ ContactName: 'made-new', Email: 'n@example.com' })).AlertContact.ContactId;
    expect(names((await describeAll({ ContactIds: legacyId })).PageBean.AlertContacts)).toEqual(['made-legacy']);
    expect(names((await searchLegacy({ ContactIds: String(newId) })).PageBean.Contacts)).toEqual(['made-new']);
    expect(await arms(t, a.keys, 'DeleteAlertContact', { RegionId: REGION, ContactId: String(newId) })).toMatchObject({ IsSuccess: true });
    expect(await arms(t, a.keys, 'DeleteContact', { ContactId: legacyId })).toMatchObject({ IsSuccess: true });
    expect((await describeAll({ ContactIds: `${legacyId},${newId}` })).PageBean.Total).toBe(0);
  });

  it('pages with CurrentPage and PageSize (10 by default)', async () => {
    for (let i = 0; i < 11; i++) await createLegacy({ ContactName: `bulk-${i}`, Email: `bulk${i}@example.com` }, b);
    const first = await arms(t, b.keys, 'SearchAlertContact', { RegionId: REGION, ContactName: 'bulk-' });
    expect(first.PageBean).toMatchObject({ PageNumber: 1, PageSize: 10, TotalCount: 11 });
    expect(first.PageBean.Contacts).toHaveLength(10);
    const second = await arms(t, b.keys, 'SearchAlertContact', { RegionId: REGION, ContactName: 'bulk-', CurrentPage: '2' });
    expect(names(second.PageBean.Contacts)).toEqual(['bulk-10']);
  });

  it('works through pop-core', async () => {
    const body = await armsPop(t, a.keys, 'CreateAlertContact', { RegionId: REGION, ContactName: 'legacy-pop', Email: 'lp@example.com' });
    expect((await armsPop(t, a.keys, 'SearchAlertContact', { RegionId: REGION, ContactIds: body.ContactId })).PageBean.TotalCount).toBe(1);
  });

  it('answers ParameterMissing without RegionId, ContactName, or any of PhoneNum/Email/DingRobotWebhookUrl; nothing is created', async () => {
    const before = (await searchLegacy()).PageBean.TotalCount;
    await expectArmsError(arms(t, a.keys, 'CreateAlertContact', { ContactName: 'no-region', Email: 'r@example.com' }), 'ParameterMissing', 400);
    await expectArmsError(createLegacy({ Email: 'noname@example.com' }), 'ParameterMissing', 400);
    await expectArmsError(createLegacy({ ContactName: 'unreachable' }), 'ParameterMissing', 400);
    expect((await searchLegacy()).PageBean.TotalCount).toBe(before);
  });

  it('DeleteAlertContact answers ParameterMissing without RegionId or ContactId', async () => {
    await expectArmsError(arms(t, a.keys, 'DeleteAlertContact', { ContactId: '1' }), 'ParameterMissing', 400);
    await expectArmsError(arms(t, a.keys, 'DeleteAlertContact', { RegionId: REGION }), 'ParameterMissing', 400);
  });
});
