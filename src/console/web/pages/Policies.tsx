import { Button, Form, Input, Modal, Radio, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ram } from '../api';
import { ErrorAlert } from '../ErrorAlert';
import { useLoad } from '../useLoad';

const TEMPLATE = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: ['arms:Get*', 'arms:List*'], Resource: '*' }] }, null, 2);

/** A JSON problem in place, before the server's grammar check (whose message is shown after Create). */
function jsonProblem(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (err) {
    return `Not valid JSON: ${(err as Error).message}`;
  }
}

export function PoliciesPage() {
  const [type, setType] = useState<'System' | 'Custom'>('System');
  const policies = useLoad(() => ram('ListPolicies', { PolicyType: type, MaxItems: 1000 }), [type]);
  const [creating, setCreating] = useState(false);
  const [viewing, setViewing] = useState<{ name: string; type: string } | null>(null);
  return (
    <>
      <Typography.Title level={3}>Policies</Typography.Title>
      <ErrorAlert error={policies.error} />
      <Radio.Group value={type} onChange={(e) => setType(e.target.value)} style={{ marginBottom: 16, marginRight: 16 }}>
        <Radio.Button value="System">System</Radio.Button>
        <Radio.Button value="Custom">Custom</Radio.Button>
      </Radio.Group>
      <Button type="primary" onClick={() => setCreating(true)} data-testid="create-policy">Create policy</Button>
      <Table
        rowKey="PolicyName"
        loading={policies.loading}
        dataSource={policies.data?.Policies?.Policy ?? []}
        columns={[
          { title: 'Policy', dataIndex: 'PolicyName', render: (n: string, r: { PolicyType: string }) => <a onClick={() => setViewing({ name: n, type: r.PolicyType })}>{n}</a> },
          { title: 'Type', dataIndex: 'PolicyType', render: (t: string) => <Tag>{t}</Tag> },
          { title: 'Default version', dataIndex: 'DefaultVersion' },
          { title: 'Description', dataIndex: 'Description' },
        ]}
      />
      <CreatePolicy open={creating} onClose={() => (setCreating(false), policies.reload())} />
      {viewing ? <PolicyView {...viewing} onClose={() => setViewing(null)} /> : null}
    </>
  );
}

function PolicyView({ name, type, onClose }: { name: string; type: string; onClose: () => void }) {
  const versions = useLoad(() => ram('ListPolicyVersions', { PolicyName: name, PolicyType: type }));
  return (
    <Modal open title={name} onCancel={onClose} footer={null} width={720}>
      <ErrorAlert error={versions.error} />
      {(versions.data?.PolicyVersions?.PolicyVersion ?? []).map((v: { VersionId: string; IsDefaultVersion: boolean; PolicyDocument: string }) => (
        <div key={v.VersionId}>
          <Typography.Text strong>{v.VersionId}{v.IsDefaultVersion ? ' (default)' : ''}</Typography.Text>
          <pre>{JSON.stringify(JSON.parse(v.PolicyDocument), null, 2)}</pre>
        </div>
      ))}
    </Modal>
  );
}

function CreatePolicy({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const submit = async (v: { name: string; description?: string; document: string }) => {
    setError(null);
    try {
      await ram('CreatePolicy', { PolicyName: v.name, Description: v.description ?? '', PolicyDocument: v.document });
      onClose();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Modal open={open} title="Create custom policy" onCancel={onClose} footer={null} width={720} destroyOnHidden>
      <ErrorAlert error={error} />
      <Form layout="vertical" onFinish={submit} initialValues={{ document: TEMPLATE }}>
        <Form.Item label="Name" name="name" rules={[{ required: true, pattern: /^[A-Za-z0-9-]{1,128}$/, message: 'Letters, digits and "-", at most 128 characters.' }]}><Input /></Form.Item>
        <Form.Item label="Description" name="description"><Input /></Form.Item>
        <Form.Item label="Policy document (JSON)" name="document" validateTrigger="onChange" rules={[{ validator: (_r, v: string = '') => (jsonProblem(v) ? Promise.reject(new Error(jsonProblem(v)!)) : Promise.resolve()) }]}>
          <Input.TextArea rows={14} style={{ fontFamily: 'monospace' }} data-testid="policy-document" />
        </Form.Item>
        <Button type="primary" htmlType="submit">Create</Button>
      </Form>
    </Modal>
  );
}
