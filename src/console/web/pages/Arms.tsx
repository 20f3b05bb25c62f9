import { Button, Form, Input, Modal, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { action, ARMS } from '../api';
import { ErrorAlert } from '../ErrorAlert';
import { useLoad } from '../useLoad';

const REGIONS = ['cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'ap-southeast-1'];

/** ARMS trace apps and alert contacts of the account the console acts in; writes show their denial, explained. */
export function ArmsPage() {
  const [region, setRegion] = useState('cn-hangzhou');
  const apps = useLoad(() => action(ARMS, 'ListTraceApps', { RegionId: region }), [region]);
  const contacts = useLoad(() => action(ARMS, 'SearchAlertContact', { RegionId: region, PageSize: 100 }), [region]);
  const [adding, setAdding] = useState(false);
  const [writeError, setWriteError] = useState<unknown>(null);
  const remove = async (app: { AppId: number; Pid: string; Type: string }) => {
    setWriteError(null);
    try {
      await action(ARMS, 'DeleteTraceApp', { RegionId: region, AppId: app.AppId, Pid: app.Pid, Type: app.Type });
      apps.reload();
    } catch (err) {
      setWriteError(err);
    }
  };
  return (
    <>
      <Typography.Title level={3}>ARMS</Typography.Title>
      <Select value={region} onChange={setRegion} options={REGIONS.map((r) => ({ value: r, label: r }))} style={{ width: 200, marginBottom: 16 }} />
      <ErrorAlert error={writeError} />
      <Typography.Title level={4}>Trace applications</Typography.Title>
      <ErrorAlert error={apps.error} />
      <Table
        data-testid="trace-apps"
        rowKey="Pid"
        loading={apps.loading}
        dataSource={apps.data?.TraceApps ?? []}
        columns={[
          { title: 'Name', dataIndex: 'AppName' },
          { title: 'App ID', dataIndex: 'AppId' },
          { title: 'Type', dataIndex: 'Type' },
          { title: '', key: 'delete', render: (_v, app: { AppId: number; Pid: string; Type: string; AppName: string }) => <Button danger size="small" data-testid={`delete-app-${app.AppName}`} onClick={() => remove(app)}>Delete</Button> },
        ]}
      />
      <Typography.Title level={4}>Alert contacts</Typography.Title>
      <ErrorAlert error={contacts.error} />
      <Button data-testid="add-contact" onClick={() => setAdding(true)} style={{ marginBottom: 16 }}>Add contact</Button>
      <Table rowKey="ContactId" loading={contacts.loading} dataSource={contacts.data?.PageBean?.Contacts ?? []} columns={[{ title: 'Name', dataIndex: 'ContactName' }, { title: 'Email', dataIndex: 'Email' }, { title: 'Phone', dataIndex: 'Phone' }]} />
      <AddContact open={adding} region={region} onClose={() => (setAdding(false), contacts.reload())} />
    </>
  );
}

function AddContact({ open, region, onClose }: { open: boolean; region: string; onClose: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const submit = async (v: { name: string; email: string }) => {
    setError(null);
    try {
      await action(ARMS, 'CreateAlertContact', { RegionId: region, ContactName: v.name, Email: v.email });
      onClose();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Modal open={open} title="Add alert contact" onCancel={() => (setError(null), onClose())} footer={null} destroyOnHidden>
      <ErrorAlert error={error} />
      <Form layout="vertical" onFinish={submit}>
        <Form.Item label="Name" name="name" rules={[{ required: true }]}><Input data-testid="contact-name" /></Form.Item>
        <Form.Item label="Email" name="email" rules={[{ required: true, type: 'email' }]}><Input data-testid="contact-email" /></Form.Item>
        <Button type="primary" htmlType="submit" data-testid="contact-submit">Add</Button>
      </Form>
    </Modal>
  );
}
