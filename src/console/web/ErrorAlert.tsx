import { Alert } from 'antd';
import { explain } from './explain';

/** Shows an action's failure, denials explained (see explain.ts). */
export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  return <Alert data-testid="error" type="error" showIcon title={explain(error)} style={{ marginBottom: 16 }} />;
}
