import { Alert, Button, Input, List, Modal, Popconfirm, Table, Tag } from 'antd';
import { useState } from 'react';
import { ram } from '../api';
import { ErrorAlert } from '../ErrorAlert';
import { explain } from '../explain';
import { useLoad } from '../useLoad';

export type Principal = { kind: 'User' | 'Group' | 'Role'; name: string };
interface PolicyRow {
  PolicyName: string;
  PolicyType: 'System' | 'Custom';
  Description?: string;
}

/** "Add permissions" for a user, group or role: search, select several, confirm, then what happened to each. */
export function PermissionsPanel({ target, open, onClose }: { target: Principal; open: boolean; onClose: () => void }) {
  const [keyword, setKeyword] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [results, setResults] = useState<Array<{ name: string; ok: boolean; text: string }> | null>(null);
  const policies = useLoad(async () => {
    const [system, custom] = await Promise.all([ram('ListPolicies', { PolicyType: 'System', MaxItems: 1000 }), ram('ListPolicies', { PolicyType: 'Custom', MaxItems: 1000 })]);
    return [...(custom.Policies?.Policy ?? []), ...(system.Policies?.Policy ?? [])] as PolicyRow[];
  });
  const shown = (policies.data ?? []).filter((p) => p.PolicyName.toLowerCase().includes(keyword.toLowerCase()));
  const confirm = async () => {
    const byName = new Map((policies.data ?? []).map((p) => [p.PolicyName, p]));
    const outcome = [];
    for (const name of selected) {
      try {
        await ram(`AttachPolicyTo${target.kind}`, { PolicyName: name, PolicyType: byName.get(name)?.PolicyType ?? 'System', [`${target.kind}Name`]: target.name });
        outcome.push({ name, ok: true, text: 'attached' });
      } catch (err) {
        outcome.push({ name, ok: false, text: explain(err) });
      }
    }
    setResults(outcome);
  };
  const close = () => (setResults(null), setSelected([]), onClose());
  return (
    <Modal open={open} width={760} title={`Add permissions to ${target.kind.toLowerCase()} ${target.name}`} onCancel={close} onOk={results ? close : confirm} okText={results ? 'Done' : `Grant ${selected.length}`} okButtonProps={{ disabled: !results && selected.length === 0, ...({ 'data-testid': 'permissions-confirm' } as object) }}>
      {results ? (
        <List data-testid="permissions-result" dataSource={results} renderItem={(r) => <List.Item><Tag color={r.ok ? 'green' : 'red'}>{r.ok ? 'Granted' : 'Failed'}</Tag>{r.name}: {r.text}</List.Item>} />
      ) : (
        <>
          {policies.error ? <Alert type="error" title={explain(policies.error)} /> : null}
          <Input.Search data-testid="permissions-search" placeholder="Search policies by keyword" onChange={(e) => setKeyword(e.target.value)} style={{ marginBottom: 12 }} />
          <Table<PolicyRow>
            size="small"
            rowKey="PolicyName"
            loading={policies.loading}
            dataSource={shown}
            pagination={{ pageSize: 8 }}
            rowSelection={{ selectedRowKeys: selected, preserveSelectedRowKeys: true, onChange: (keys) => setSelected(keys as string[]) }}
            columns={[
              { title: 'Policy', dataIndex: 'PolicyName' },
              { title: 'Type', dataIndex: 'PolicyType', render: (t: string) => <Tag>{t}</Tag> },
              { title: 'Description', dataIndex: 'Description' },
            ]}
          />
        </>
      )}
    </Modal>
  );
}

export function AddPermissionsButton({ target, onChanged }: { target: Principal; onChanged?: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button data-testid="add-permissions" onClick={() => setOpen(true)}>Add permissions</Button>
      <PermissionsPanel target={target} open={open} onClose={() => (setOpen(false), onChanged?.())} />
    </>
  );
}

/**
 * The policies attached to a user, group or role (ListPoliciesFor<Kind>), with "Add permissions" and a
 * detach (DetachPolicyFrom<Kind>) per policy; failures are shown above the table.
 */
export function AttachedPolicies({ target }: { target: Principal }) {
  const policies = useLoad(() => ram(`ListPoliciesFor${target.kind}`, { [`${target.kind}Name`]: target.name }), [target.kind, target.name]);
  const [error, setError] = useState<unknown>(null);
  const detach = async (p: { PolicyName: string; PolicyType: string }) => {
    setError(null);
    try {
      await ram(`DetachPolicyFrom${target.kind}`, { PolicyName: p.PolicyName, PolicyType: p.PolicyType, [`${target.kind}Name`]: target.name });
    } catch (err) {
      setError(err);
    }
    policies.reload();
  };
  return (
    <div data-testid="attached-policies">
      <ErrorAlert error={error ?? policies.error} />
      <AddPermissionsButton target={target} onChanged={policies.reload} />
      <Table<{ PolicyName: string; PolicyType: string; AttachDate?: string }>
        size="small"
        rowKey="PolicyName"
        loading={policies.loading}
        dataSource={policies.data?.Policies?.Policy ?? []}
        columns={[
          { title: 'Policy', dataIndex: 'PolicyName' },
          { title: 'Type', dataIndex: 'PolicyType' },
          { title: 'Attached', dataIndex: 'AttachDate' },
          {
            title: '',
            key: 'detach',
            render: (_v, p) => (
              <Popconfirm title={`Detach ${p.PolicyName}?`} onConfirm={() => detach(p)}>
                <Button size="small" danger data-testid={`detach-${p.PolicyName}`}>Detach</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </div>
  );
}
