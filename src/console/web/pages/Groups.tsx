import { Button, Descriptions, Form, Input, Modal, Popconfirm, Select, Space, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { ram } from '../api';
import { ErrorAlert } from '../ErrorAlert';
import { navigate } from '../router';
import { problemRule } from '../rules';
import { useLoad } from '../useLoad';
import { AttachedPolicies } from './PermissionsPanel';

/** Group names: letters, digits, '.', '_' and '-', at most 64 characters (api-facts §2.2). */
export function groupNameProblem(name: string): string | null {
  if (name.length < 1 || name.length > 64) return 'The group name must have 1 to 64 characters.';
  return /^[A-Za-z0-9._-]+$/.test(name) ? null : 'Use only letters, digits, ".", "_" and "-".';
}

export function GroupsPage() {
  // ListGroups takes MaxItems 1 to 100.
  const groups = useLoad(() => ram('ListGroups', { MaxItems: 100 }));
  const [creating, setCreating] = useState(false);
  return (
    <>
      <Typography.Title level={3}>Groups</Typography.Title>
      <ErrorAlert error={groups.error} />
      <Button type="primary" data-testid="create-group" onClick={() => setCreating(true)} style={{ marginBottom: 16 }}>Create group</Button>
      <Table
        rowKey="GroupName"
        loading={groups.loading}
        dataSource={groups.data?.Groups?.Group ?? []}
        columns={[
          { title: 'Group', dataIndex: 'GroupName', render: (n: string) => <a data-testid={`group-${n}`} onClick={() => navigate(`/groups/${encodeURIComponent(n)}`)}>{n}</a> },
          { title: 'Comments', dataIndex: 'Comments' },
          { title: 'Created', dataIndex: 'CreateDate' },
        ]}
      />
      <CreateGroup open={creating} onClose={() => (setCreating(false), groups.reload())} />
    </>
  );
}

function CreateGroup({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const submit = async (v: { name: string; comments?: string }) => {
    setError(null);
    try {
      await ram('CreateGroup', { GroupName: v.name, Comments: v.comments ?? '' });
      onClose();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Modal open={open} title="Create group" onCancel={onClose} footer={null} destroyOnHidden>
      <ErrorAlert error={error} />
      <Form layout="vertical" onFinish={submit}>
        <Form.Item label="Group name" name="name" extra="Letters, digits, '.', '_' and '-'; at most 64 characters." validateTrigger="onChange" rules={[problemRule(groupNameProblem)]}>
          <Input data-testid="new-group-name" />
        </Form.Item>
        <Form.Item label="Comments" name="comments"><Input data-testid="new-group-comments" /></Form.Item>
        <Button type="primary" htmlType="submit" data-testid="create-group-submit">Create</Button>
      </Form>
    </Modal>
  );
}

/** One group: its members (add, remove) and its permissions. */
export function GroupDetailPage({ groupName }: { groupName: string }) {
  const group = useLoad(() => ram('GetGroup', { GroupName: groupName }));
  return (
    <>
      <Typography.Title level={3}>Group {groupName}</Typography.Title>
      <ErrorAlert error={group.error} />
      <Descriptions size="small" column={2} items={[
        { label: 'Comments', children: group.data?.Group?.Comments },
        { label: 'Created', children: group.data?.Group?.CreateDate },
      ]} />
      <Tabs items={[
        { key: 'members', label: <span data-testid="tab-members">Members</span>, children: <GroupMembers groupName={groupName} /> },
        { key: 'permissions', label: <span data-testid="tab-permissions">Permissions</span>, children: <AttachedPolicies target={{ kind: 'Group', name: groupName }} /> },
      ]} />
    </>
  );
}

function GroupMembers({ groupName }: { groupName: string }) {
  const members = useLoad(() => ram('ListUsersForGroup', { GroupName: groupName, MaxItems: 1000 }));
  const users = useLoad(() => ram('ListUsers', { MaxItems: 1000 }));
  const [error, setError] = useState<unknown>(null);
  const [adding, setAdding] = useState<string | undefined>(undefined);
  const change = async (name: 'AddUserToGroup' | 'RemoveUserFromGroup', userName: string) => {
    setError(null);
    try {
      await ram(name, { GroupName: groupName, UserName: userName });
      setAdding(undefined);
    } catch (err) {
      setError(err);
    }
    members.reload();
  };
  const memberNames = new Set<string>((members.data?.Users?.User ?? []).map((u: { UserName: string }) => u.UserName));
  const candidates = (users.data?.Users?.User ?? []).filter((u: { UserName: string }) => !memberNames.has(u.UserName));
  return (
    <div data-testid="group-members">
      <ErrorAlert error={error ?? members.error} />
      <Space style={{ marginBottom: 12 }}>
        <Select
          data-testid="member-select"
          showSearch
          placeholder="Choose a user"
          style={{ width: 260 }}
          value={adding}
          onChange={setAdding}
          options={candidates.map((u: { UserName: string }) => ({ value: u.UserName, label: u.UserName }))}
        />
        <Button type="primary" data-testid="add-member" disabled={!adding} onClick={() => adding && change('AddUserToGroup', adding)}>Add member</Button>
      </Space>
      <Table<{ UserName: string; DisplayName?: string; JoinDate?: string }>
        size="small"
        rowKey="UserName"
        loading={members.loading}
        dataSource={members.data?.Users?.User ?? []}
        columns={[
          { title: 'User', dataIndex: 'UserName', render: (n: string) => <a data-testid={`member-${n}`} onClick={() => navigate(`/users/${encodeURIComponent(n)}`)}>{n}</a> },
          { title: 'Display name', dataIndex: 'DisplayName' },
          { title: 'Joined', dataIndex: 'JoinDate' },
          {
            title: '',
            key: 'remove',
            render: (_v, u) => (
              <Popconfirm title={`Remove ${u.UserName} from ${groupName}?`} onConfirm={() => change('RemoveUserFromGroup', u.UserName)}>
                <Button size="small" danger data-testid={`remove-member-${u.UserName}`}>Remove</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </div>
  );
}
