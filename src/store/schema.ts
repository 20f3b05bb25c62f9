/**
 * The database schema as Kysely sees it: one set of tables for SQLite and PostgreSQL. Times are
 * `YYYY-MM-DDThh:mm:ssZ` text (they sort as text and are what the API returns); booleans are 0/1
 * integers; instants used for arithmetic (expiry, revocation) are epoch seconds or milliseconds as
 * numbers. Migrations (migrations.ts) create exactly these columns.
 */

import type { ColumnType } from 'kysely';
export interface AccountsTable {
  account_id: string;
  alias: string | null;
  email: string | null;
  root_password_hash: string;
  password_policy: string | null; // JSON; null = defaults
  security_preference: string | null; // JSON; null = defaults
  created_at: string;
}

export interface AccessKeysTable {
  access_key_id: string;
  account_id: string;
  user_id: string | null; // null: a root AccessKey
  secret_sealed: string;
  status: 'Active' | 'Inactive';
  created_at: string;
  last_used_at: string | null;
}

export interface UsersTable {
  user_id: string;
  account_id: string;
  user_name: string;
  user_name_key: string; // lower-cased user_name: names are unique regardless of case
  display_name: string | null;
  mobile_phone: string | null;
  email: string | null;
  comments: string | null;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

export interface LoginProfilesTable {
  user_id: string;
  account_id: string;
  password_hash: string;
  password_reset_required: number;
  mfa_bind_required: number;
  created_at: string;
  updated_at: string;
  /** When the password was last set (MaxPasswordAge counts from here); null only on rows older than migration 0004. */
  password_changed_at: string | null;
  /** JSON array of the scrypt hashes of earlier passwords, newest first, at most 24 (PasswordReusePrevention). */
  previous_password_hashes: ColumnType<string, string | undefined, string>;
}

export interface LoginFailuresTable {
  principal_key: string; // "<accountId>" for root, "<accountId>/<userId>" for a RAM user
  window_start: number; // epoch ms of the first failure in the current hour
  failures: number;
  locked_until: number; // epoch ms, 0 = not locked
}

export interface MfaDevicesTable {
  serial_number: string;
  account_id: string;
  device_name: string;
  seed_sealed: string;
  user_id: string | null;
  activated_at: string | null;
  created_at: string;
  /** The latest 30-second TOTP step whose code was accepted: no code of that step or earlier is taken again. */
  last_used_step: number | null;
}

export interface GroupsTable {
  group_id: string;
  account_id: string;
  group_name: string;
  group_name_key: string;
  comments: string | null;
  created_at: string;
  updated_at: string;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
  account_id: string;
  joined_at: string;
}

export interface RolesTable {
  role_id: string;
  account_id: string;
  role_name: string;
  role_name_key: string; // lower-cased: the ARN's identifier (api-facts §2.8)
  description: string | null;
  trust_policy: string;
  max_session_duration: number;
  created_at: string;
  updated_at: string;
}

export interface PoliciesTable {
  account_id: string;
  policy_name: string;
  policy_name_key: string;
  description: string | null;
  default_version: string;
  next_version: number;
  created_at: string;
  updated_at: string;
}

export interface PolicyVersionsTable {
  account_id: string;
  policy_name_key: string;
  version_id: string;
  document: string;
  created_at: string;
}

export interface PolicyAttachmentsTable {
  account_id: string;
  principal_type: 'User' | 'Group' | 'Role';
  principal_id: string;
  policy_type: 'System' | 'Custom';
  policy_name_key: string;
  attached_at: string;
}

export interface UsedNoncesTable {
  nonce_key: string; // hash of AccessKeyId + nonce
  expires_at: number; // epoch ms
}

/** Console sessions ended by logout, kept until they would have expired (src/console/logouts.ts). */
export interface ConsoleLogoutsTable {
  session_key: string;
  expires_at: number;
}

/** Accepted nonces of the single-node replay guard, a batch per row: 8 bytes (hi, lo big-endian) per nonce. */
export interface NonceBatchesTable {
  expires_at: number;
  keys: Uint8Array;
}

export interface AuditEventsTable {
  event_id: string;
  account_id: string; // whose trail this row belongs to
  event_ms: number;
  // Columns LookupEvents narrows on in SQL; everything else is read from the event itself.
  service: string;
  action: string;
  user_name: string | null;
  access_key_id: string | null;
  event: string; // the whole event as JSON
}

/**
 * Events written behind (audit/recorder.ts), a row per trail and write-behind batch (or 64 KiB of its
 * events): `events` holds them as JSON lines (UTF-8, one event per line, in the order they were
 * recorded), compressed with raw DEFLATE (RFC 1951).
 */
export interface AuditEventBatchesTable {
  batch_id: string;
  account_id: string; // whose trail
  first_ms: number; // the earliest and latest second (epoch ms) the events are dated
  last_ms: number;
  last_event_id: string; // with last_ms, the newest event's place in trail order (second, event ID)
  event_count: number;
  events: Uint8Array;
}

export interface KeyRingTable {
  ring_id: string; // 'sts'
  sealed: string;
  updated_at: string;
}

export interface SessionRevocationsTable {
  account_id: string;
  role_id: string;
  revoked_before: number; // epoch seconds
}

export interface ArmsTraceAppsTable {
  account_id: string;
  region_id: string;
  app_id: number;
  pid: string;
  app_name: string;
  app_type: string;
  labels: string; // JSON array
  tags: string; // JSON array of {Key, Value}
  create_time: number; // epoch ms
  update_time: number;
}

export interface ArmsContactsTable {
  account_id: string;
  contact_id: number;
  contact_name: string;
  phone: string | null;
  email: string | null;
  ding_robot_url: string | null;
  webhook: string | null;
  system_noc: number;
  reissue_send_notice: number;
  is_verify: number;
  create_time: number;
  update_time: number;
}

export interface OutboxTable {
  message_id: string;
  account_id: string;
  kind: string;
  body: string;
  created_at: string;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface Database {
  accounts: AccountsTable;
  access_keys: AccessKeysTable;
  users: UsersTable;
  login_profiles: LoginProfilesTable;
  login_failures: LoginFailuresTable;
  mfa_devices: MfaDevicesTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  roles: RolesTable;
  policies: PoliciesTable;
  policy_versions: PolicyVersionsTable;
  policy_attachments: PolicyAttachmentsTable;
  used_nonces: UsedNoncesTable;
  nonce_batches: NonceBatchesTable;
  console_logouts: ConsoleLogoutsTable;
  audit_events: AuditEventsTable;
  audit_event_batches: AuditEventBatchesTable;
  key_ring: KeyRingTable;
  session_revocations: SessionRevocationsTable;
  arms_trace_apps: ArmsTraceAppsTable;
  arms_contacts: ArmsContactsTable;
  outbox: OutboxTable;
  counters: CountersTable;
}
