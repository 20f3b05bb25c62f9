import { Button, Form, Input, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { action, ACTIONTRAIL } from '../api';
import { ErrorAlert } from '../ErrorAlert';
import { useLoad } from '../useLoad';

interface Filter {
  start?: string;
  end?: string;
  user?: string;
  eventName?: string;
  result: 'all' | 'success' | 'failure';
}

interface TrailEvent {
  eventId: string;
  eventTime: string;
  eventName: string;
  serviceName: string;
  errorCode?: string;
  errorMessage?: string;
  recipientAccountId: string;
  userIdentity: { type: string; accountId: string; arn: string; userName?: string; sessionContext?: { sessionIssuer: { userName: string }; callerArn: string; callerAccountId: string } };
}

/** LookupEvents 2020-07-06 filters time, user and action; the result filter is applied here (the API has none). */
function lookupParams(filter: Filter): Record<string, string> {
  const params: Record<string, string> = { MaxResults: '50' };
  if (filter.start) params.StartTime = new Date(filter.start).toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (filter.end) params.EndTime = new Date(filter.end).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const attributes = [filter.user && ['UserName', filter.user], filter.eventName && ['EventName', filter.eventName]].filter(Boolean) as string[][];
  attributes.forEach(([key, value], i) => {
    params[`LookupAttribute.${i + 1}.Key`] = key!;
    params[`LookupAttribute.${i + 1}.Value`] = value!;
  });
  return params;
}

export function AuditPage() {
  const [filter, setFilter] = useState<Filter>({ result: 'all' });
  const events = useLoad(() => action(ACTIONTRAIL, 'LookupEvents', lookupParams(filter)), [JSON.stringify(filter)]);
  const shown = ((events.data?.Events ?? []) as TrailEvent[]).filter((e) => filter.result === 'all' || (filter.result === 'failure') === Boolean(e.errorCode));
  return (
    <>
      <Typography.Title level={3}>Audit</Typography.Title>
      <Form layout="inline" onFinish={(v: Filter) => setFilter(v)} initialValues={filter} style={{ marginBottom: 16 }}>
        <Form.Item label="From" name="start"><Input type="datetime-local" /></Form.Item>
        <Form.Item label="To" name="end"><Input type="datetime-local" /></Form.Item>
        <Form.Item label="User" name="user"><Input style={{ width: 140 }} /></Form.Item>
        <Form.Item label="Action" name="eventName"><Input style={{ width: 160 }} /></Form.Item>
        <Form.Item label="Result" name="result"><Select style={{ width: 110 }} options={[{ value: 'all', label: 'All' }, { value: 'success', label: 'Success' }, { value: 'failure', label: 'Failure' }]} /></Form.Item>
        <Button htmlType="submit">Search</Button>
      </Form>
      <ErrorAlert error={events.error} />
      <Table<TrailEvent>
        data-testid="audit-events"
        rowKey="eventId"
        loading={events.loading}
        dataSource={shown}
        columns={[
          { title: 'Time', dataIndex: 'eventTime' },
          { title: 'Action', render: (_v, e) => `${e.serviceName}:${e.eventName}` },
          { title: 'Who', render: (_v, e) => e.userIdentity.sessionContext?.callerArn ?? e.userIdentity.arn },
          { title: 'Through role', render: (_v, e) => e.userIdentity.sessionContext?.sessionIssuer.userName ?? '' },
          { title: 'From account', render: (_v, e) => e.userIdentity.sessionContext?.callerAccountId ?? e.userIdentity.accountId },
          { title: 'Result', render: (_v, e) => (e.errorCode ? <Tag color="red" title={e.errorMessage}>{e.errorCode}</Tag> : <Tag color="green">Success</Tag>) },
        ]}
      />
    </>
  );
}
