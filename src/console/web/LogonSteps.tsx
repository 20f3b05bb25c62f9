import { Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { post, type Me } from './api';
import { ErrorAlert } from './ErrorAlert';

/** The steps a logon may still need: an MFA code, a new password, an MFA device to bind. */
export function LogonSteps({ me, password, onDone }: { me: Me; password: string; onDone: (me: Me) => void }) {
  const step = me.pending[0];
  return (
    <Card style={{ maxWidth: 480, margin: '80px auto' }}>
      {step === 'mfa' ? <MfaCode onDone={onDone} /> : step === 'change-password' ? <ChangePassword oldPassword={password} onDone={onDone} /> : <BindMfa onDone={onDone} />}
    </Card>
  );
}

function useSubmit<T>(run: (values: T) => Promise<Me>, onDone: (me: Me) => void) {
  const [error, setError] = useState<unknown>(null);
  const submit = async (values: T) => {
    setError(null);
    try {
      onDone(await run(values));
    } catch (err) {
      setError(err);
    }
  };
  return { error, submit };
}

function MfaCode({ onDone }: { onDone: (me: Me) => void }) {
  const { error, submit } = useSubmit((v: { code: string }) => post('/logon/mfa', v), onDone);
  return (
    <Form layout="vertical" onFinish={submit}>
      <Typography.Title level={4}>MFA code</Typography.Title>
      <ErrorAlert error={error} />
      <Form.Item label="6-digit code from your authenticator app" name="code" rules={[{ required: true, pattern: /^\d{6}$/, message: 'Enter the 6 digits' }]}>
        <Input data-testid="mfa-code" autoComplete="one-time-code" />
      </Form.Item>
      <Button type="primary" htmlType="submit" data-testid="mfa-submit">Verify</Button>
    </Form>
  );
}

function ChangePassword({ oldPassword, onDone }: { oldPassword: string; onDone: (me: Me) => void }) {
  const { error, submit } = useSubmit((v: { newPassword: string }) => post('/logon/change-password', { oldPassword, newPassword: v.newPassword }), onDone);
  return (
    <Form layout="vertical" onFinish={submit}>
      <Typography.Title level={4}>Set a new password</Typography.Title>
      <Typography.Paragraph>Your administrator requires a new password at this logon.</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form.Item label="New password" name="newPassword" rules={[{ required: true }]}>
        <Input.Password data-testid="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" data-testid="change-password-submit">Change password</Button>
    </Form>
  );
}

function BindMfa({ onDone }: { onDone: (me: Me) => void }) {
  const [offer, setOffer] = useState<{ secret: string; qrCodePng: string } | null>(null);
  const [startError, setStartError] = useState<unknown>(null);
  const { error, submit } = useSubmit((v: { code1: string; code2: string }) => post('/logon/bind-mfa/finish', v), onDone);
  const start = async () => {
    try {
      setOffer(await post('/logon/bind-mfa/start'));
    } catch (err) {
      setStartError(err);
    }
  };
  return (
    <>
      <Typography.Title level={4}>Bind a virtual MFA device</Typography.Title>
      <Typography.Paragraph>Your administrator requires MFA. Scan the QR code with an authenticator app, then enter two consecutive codes.</Typography.Paragraph>
      <ErrorAlert error={startError ?? error} />
      {!offer ? (
        <Button type="primary" onClick={start} data-testid="mfa-bind-start">Show the QR code</Button>
      ) : (
        <Form layout="vertical" onFinish={submit}>
          <img alt="MFA QR code" src={`data:image/png;base64,${offer.qrCodePng}`} width={180} />
          <Typography.Paragraph>
            Secret key: <Typography.Text code copyable data-testid="mfa-secret">{offer.secret}</Typography.Text>
          </Typography.Paragraph>
          <Form.Item label="First code" name="code1" rules={[{ required: true, pattern: /^\d{6}$/ }]}>
            <Input data-testid="mfa-code1" />
          </Form.Item>
          <Form.Item label="Next code" name="code2" rules={[{ required: true, pattern: /^\d{6}$/ }]}>
            <Input data-testid="mfa-code2" />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="mfa-bind-submit">Bind</Button>
        </Form>
      )}
    </>
  );
}
