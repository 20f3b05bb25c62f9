import type { ActionDef, ParamSpec, Params } from '../action.js';
import type { AppServices } from '../app-services.js';
import { IMS_VERSION } from '../ram/common.js';
import { checkPrincipalDomain, principalUserName } from './principal-name.js';

/** RAM's parameters for an IMS request: the UserPrincipalName's name part, and nothing else, is the UserName. */
function ramParams(params: Params): Params {
  const { UserName: _ignored, ...rest } = params;
  const userName = principalUserName(params, 'UserPrincipalName');
  return userName === undefined ? rest : { ...rest, UserName: userName };
}

/**
 * An IMS action answered by the RAM action of the same name: same authorization (`ram:<Action>` on the
 * same resources), same handler and response; only the user is addressed by UserPrincipalName.
 */
export function viaRam(ramActions: ActionDef<AppServices>[], name: string, params: Readonly<Record<string, ParamSpec>>): ActionDef<AppServices> {
  const ram = ramActions.find((action) => action.name === name);
  if (!ram) throw new Error(`no RAM action ${name} to answer IMS ${name}`);
  return {
    ...ram,
    product: 'Ims',
    version: IMS_VERSION,
    params,
    resources: (p, caller) => ram.resources(ramParams(p), caller),
    handler: async (ctx) => {
      await checkPrincipalDomain(ctx, 'UserPrincipalName');
      return ram.handler({ ...ctx, params: ramParams(ctx.params) });
    },
  };
}
