import { Alert, Button, Checkbox, Form, Input, Modal, Radio, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { action, post, ram, RAM } from '../api';
import { ErrorAlert } from '../ErrorAlert';
import { problemRule } from '../rules';
import { navigate } from '../router';
import { useLoad } from '../useLoad';

/** The rules the console shows and checks as the user types (product.md step 3; api-facts §2.2). */
export function logonNameProblem(name: string): string | null {
  if (name.length === 0) return 'Enter a logon name.';
  if (name.length > 128) return 'The logon name may have at most 128 characters.';
  if (!/^[a-z0-9._-]+$/.test(name)) return 'Use only lowercase letters, digits, ".", "_" and "-".';
  return null;
}
export function displayNameProblem(name: string): string | null {
  if (name.length < 1 || name.length > 24) return 'The display name must have 1 to 24 characters.';
  return null;
}

interface NewUser {
  userName: string;
  displayName: string;
  mode: 'console' | 'programmatic';
  passwordKind: 'generated' | 'custom';
  password?: string;
  resetRequired: boolean;
  mfaRequired: boolean;
}

export function UsersPage() {
  const users = useLoad(() => ram('ListUsers', { MaxItems: 1000 }));
  const [creating, setCreating] = useState(false);
  return (
    <>
      <Typography.Title level={3}>Users</Typography.Title>
      <ErrorAlert error={users.error} />
      <Button type="primary" data-testid="create-user" onClick={() => setCreating(true)} style={{ marginBottom: 16 }}>Create user</Button>
      <Table
        rowKey="UserName"
        loading={users.loading}
        dataSource={users.data?.Users?.User ?? []}
        columns={[
          { title: 'Logon name', dataIndex: 'UserName', render: (n: string) => <a data-testid={`user-${n}`} onClick={() => navigate(`/users/${encodeURIComponent(n)}`)}>{n}</a> },
          { title: 'Display name', dataIndex: 'DisplayName' },
          { title: 'Created', dataIndex: 'CreateDate' },
        ]}
      />
      <CreateUser open={creating} onClose={() => (setCreating(false), users.reload())} />
    </>
  );
}

function generatedPassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `${Array.from(bytes, (b) => 'abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789'[b % 55]).join('')}aZ7!`;
}

