import { Descriptions, Table, Tabs, Typography } from 'antd';
import { ram } from '../api';
import { ErrorAlert } from '../ErrorAlert';
import { useLoad } from '../useLoad';
import { AttachedPolicies } from './PermissionsPanel';

/** One user: groups, permissions, AccessKeys (never their secrets), MFA. */
export function UserDetailPage({ userName }: { userName: string }) {
  const user = useLoad(() => ram('GetUser', { UserName: userName }));
  const groups = useLoad(() => ram('ListGroupsForUser', { UserName: userName }));
  const keys = useLoad(() => ram('ListAccessKeys', { UserName: userName }));
  const mfa = useLoad(() => ram('GetUserMFAInfo', { UserName: userName }).catch(() => null));
  return (
    <>
      <Typography.Title level={3}>User {userName}</Typography.Title>
      <ErrorAlert error={user.error} />
      <Descriptions size="small" column={2} items={[
        { label: 'Display name', children: user.data?.User?.DisplayName },
        { label: 'User ID', children: user.data?.User?.UserId },
        { label: 'Created', children: user.data?.User?.CreateDate },
        { label: 'MFA', children: mfa.data?.MFADevice?.SerialNumber ?? 'not bound' },
      ]} />
      <Tabs items={[
        { key: 'permissions', label: 'Permissions', children: <AttachedPolicies target={{ kind: 'User', name: userName }} /> },
        { key: 'groups', label: 'Groups', children: (<><ErrorAlert error={groups.error} /><Table size="small" rowKey="GroupName" dataSource={groups.data?.Groups?.Group ?? []} columns={[{ title: 'Group', dataIndex: 'GroupName' }, { title: 'Joined', dataIndex: 'JoinDate' }]} /></>) },
        { key: 'keys', label: 'AccessKeys', children: (<><ErrorAlert error={keys.error} /><Table size="small" rowKey="AccessKeyId" dataSource={keys.data?.AccessKeys?.AccessKey ?? []} columns={[{ title: 'AccessKey ID', dataIndex: 'AccessKeyId' }, { title: 'Status', dataIndex: 'Status' }, { title: 'Created', dataIndex: 'CreateDate' }]} /></>) },
      ]} />
    </>
  );
}
