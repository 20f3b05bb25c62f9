import { Alert, Button, Card, Form, Input, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { post, type Me } from './api';
import { explain } from './explain';

/** Root logon (account ID or email) and RAM-user logon (`name@alias`, `name@<domain>`), then the pending steps. */
export function Logon({ onDone }: { onDone: (me: Me, password: string) => void }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = (path: string, body: Record<string, string>, password: string) => async () => {
    setBusy(true);
    setError(null);
    try {
      onDone(await post(path, body), password);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const userForm = (
    <Form layout="vertical" onFinish={(v: { logonName: string; password: string }) => submit('/logon/user', v, v.password)()}>
      <Form.Item label="Logon name" name="logonName" extra="name@alias, name@alias.onaliyun.com or name@<account ID>.onaliyun.com" rules={[{ required: true }]}>
        <Input data-testid="logon-name" autoComplete="username" />
      </Form.Item>
      <Form.Item label="Password" name="password" rules={[{ required: true }]}>
        <Input.Password data-testid="logon-password" autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="logon-submit" block>Log on</Button>
    </Form>
  );
  const rootForm = (
    <Form layout="vertical" onFinish={(v: { identifier: string; password: string }) => submit('/logon/root', v, v.password)()}>
      <Form.Item label="Account ID or email" name="identifier" rules={[{ required: true }]}>
        <Input data-testid="root-identifier" autoComplete="username" />
      </Form.Item>
      <Form.Item label="Password" name="password" rules={[{ required: true }]}>
        <Input.Password data-testid="root-password" autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="root-submit" block>Log on as root</Button>
    </Form>
  );
  return (
    <Card style={{ maxWidth: 420, margin: '80px auto' }}>
      <Typography.Title level={3}>ramstack console</Typography.Title>
      {error ? <Alert data-testid="error" type="error" showIcon title={explain(error)} style={{ marginBottom: 16 }} /> : null}
      <Tabs
        items={[
          { key: 'user', label: 'RAM user', children: userForm },
          { key: 'root', label: <span data-testid="tab-root">Root account</span>, children: rootForm },
        ]}
      />
    </Card>
  );
}
