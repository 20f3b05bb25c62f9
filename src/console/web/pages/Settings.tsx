import { Button, Card, Checkbox, Form, Input, InputNumber, Space, Typography, message } from 'antd';
import { useState } from 'react';
import { ram } from '../api';
import { ErrorAlert } from '../ErrorAlert';
import { useLoad } from '../useLoad';

/** Account settings (api-facts §2.11): alias, password policy, security preference. */
export function SettingsPage() {
  return (
    <>
      <Typography.Title level={3}>Settings</Typography.Title>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alias />
        <SettingsForm title="Password policy" get="GetPasswordPolicy" set="SetPasswordPolicy" field="PasswordPolicy" numbers={['MinimumPasswordLength', 'MaxPasswordAge', 'PasswordReusePrevention', 'MaxLoginAttemps']} />
        <SettingsForm title="Security preference" get="GetSecurityPreference" set="SetSecurityPreference" field="SecurityPreference" numbers={['LoginSessionDuration']} />
      </Space>
    </>
  );
}

function Alias() {
  const alias = useLoad(() => ram('GetAccountAlias'));
  const [error, setError] = useState<unknown>(null);
  const save = async (v: { alias: string }) => {
    setError(null);
    try {
      await ram('SetAccountAlias', { AccountAlias: v.alias });
      message.success('Alias saved');
      alias.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Card title="Account alias">
      <ErrorAlert error={error ?? alias.error} />
      {alias.data ? (
        <Form layout="inline" onFinish={save} initialValues={{ alias: alias.data.AccountAlias }}>
          <Form.Item name="alias"><Input /></Form.Item>
          <Button htmlType="submit">Save</Button>
        </Form>
      ) : null}
    </Card>
  );
}

/** The settings objects come back nested (SecurityPreference groups its fields); the form edits them flat. */
function flatten(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (v && typeof v === 'object' ? Object.entries(flatten(v as Record<string, unknown>)) : [[k, v]])));
}

function SettingsForm({ title, get, set, field, numbers }: { title: string; get: string; set: string; field: string; numbers: string[] }) {
  const current = useLoad(() => ram(get));
  const [error, setError] = useState<unknown>(null);
  const values = current.data ? flatten(current.data[field] as Record<string, unknown>) : null;
  const save = async (v: Record<string, unknown>) => {
    setError(null);
    try {
      await ram(set, v);
      message.success(`${title} saved`);
      current.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Card title={title}>
      <ErrorAlert error={error ?? current.error} />
      {values ? (
        <Form layout="vertical" onFinish={save} initialValues={values}>
          {Object.entries(values).map(([name, value]) =>
            typeof value === 'boolean' ? (
              <Form.Item key={name} name={name} valuePropName="checked"><Checkbox>{name}</Checkbox></Form.Item>
            ) : (
              <Form.Item key={name} name={name} label={name}>{numbers.includes(name) ? <InputNumber /> : <Input />}</Form.Item>
            ),
          )}
          <Button htmlType="submit">Save</Button>
        </Form>
      ) : null}
    </Card>
  );
}
