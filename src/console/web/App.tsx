import { Alert, App as AntApp, Avatar, Button, ConfigProvider, Dropdown, Form, Input, Layout, Menu, Modal, Spin, Typography } from 'antd';
import { useEffect, useState, type ReactElement } from 'react';
import { getMe, post, type Me } from './api';
import { ErrorAlert } from './ErrorAlert';
import { Logon } from './Logon';
import { LogonSteps } from './LogonSteps';
import { navigate, usePath } from './router';
import { ArmsPage } from './pages/Arms';
import { AuditPage } from './pages/Audit';
import { GroupDetailPage, GroupsPage } from './pages/Groups';
import { PoliciesPage } from './pages/Policies';
import { RolesPage } from './pages/Roles';
import { SettingsPage } from './pages/Settings';
import { UserDetailPage } from './pages/UserDetail';
import { UsersPage } from './pages/Users';

/** The console shell: logon until the session is complete, then the layout with the avatar menu. */
export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  // The logon password, kept in memory only for a forced password change (ChangePassword needs it).
  const [password, setPassword] = useState('');
  useEffect(() => {
    // No session (401) or any failure: show the logon page.
    getMe().then(setMe, () => setMe(null));
  }, []);
  let content;
  if (me === undefined) content = <Spin style={{ margin: 80 }} />;
  else if (me === null) content = <Logon onDone={(m, p) => (setMe(m), setPassword(p))} />;
  else if (me.pending.length > 0) content = <LogonSteps me={me} password={password} onDone={setMe} />;
  else content = <Shell me={me} setMe={setMe} />;
  return (
    <ConfigProvider>
      <AntApp>{content}</AntApp>
    </ConfigProvider>
  );
}

const PAGES = [
  { key: '/users', label: 'Users' },
  { key: '/groups', label: 'Groups' },
  { key: '/roles', label: 'Roles' },
  { key: '/policies', label: 'Policies' },
  { key: '/settings', label: 'Settings' },
  { key: '/arms', label: 'ARMS' },
  { key: '/audit', label: 'Audit' },
];

function Shell({ me, setMe }: { me: Me; setMe: (me: Me | null) => void }) {
  const path = usePath();
  const [switching, setSwitching] = useState(false);
  const name = me.identity.kind === 'root' ? `root (${me.account.defaultDomain})` : me.identity.logonName;
  const menu = [
    ...(me.role ? [{ key: 'back', label: <span data-testid="switch-back">Back to {name}</span> }] : []),
    { key: 'switch', label: <span data-testid="switch-role">Switch Role</span> },
    { key: 'logout', label: <span data-testid="logout">Log out</span> },
  ];
  const onMenu = async ({ key }: { key: string }) => {
    if (key === 'switch') setSwitching(true);
    if (key === 'back') setMe(await post('/switch-back'));
    if (key === 'logout') {
      await post('/logout');
      setMe(null);
      navigate('/');
    }
  };
  const page = path.startsWith('/users/') ? (
    <UserDetailPage key={path} userName={decodeURIComponent(path.slice(7))} />
  ) : path.startsWith('/groups/') ? (
    <GroupDetailPage key={path} groupName={decodeURIComponent(path.slice(8))} />
  ) : (
    ({ '/groups': <GroupsPage />, '/roles': <RolesPage />, '/policies': <PoliciesPage />, '/settings': <SettingsPage />, '/arms': <ArmsPage />, '/audit': <AuditPage /> } as Record<string, ReactElement>)[path] ?? <UsersPage />
  );
  // Pages load as the current identity: switching remounts them.
  const identityKey = me.actingAs?.arn ?? '';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography.Text style={{ color: '#fff', fontWeight: 600 }}>ramstack</Typography.Text>
        <Dropdown menu={{ items: menu, onClick: onMenu }} trigger={['click']}>
          <Button type="text" data-testid="avatar" style={{ color: '#fff' }}>
            <Avatar size="small" style={{ marginRight: 8 }}>{name[0]?.toUpperCase()}</Avatar>
            <span data-testid="identity">{me.role ? `${me.role.roleName}/${me.identity.kind === 'user' ? me.identity.userName : ''}` : name}</span>
          </Button>
        </Dropdown>
      </Layout.Header>
      {me.role ? (
        <Alert
          data-testid="role-banner"
          type="warning"
          banner
          title={`Acting as role ${me.role.roleName} in account ${me.role.accountLabel} (${me.role.accountId}) until ${new Date(me.role.expiresAt).toLocaleTimeString()}. Your own permissions do not apply.`}
        />
      ) : null}
      <Layout>
        <Layout.Sider width={180} theme="light">
          <Menu selectedKeys={[path.startsWith('/users') ? '/users' : path.startsWith('/groups') ? '/groups' : path]} items={PAGES.map((p) => ({ key: p.key, label: <span data-testid={`nav${p.key.replace('/', '-')}`}>{p.label}</span> }))} onClick={({ key }) => navigate(key)} />
        </Layout.Sider>
        <Layout.Content style={{ padding: 24 }} key={identityKey}>
          {page}
        </Layout.Content>
      </Layout>
      <SwitchRole open={switching} me={me} onClose={() => setSwitching(false)} onSwitched={(m) => (setMe(m), setSwitching(false))} />
    </Layout>
  );
}

function SwitchRole({ open, me, onClose, onSwitched }: { open: boolean; me: Me; onClose: () => void; onSwitched: (me: Me) => void }) {
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<{ account: string; role: string }>();
  const submit = async (values: { account: string; role: string }) => {
    setError(null);
    try {
      onSwitched(await post('/switch-role', values));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Modal open={open} title="Switch Role" onCancel={onClose} footer={null} destroyOnHidden>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item label="Account: enterprise alias, default domain or account ID" name="account" rules={[{ required: true }]}>
          <Input data-testid="switch-account" />
        </Form.Item>
        <Form.Item label="Role name" name="role" rules={[{ required: true }]}>
          <Input data-testid="switch-role-name" />
        </Form.Item>
        {me.recentRoles.length > 0 ? (
          <Typography.Paragraph>
            Recent:{' '}
            {me.recentRoles.map((r) => (
              <Button key={`${r.account}/${r.role}`} size="small" type="link" onClick={() => form.setFieldsValue(r)}>
                {r.role}@{r.account}
              </Button>
            ))}
          </Typography.Paragraph>
        ) : null}
        <Button type="primary" htmlType="submit" data-testid="switch-submit">Submit</Button>
      </Form>
    </Modal>
  );
}