function CreateUser({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<NewUser>();
  const [step, setStep] = useState<'form' | 'code' | 'done'>('form');
  const [values, setValues] = useState<NewUser | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<{ password?: string; accessKey?: { AccessKeyId: string; AccessKeySecret: string } } | null>(null);
  const mode = Form.useWatch('mode', form);
  const passwordKind = Form.useWatch('passwordKind', form);

  const askCode = async (v: NewUser) => {
    setError(null);
    try {
      await post('/verification-code');
      setValues(v);
      setStep('code');
    } catch (err) {
      setError(err);
    }
  };
  const create = async ({ code }: { code: string }) => {
    if (!values) return;
    setError(null);
    try {
      await action(RAM, 'CreateUser', { UserName: values.userName, DisplayName: values.displayName }, { 'x-verification-code': code });
      if (values.mode === 'console') {
        const password = values.passwordKind === 'custom' ? values.password! : generatedPassword();
        await ram('CreateLoginProfile', { UserName: values.userName, Password: password, PasswordResetRequired: values.resetRequired, MFABindRequired: values.mfaRequired });
        setOutcome({ password });
      } else {
        const key = await ram('CreateAccessKey', { UserName: values.userName });
        setOutcome({ accessKey: key.AccessKey });
      }
      setStep('done');
    } catch (err) {
      setError(err);
    }
  };
  const close = () => (setStep('form'), setOutcome(null), setValues(null), setError(null), form.resetFields(), onClose());

  return (
    <Modal open={open} title="Create user" onCancel={close} footer={null} width={640} destroyOnHidden>
      <ErrorAlert error={error} />
      {step === 'form' ? (
        <Form form={form} layout="vertical" onFinish={askCode} initialValues={{ mode: 'console', passwordKind: 'generated', resetRequired: false, mfaRequired: false }}>
          <Form.Item label="Logon name" name="userName" extra="Lowercase letters, digits, '.', '_', '-'; at most 128 characters." validateTrigger="onChange" rules={[problemRule(logonNameProblem)]}>
            <Input data-testid="new-user-name" />
          </Form.Item>
          <Form.Item label="Display name" name="displayName" extra="1 to 24 characters." validateTrigger="onChange" rules={[problemRule(displayNameProblem)]}>
            <Input data-testid="new-user-display-name" />
          </Form.Item>
          <Form.Item label="Access mode" name="mode">
            <Radio.Group>
              <Radio value="console" data-testid="mode-console">Console password logon</Radio>
              <Radio value="programmatic" data-testid="mode-programmatic">Programmatic access (AccessKey)</Radio>
            </Radio.Group>
          </Form.Item>
          {mode === 'console' ? (
            <>
              <Form.Item label="Password" name="passwordKind">
                <Radio.Group>
                  <Radio value="generated">Generate</Radio>
                  <Radio value="custom" data-testid="password-custom">Custom</Radio>
                </Radio.Group>
              </Form.Item>
              {passwordKind === 'custom' ? (
                <Form.Item name="password" rules={[{ required: true }]}>
                  <Input.Password data-testid="new-user-password" />
                </Form.Item>
              ) : null}
              <Form.Item name="resetRequired" valuePropName="checked">
                <Checkbox data-testid="reset-required">Reset the password at next logon</Checkbox>
              </Form.Item>
              <Form.Item name="mfaRequired" valuePropName="checked">
                <Checkbox data-testid="mfa-required">Require MFA at logon</Checkbox>
              </Form.Item>
            </>
          ) : null}
          <Button type="primary" htmlType="submit" data-testid="create-user-next">Next</Button>
        </Form>
      ) : step === 'code' ? (
        <Form layout="vertical" onFinish={create}>
          <Alert type="info" title="A verification code was sent to the account owner." style={{ marginBottom: 16 }} />
          <Form.Item label="Verification code" name="code" rules={[{ required: true }]}>
            <Input data-testid="verification-code" />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="create-user-submit">Create</Button>
        </Form>
      ) : (
        <CreatedUser userName={values?.userName ?? ''} outcome={outcome} onClose={close} />
      )}
    </Modal>
  );
}

function CreatedUser({ userName, outcome, onClose }: { userName: string; outcome: { password?: string; accessKey?: { AccessKeyId: string; AccessKeySecret: string } } | null; onClose: () => void }) {
  const key = outcome?.accessKey;
  const csv = key ? `data:text/csv;charset=utf-8,${encodeURIComponent(`UserName,AccessKeyId,AccessKeySecret\n${userName},${key.AccessKeyId},${key.AccessKeySecret}\n`)}` : '';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type="success" title={`User ${userName} created.`} />
      {outcome?.password ? (
        <Typography.Paragraph>Password: <Typography.Text code copyable data-testid="created-password">{outcome.password}</Typography.Text></Typography.Paragraph>
      ) : null}
      {key ? (
        <>
          <Alert type="warning" title="The AccessKey secret is shown only now. It can never be shown again: copy it or download the CSV." />
          <Typography.Paragraph>AccessKey ID: <Typography.Text code data-testid="created-ak-id">{key.AccessKeyId}</Typography.Text></Typography.Paragraph>
          <Typography.Paragraph>AccessKey secret: <Typography.Text code copyable data-testid="created-ak-secret">{key.AccessKeySecret}</Typography.Text></Typography.Paragraph>
          <a href={csv} download={`${userName}-accesskey.csv`} data-testid="download-csv">Download CSV</a>
        </>
      ) : null}
      <Button onClick={onClose} data-testid="created-close">Close</Button>
    </Space>
  );
}
