import { Form, Input } from 'antd';
import { problemRule } from './rules';

/** A JSON problem in place, before the server's grammar check (whose message is shown after submitting). */
export function jsonProblem(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (err) {
    return `Not valid JSON: ${(err as Error).message}`;
  }
}

/** Pretty-prints a JSON document as stored (compact) for the editor. */
export function prettyJson(text: string | undefined): string {
  if (!text) return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The JSON editor of policy documents (custom policies, their versions, role trust policies). */
export function JsonDocumentItem({ label, name, testId, rows = 14 }: { label: string; name: string; testId: string; rows?: number }) {
  return (
    <Form.Item label={label} name={name} validateTrigger="onChange" rules={[problemRule(jsonProblem)]}>
      <Input.TextArea rows={rows} style={{ fontFamily: 'monospace' }} data-testid={testId} />
    </Form.Item>
  );
}
