import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { ApiError } from '../errors/api-error.js';
import { apiError } from '../errors/catalogue.js';
import type { ActionDef, Caller, Params, RequestInfo } from '../services/action.js';
import { PRODUCTS, type Catalogue } from '../services/catalogue.js';
import type { Database, Store } from '../store/store.js';
import type { Transaction } from 'kysely';
import type { Metrics } from '../server/metrics.js';
import type { Authenticator } from './authenticate.js';
import type { Authorizer } from './authorize.js';
import { failure, success, type Format, type HttpAnswer } from './respond.js';
import { parseRpcRequest, type HttpRequestParts, type RpcRequest } from './rpc-request.js';
import { validateParams } from './params.js';
import type { AuditDraft, AuditSink } from '../audit/sink.js';

export interface GatewayDeps {
  catalogue: Catalogue;
  authenticator: Authenticator;
  authorizer: Authorizer;
  store: Store;
  /** Handed to every handler as ctx.services. */
  services: unknown;
  logger: Logger;
  metrics: Metrics;
  clock: () => number;
  audit: AuditSink;
}

export interface GatewayAnswer extends HttpAnswer {
  requestId: string;
}

/**
 * The RPC protocol over HTTP: parse, route by (Version, Action), authenticate, validate, authorize,
 * run the handler, answer in JSON or XML. Every failure is an ApiError from the catalogue; anything
 * else is logged with the request ID and answered InternalError without internals.
 */
export class Gateway {
  constructor(private readonly deps: GatewayDeps) {}

  async handle(parts: HttpRequestParts): Promise<GatewayAnswer> {
    const started = performance.now();
    const requestId = randomUUID().toUpperCase();
    const now = this.deps.clock();
    let format: Format = 'JSON';
    let rpc: RpcRequest | undefined;
    let action: ActionDef<any> | undefined;
    let answer: HttpAnswer;
    let code = 'Success';
    const attempt: { caller?: Caller } = {};
    let executed = false;
    try {
      rpc = parseRpcRequest(parts);
      format = rpc.format;
      if (!this.deps.catalogue.knowsVersion(rpc.version)) throw apiError('InvalidVersion');
      action = this.deps.catalogue.find(rpc.version, rpc.action);
      if (!action) throw apiError('InvalidAction.NotFound');
      const request: RequestInfo = { requestId, sourceIp: parts.sourceIp, secure: parts.secure, userAgent: headerText(parts.headers['user-agent']), now };
      const caller = await this.deps.authenticator.authenticate(rpc, parts, now, attempt);
      executed = true;
      const result = await this.execute(action, rpc.params, caller, request, 'api');
      answer = success(format, action.name, requestId, result);
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : this.unexpected(err, requestId, rpc);
      code = apiErr.code;
      // A real key whose request failed before the action ran (bad signature, replay) is still filed.
      if (action && rpc && attempt.caller && !executed) {
        const request = { sourceIp: parts.sourceIp, secure: parts.secure, userAgent: headerText(parts.headers['user-agent']) };
        this.deps.audit.record({ ...this.draft(action, rpc.params, attempt.caller, { requestId, now, ...request }, 'api'), result: failureResult(apiErr) });
      }
      const product = PRODUCTS[rpc?.version ?? '']?.product ?? 'Ram';
      const hostId = PRODUCTS[rpc?.version ?? '']?.hostId ?? 'ram.aliyuncs.com';
      answer = failure(format, apiErr, requestId, hostId, product);
    }
    const product = action?.product ?? 'unknown';
    this.deps.metrics.observe(product, action?.name ?? 'unknown', code, (performance.now() - started) / 1000);
    // Checked first so that a server logging at warn does not build the line's fields on every call.
    if (this.deps.logger.isLevelEnabled('info')) {
      this.deps.logger.info({ requestId, product, action: action?.name, accessKeyId: rpc?.accessKeyId, code, status: answer.status }, 'api call');
    }
    return { status: answer.status, contentType: answer.contentType, body: answer.body, requestId };
  }

