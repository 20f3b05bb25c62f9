import type { ApiError } from '../errors/api-error.js';

/** The serialized HTTP answer of one API call. */
export interface HttpAnswer {
  status: number;
  contentType: string;
  body: string;
}

export type Format = 'JSON' | 'XML';

const JSON_TYPE = 'application/json;charset=utf-8';
const XML_TYPE = 'text/xml;charset=utf-8';

export function success(format: Format, action: string, requestId: string, result: Record<string, unknown>): HttpAnswer {
  const body = { RequestId: requestId, ...result };
  return format === 'XML'
    ? { status: 200, contentType: XML_TYPE, body: xmlDocument(`${action}Response`, body) }
    : { status: 200, contentType: JSON_TYPE, body: JSON.stringify(body) };
}

/** Alibaba's error envelope (api-facts §5): RequestId, HostId, Code, Message, Recommend, AccessDeniedDetail. */
export function failure(format: Format, err: ApiError, requestId: string, hostId: string, product: string): HttpAnswer {
  const body: Record<string, unknown> = {
    RequestId: requestId,
    HostId: hostId,
    Code: err.code,
    Message: err.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}&product=${product}&requestId=${requestId}`,
  };
  if (err.accessDeniedDetail) body.AccessDeniedDetail = err.accessDeniedDetail;
  return format === 'XML'
    ? { status: err.status, contentType: XML_TYPE, body: xmlDocument('Error', body) }
    : { status: err.status, contentType: JSON_TYPE, body: JSON.stringify(body) };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/** Arrays repeat their element name (`<Users><User>…</User><User>…</User></Users>`), as Alibaba's XML does. */
function xmlElement(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((item) => xmlElement(name, item)).join('');
  if (typeof value === 'object') {
    const inner = Object.entries(value as Record<string, unknown>).map(([k, v]) => xmlElement(k, v)).join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function xmlDocument(root: string, body: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${xmlElement(root, body)}`;
}
