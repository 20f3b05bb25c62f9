import { Button, Form, Input, InputNumber, Modal, Radio, Space, Steps, Table, Typography } from 'antd';
import { useState } from 'react';
import { getMe, ram } from '../api';
import { ErrorAlert } from '../ErrorAlert';
import { JsonDocumentItem, prettyJson } from '../JsonDocumentItem';
import { problemRule } from '../rules';
import { useLoad } from '../useLoad';
import { AddPermissionsButton, AttachedPolicies } from './PermissionsPanel';

/** Role names: letters, digits, '.' and '-', at most 64 characters (api-facts §2.2). */
function roleNameProblem(name: string): string | null {
  if (name.length < 1 || name.length > 64) return 'The role name must have 1 to 64 characters.';
  return /^[A-Za-z0-9.-]+$/.test(name) ? null : 'Use only letters, digits, "." and "-".';
}

interface RoleRow {
  RoleName: string;
  Arn: string;
  Description?: string;
  MaxSessionDuration: number;
}

export function RolesPage() {
  const roles = useLoad(() => ram('ListRoles', { MaxItems: 1000 }));
  const [creating, setCreating] = useState(false);
  const [viewing, setViewing] = useState<string | null>(null);
  return (
    <>
      <Typography.Title level={3}>Roles</Typography.Title>
      <ErrorAlert error={roles.error} />
      <Button type="primary" data-testid="create-role" onClick={() => setCreating(true)} style={{ marginBottom: 16 }}>Create role</Button>
      <Table<RoleRow>
        rowKey="RoleName"
        loading={roles.loading}
        dataSource={roles.data?.Roles?.Role ?? []}
        columns={[
          { title: 'Role', dataIndex: 'RoleName', render: (n: string) => <a data-testid={`role-${n}`} onClick={() => setViewing(n)}>{n}</a> },
          { title: 'ARN', dataIndex: 'Arn' },
          { title: 'Max session (s)', dataIndex: 'MaxSessionDuration' },
          { title: '', key: 'grant', render: (_v, r) => <AddPermissionsButton target={{ kind: 'Role', name: r.RoleName }} /> },
        ]}
      />
      <CreateRole open={creating} onClose={() => (setCreating(false), roles.reload())} />
      {viewing ? <RoleDetail roleName={viewing} onClose={() => setViewing(null)} /> : null}
    </>
  );
}

function RoleDetail({ roleName, onClose }: { roleName: string; onClose: () => void }) {
  const role = useLoad(() => ram('GetRole', { RoleName: roleName }));
  const trust = role.data?.Role?.AssumeRolePolicyDocument as string | undefined;
  const [editing, setEditing] = useState(false);
  return (
    <Modal open title={`Role ${roleName}`} onCancel={onClose} footer={null} width={720}>
      <ErrorAlert error={role.error} />
      <Typography.Title level={5}>Trust policy</Typography.Title>
      {editing ? (
        <TrustPolicyEditor roleName={roleName} document={prettyJson(trust)} onDone={(saved) => (setEditing(false), saved && role.reload())} />
      ) : (
        <>
          <pre data-testid="trust-policy">{prettyJson(trust)}</pre>
          <Button data-testid="edit-trust-policy" disabled={!trust} onClick={() => setEditing(true)}>Edit trust policy</Button>
        </>
      )}
      <Typography.Title level={5}>Permissions</Typography.Title>
      <AttachedPolicies target={{ kind: 'Role', name: roleName }} />
    </Modal>
  );
}

/** The trust policy's JSON editor: UpdateRole with NewAssumeRolePolicyDocument; the server's grammar errors shown in place. */
function TrustPolicyEditor({ roleName, document, onDone }: { roleName: string; document: string; onDone: (saved: boolean) => void }) {
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const save = async ({ trust }: { trust: string }) => {
    setError(null);
    setSaving(true);
    try {
      await ram('UpdateRole', { RoleName: roleName, NewAssumeRolePolicyDocument: trust });
      onDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form layout="vertical" onFinish={save} initialValues={{ trust: document }} data-testid="trust-policy-editor">
      <ErrorAlert error={error} />
      <JsonDocumentItem label="Trust policy (JSON)" name="trust" testId="trust-policy-document" />
      <Space>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="trust-policy-save">Save</Button>
        <Button onClick={() => onDone(false)} data-testid="trust-policy-cancel">Cancel</Button>
      </Space>
    </Form>
  );
}

function CreateRole({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [step, setStep] = useState(0);
  const [form] = Form.useForm<{ trusted: 'current' | 'other'; accountId?: string; roleName: string; description?: string; maxSession: number }>();
  const [error, setError] = useState<unknown>(null);
  const trusted = Form.useWatch('trusted', form);
  const create = async () => {
    setError(null);
    try {
      const v = await form.validateFields();
      const accountId = v.trusted === 'current' ? (await getMe()).actingAs!.accountId : v.accountId!;
      const document = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${accountId}:root`] } }] };
      await ram('CreateRole', { RoleName: v.roleName, Description: v.description ?? '', AssumeRolePolicyDocument: JSON.stringify(document), MaxSessionDuration: v.maxSession });
      setStep(2);
    } catch (err) {
      if (!(err && typeof err === 'object' && 'errorFields' in err)) setError(err);
    }
  };
  const close = () => (setStep(0), setError(null), form.resetFields(), onClose());
  return (
    <Modal open={open} title="Create role" onCancel={close} footer={null} width={640} destroyOnHidden>
      <Steps current={step} items={[{ title: 'Trusted entity' }, { title: 'Role' }, { title: 'Done' }]} style={{ marginBottom: 16 }} />
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" initialValues={{ trusted: 'other', maxSession: 3600 }} preserve>
        <div style={{ display: step === 0 ? 'block' : 'none' }}>
          <Typography.Paragraph>Trusted entity type: Alibaba Cloud account</Typography.Paragraph>
          <Form.Item name="trusted">
            <Radio.Group>
              <Radio value="current">Current account</Radio>
              <Radio value="other" data-testid="trust-other">Other account</Radio>
            </Radio.Group>
          </Form.Item>
          {trusted === 'other' ? (
            <Form.Item label="Account ID" name="accountId" rules={[{ required: step === 0, pattern: /^\d{16}$/, message: 'An account ID has 16 digits.' }]}>
              <Input data-testid="trusted-account-id" />
            </Form.Item>
          ) : null}
          <Button type="primary" data-testid="role-next" onClick={() => form.validateFields(['accountId']).then(() => setStep(1), () => undefined)}>Next</Button>
        </div>
        <div style={{ display: step === 1 ? 'block' : 'none' }}>
          <Form.Item label="Role name" name="roleName" extra="Letters, digits, '.' and '-'; at most 64 characters." validateTrigger="onChange" rules={[problemRule((v) => (step === 1 ? roleNameProblem(v) : null))]}>
            <Input data-testid="role-name" />
          </Form.Item>
          <Form.Item label="Description" name="description"><Input /></Form.Item>
          <Form.Item label="Maximum session duration (seconds)" name="maxSession"><InputNumber min={3600} max={43200} /></Form.Item>
          <Button onClick={() => setStep(0)} style={{ marginRight: 8 }}>Back</Button>
          <Button type="primary" data-testid="role-create" onClick={create}>Create</Button>
        </div>
      </Form>
      {step === 2 ? <Button data-testid="role-done" onClick={close}>Close</Button> : null}
    </Modal>
  );
}