  /** Answers a request the HTTP layer refused before it reached the gateway (body too large, bad media type, unknown path). */
  reject(err: ApiError): GatewayAnswer {
    const requestId = randomUUID().toUpperCase();
    this.deps.metrics.observe('unknown', 'unknown', err.code, 0);
    return { ...failure('JSON', err, requestId, 'ram.aliyuncs.com', 'Ram'), requestId };
  }

  /**
   * Runs one authenticated call — from the API or the console — and files its audit event: a write in
   * the transaction of the change, anything else (reads, denials, errors) right after.
   */
  async execute(action: ActionDef<any>, rawParams: Record<string, string>, caller: Caller, request: RequestInfo, channel: AuditDraft['channel']): Promise<Record<string, unknown>> {
    const draft = this.draft(action, rawParams, caller, request, channel);
    let recorded = false;
    try {
      const params = validateParams(action, rawParams);
      // Named for every action, not only policy-authorized ones: the trail files AssumeRole under the role owner too.
      const resources = action.resources(params, caller);
      draft.resources = resources;
      if (action.authorization === 'policy') await this.deps.authorizer.authorize(caller, action.ramAction, resources, request);
      const result = await action.handler({
        params,
        caller,
        request,
        store: this.deps.store,
        services: this.deps.services,
        transaction: async (fn) => {
          const value = await this.deps.store.transaction(async (trx) => {
            const changed = await fn(trx);
            if (!recorded) await this.deps.audit.recordInTransaction(trx, draft);
            return changed;
          });
          // Only once committed: a rolled-back change took its event with it, and the failure is filed below.
          recorded = true;
          return value;
        },
        authorizeAlso: (ramAction, resources) => this.deps.authorizer.authorize(caller, ramAction, resources, request),
      });
      if (!recorded) this.deps.audit.record(draft);
      return result;
    } catch (err) {
      // A change that committed keeps its one event, which describes what happened to the data.
      if (!recorded) this.deps.audit.record({ ...draft, result: failureResult(err instanceof ApiError ? err : apiError('InternalError')) });
      throw err;
    }
  }

  /**
   * Files, in the transaction of its change, a console logon step that writes data without running an
   * action (the forced MFA binding), under the action it stands for: the trail shows it like any other.
   */
  async recordStep(trx: Transaction<Database>, action: ActionDef<any>, params: Record<string, string>, caller: Caller, request: RequestInfo): Promise<void> {
    await this.deps.audit.recordInTransaction(trx, { ...this.draft(action, params, caller, request, 'console'), resources: action.resources(params, caller) });
  }

  private draft(action: ActionDef<any>, params: Record<string, string>, caller: Caller, request: Omit<RequestInfo, 'now'> & { now: number }, channel: AuditDraft['channel']): AuditDraft & { resources: readonly string[] } {
    return {
      requestId: request.requestId,
      time: request.now,
      // The declaration itself: it carries every field the draft needs, and it is never mutated.
      action,
      secretParams: secretParamsOf(action),
      request: { sourceIp: request.sourceIp, secure: request.secure, userAgent: request.userAgent },
      caller,
      params,
      resources: [],
      result: { code: 'Success' },
      channel,
    };
  }

  private unexpected(err: unknown, requestId: string, rpc: RpcRequest | undefined): ApiError {
    this.deps.logger.error({ requestId, action: rpc?.action, err }, 'unexpected error');
    return apiError('InternalError');
  }
}

function headerText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

function failureResult(err: ApiError): AuditDraft['result'] {
  return { code: err.code, message: err.message, ...(err.accessDeniedDetail ? { accessDeniedDetail: err.accessDeniedDetail } : {}) };
}

/** The declared secret parameters of an action, worked out once per action rather than on every request. */
const secretParamsByAction = new WeakMap<ActionDef<any>, readonly string[]>();
function secretParamsOf(action: ActionDef<any>): readonly string[] {
  let names = secretParamsByAction.get(action);
  if (!names) {
    names = Object.entries(action.params).filter(([, spec]) => spec.secret).map(([name]) => name);
    secretParamsByAction.set(action, names);
  }
  return names;
}
