import type { ActionDef, Product } from './action.js';

/** API versions ramstack serves, with the product each names and the host real responses carry in HostId. */
export const PRODUCTS: Readonly<Record<string, { product: Product; hostId: string }>> = {
  '2015-04-01': { product: 'Sts', hostId: 'sts.aliyuncs.com' },
  '2015-05-01': { product: 'Ram', hostId: 'ram.aliyuncs.com' },
  '2019-08-15': { product: 'Ims', hostId: 'ims.aliyuncs.com' },
  '2019-08-08': { product: 'ARMS', hostId: 'arms.aliyuncs.com' },
  '2020-07-06': { product: 'Actiontrail', hostId: 'actiontrail.aliyuncs.com' },
};

/** The action catalogue: every action of every product, looked up by version and name. */
export class Catalogue {
  private readonly byKey = new Map<string, ActionDef<any>>();

  constructor(actions: ReadonlyArray<ActionDef<any>>) {
    for (const action of actions) {
      const key = `${action.version}/${action.name}`;
      if (this.byKey.has(key)) throw new Error(`action declared twice: ${key}`);
      this.byKey.set(key, action);
    }
  }

  find(version: string, name: string): ActionDef<any> | undefined {
    return this.byKey.get(`${version}/${name}`);
  }

  knowsVersion(version: string): boolean {
    return version in PRODUCTS;
  }

  all(): ActionDef<any>[] {
    return [...this.byKey.values()];
  }
}
