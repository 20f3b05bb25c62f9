import { Button, Checkbox, Form, Input, Modal, Popconfirm, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ram } from '../api';
import { ErrorAlert } from '../ErrorAlert';
import { JsonDocumentItem, prettyJson } from '../JsonDocumentItem';
import { useLoad } from '../useLoad';

const TEMPLATE = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: ['arms:Get*', 'arms:List*'], Resource: '*' }] }, null, 2);

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
          { title: 'Policy', dataIndex: 'PolicyName', render: (n: string, r: { PolicyType: string }) => <a data-testid={`policy-${n}`} onClick={() => setViewing({ name: n, type: r.PolicyType })}>{n}</a> },
          { title: 'Type', dataIndex: 'PolicyType', render: (t: string) => <Tag>{t}</Tag> },
          { title: 'Default version', dataIndex: 'DefaultVersion' },
          { title: 'Description', dataIndex: 'Description' },
        ]}
      />
      <CreatePolicy open={creating} onClose={() => (setCreating(false), policies.reload())} />
      {viewing ? <PolicyView {...viewing} onClose={() => (setViewing(null), policies.reload())} /> : null}
    </>
  );
}

interface PolicyVersionRow {
  VersionId: string;
  IsDefaultVersion: boolean;
  PolicyDocument: string;
  CreateDate?: string;
}

/** A policy's versions; for a custom policy also create a version, set the default, delete a non-default one. */
function PolicyView({ name, type, onClose }: { name: string; type: string; onClose: () => void }) {
  const versions = useLoad(() => ram('ListPolicyVersions', { PolicyName: name, PolicyType: type }));
  const [error, setError] = useState<unknown>(null);
  const custom = type === 'Custom';
  const rows: PolicyVersionRow[] = versions.data?.PolicyVersions?.PolicyVersion ?? [];
  const change = async (action: 'SetDefaultPolicyVersion' | 'DeletePolicyVersion', versionId: string) => {
    setError(null);
    try {
      await ram(action, { PolicyName: name, VersionId: versionId });
    } catch (err) {
      setError(err);
    }
    versions.reload();
  };
  const current = rows.find((v) => v.IsDefaultVersion) ?? rows[0];
  return (
    <Modal open title={name} onCancel={onClose} footer={null} width={760}>
      <ErrorAlert error={versions.error} />
      <div data-testid="policy-versions-error"><ErrorAlert error={error} /></div>
      {rows.map((v) => (
        <div key={v.VersionId} data-testid={`policy-version-${v.VersionId}`}>
          <Space>
            <Typography.Text strong>{v.VersionId}{v.IsDefaultVersion ? ' (default)' : ''}</Typography.Text>
            {custom && !v.IsDefaultVersion ? (
              <>
                <Button size="small" data-testid={`set-default-${v.VersionId}`} onClick={() => change('SetDefaultPolicyVersion', v.VersionId)}>Set as default</Button>
                <Popconfirm title={`Delete version ${v.VersionId}?`} onConfirm={() => change('DeletePolicyVersion', v.VersionId)}>
                  <Button size="small" danger data-testid={`delete-version-${v.VersionId}`}>Delete</Button>
                </Popconfirm>
              </>
            ) : null}
          </Space>
          <pre>{prettyJson(v.PolicyDocument)}</pre>
        </div>
      ))}
      {custom && current ? <CreateVersion key={current.VersionId + rows.length} policyName={name} document={prettyJson(current.PolicyDocument)} onCreated={versions.reload} /> : null}
    </Modal>
  );
}

function CreateVersion({ policyName, document, onCreated }: { policyName: string; document: string; onCreated: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const submit = async (v: { document: string; setAsDefault: boolean }) => {
    setError(null);
    try {
      await ram('CreatePolicyVersion', { PolicyName: policyName, PolicyDocument: v.document, SetAsDefault: v.setAsDefault });
      onCreated();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div data-testid="create-policy-version">
      <Typography.Title level={5}>New version</Typography.Title>
      <ErrorAlert error={error} />
      <Form layout="vertical" onFinish={submit} initialValues={{ document, setAsDefault: false }}>
        <JsonDocumentItem label="Policy document (JSON)" name="document" testId="policy-version-document" rows={10} />
        <Form.Item name="setAsDefault" valuePropName="checked">
          <Checkbox data-testid="policy-version-set-default">Set as default version</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="policy-version-create">Create version</Button>
      </Form>
    </div>
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
        <JsonDocumentItem label="Policy document (JSON)" name="document" testId="policy-document" />
        <Button type="primary" htmlType="submit">Create</Button>
      </Form>
    </Modal>
  );
}
