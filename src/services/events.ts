/**
 * Change channels announced through Store.publish to every node sharing the store.
 * - CREDENTIALS: an AccessKey or its user changed (payload: AccessKeyId, `user:<userId>`, or `*`);
 *   nodes drop cached long-term keys.
 * - PERMISSIONS: attachments, group memberships, policy default versions or roles of an account
 *   changed (payload: the account ID); nodes drop that account's compiled policy sets.
 */
export const CREDENTIALS_CHANNEL = 'credentials';
export const PERMISSIONS_CHANNEL = 'permissions';
