import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/**
 * Versioned migrations, applied in name order on every start (Kysely's Migrator records them).
 * Append new migrations; never edit one that has shipped.
 */
function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_initial': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('accounts')
          .addColumn('account_id', 'text', (c) => c.primaryKey())
          .addColumn('alias', 'text', (c) => c.unique())
          .addColumn('email', 'text')
          .addColumn('root_password_hash', 'text', (c) => c.notNull())
          .addColumn('password_policy', 'text')
          .addColumn('security_preference', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('access_keys')
          .addColumn('access_key_id', 'text', (c) => c.primaryKey())
          .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.account_id'))
          .addColumn('user_id', 'text')
          .addColumn('secret_sealed', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('last_used_at', 'text')
          .execute();
        await db.schema.createIndex('access_keys_by_user').on('access_keys').columns(['account_id', 'user_id']).execute();

        await db.schema
          .createTable('users')
          .addColumn('user_id', 'text', (c) => c.primaryKey())
          .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.account_id'))
          .addColumn('user_name', 'text', (c) => c.notNull())
          .addColumn('user_name_key', 'text', (c) => c.notNull())
          .addColumn('display_name', 'text')
          .addColumn('mobile_phone', 'text')
          .addColumn('email', 'text')
          .addColumn('comments', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('last_login_at', 'text')
          .addUniqueConstraint('users_name_unique', ['account_id', 'user_name_key'])
          .execute();

        await db.schema
          .createTable('login_profiles')
          .addColumn('user_id', 'text', (c) => c.primaryKey())
          .addColumn('account_id', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('password_reset_required', 'integer', (c) => c.notNull())
          .addColumn('mfa_bind_required', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('login_failures')
          .addColumn('principal_key', 'text', (c) => c.primaryKey())
          .addColumn('window_start', 'bigint', (c) => c.notNull())
          .addColumn('failures', 'integer', (c) => c.notNull())
          .addColumn('locked_until', 'bigint', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('mfa_devices')
          .addColumn('serial_number', 'text', (c) => c.primaryKey())
          .addColumn('account_id', 'text', (c) => c.notNull())
          .addColumn('device_name', 'text', (c) => c.notNull())
          .addColumn('seed_sealed', 'text', (c) => c.notNull())
          .addColumn('user_id', 'text', (c) => c.unique())
          .addColumn('activated_at', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('groups')
          .addColumn('group_id', 'text', (c) => c.primaryKey())
          .addColumn('account_id', 'text', (c) => c.notNull())
          .addColumn('group_name', 'text', (c) => c.notNull())
          .addColumn('group_name_key', 'text', (c) => c.notNull())
          .addColumn('comments', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('groups_name_unique', ['account_id', 'group_name_key'])
          .execute();

        await db.schema
          .createTable('group_members')
          .addColumn('group_id', 'text', (c) => c.notNull())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('account_id', 'text', (c) => c.notNull())
          .addColumn('joined_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'user_id'])
          .execute();
        await db.schema.createIndex('group_members_by_user').on('group_members').column('user_id').execute();

        await db.schema
          .createTable('roles')
          .addColumn('role_id', 'text', (c) => c.primaryKey())
          .addColumn('account_id', 'text', (c) => c.notNull())
          .addColumn('role_name', 'text', (c) => c.notNull())
          .addColumn('role_name_key', 'text', (c) => c.notNull())
          .addColumn('description', 'text')
          .addColumn('trust_policy', 'text', (c) => c.notNull())
          .addColumn('max_session_duration', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('roles_name_unique', ['account_id', 'role_name_key'])
          .execute();

        await db.schema
          .createTable('policies')
          .addColumn('account_id', 'text', (c) => c.notNull())
          .addColumn('policy_name', 'text', (c) => c.notNull())
          .addColumn('policy_name_key', 'text', (c) => c.notNull())
          .addColumn('description', 'text')
          .addColumn('default_version', 'text', (c) => c.notNull())
          .addColumn('next_version', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('policies_pk', ['account_id', 'policy_name_key'])
          .execute();

        await db.schema
          .createTable('policy_versions')
          .addColumn('account_id', 'text', (c) => c.notNull())
          .addColumn('policy_name_key', 'text', (c) => c.notNull())
          .addColumn('version_id', 'text', (c) => c.notNull())
          .addColumn('document', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('policy_versions_pk', ['account_id', 'policy_name_key', 'version_id'])
          .execute();

        await db.schema
          .createTable('policy_attachments')
          .addColumn('account_id', 'text', (c) => c.notNull())
          .addColumn('principal_type', 'text', (c) => c.notNull())
          .addColumn('principal_id', 'text', (c) => c.notNull())
          .addColumn('policy_type', 'text', (c) => c.notNull())
          .addColumn('policy_name_key', 'text', (c) => c.notNull())
          .addColumn('attached_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('policy_attachments_pk', ['account_id', 'principal_type', 'principal_id', 'policy_type', 'policy_name_key'])
          .execute();
        await db.schema
          .createIndex('policy_attachments_by_policy')
          .on('policy_attachments')
          .columns(['account_id', 'policy_type', 'policy_name_key'])
          .execute();

        // Nonces are a replay window, not records: on PostgreSQL the table is UNLOGGED, so remembering
        // one costs no WAL flush (it is cleared after a crash, when the in-memory window of each node
        // still holds the recent ones — see src/gateway/replay).
        const nonces = dialect === 'postgres' ? db.schema.createTable('used_nonces').modifyFront(sql`unlogged`) : db.schema.createTable('used_nonces');
        await nonces
          .addColumn('nonce_key', 'text', (c) => c.primaryKey())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('used_nonces_by_expiry').on('used_nonces').column('expires_at').execute();

        await db.schema
          .createTable('audit_events')
          .addColumn('event_id', 'text', (c) => c.notNull())
          .addColumn('account_id', 'text', (c) => c.notNull())
          .addColumn('event_time', 'text', (c) => c.notNull())
          .addColumn('event_ms', 'bigint', (c) => c.notNull())
          .addColumn('request_id', 'text', (c) => c.notNull())
          .addColumn('service', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('api_version', 'text', (c) => c.notNull())
          .addColumn('user_name', 'text')
          .addColumn('access_key_id', 'text')
          .addColumn('resource_name', 'text')
          .addColumn('result_code', 'text', (c) => c.notNull())
          .addColumn('event', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('audit_events_pk', ['account_id', 'event_id'])
          .execute();
        await db.schema.createIndex('audit_events_by_time').on('audit_events').columns(['account_id', 'event_ms']).execute();

        await db.schema
          .createTable('key_ring')
          .addColumn('ring_id', 'text', (c) => c.primaryKey())
          .addColumn('sealed', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('session_revocations')
          .addColumn('account_id', 'text', (c) => c.notNull())
          .addColumn('role_id', 'text', (c) => c.notNull())
          .addColumn('revoked_before', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('session_revocations_pk', ['account_id', 'role_id'])
          .execute();

        await db.schema
          .createTable('arms_trace_apps')
          .addColumn('account_id', 'text', (c) => c.notNull())
          .addColumn('region_id', 'text', (c) => c.notNull())
          .addColumn('app_id', 'bigint', (c) => c.notNull())
          .addColumn('pid', 'text', (c) => c.notNull())
          .addColumn('app_name', 'text', (c) => c.notNull())
          .addColumn('app_type', 'text', (c) => c.notNull())
          .addColumn('labels', 'text', (c) => c.notNull())
          .addColumn('tags', 'text', (c) => c.notNull())
          .addColumn('create_time', 'bigint', (c) => c.notNull())
          .addColumn('update_time', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('arms_trace_apps_pk', ['account_id', 'region_id', 'pid'])
          .execute();

        await db.schema
          .createTable('arms_contacts')
          .addColumn('account_id', 'text', (c) => c.notNull())
          .addColumn('contact_id', 'bigint', (c) => c.notNull())
          .addColumn('contact_name', 'text', (c) => c.notNull())
          .addColumn('phone', 'text')
          .addColumn('email', 'text')
          .addColumn('ding_robot_url', 'text')
          .addColumn('webhook', 'text')
          .addColumn('system_noc', 'integer', (c) => c.notNull())
          .addColumn('reissue_send_notice', 'integer', (c) => c.notNull())
          .addColumn('is_verify', 'integer', (c) => c.notNull())
          .addColumn('create_time', 'bigint', (c) => c.notNull())
          .addColumn('update_time', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('arms_contacts_pk', ['account_id', 'contact_id'])
          .execute();

        await db.schema
          .createTable('outbox')
          .addColumn('message_id', 'text', (c) => c.primaryKey())
          .addColumn('account_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('counters')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('value', 'bigint', (c) => c.notNull())
          .execute();
      },
    },
    '0002_nonce_batches': {
      // The single-node replay guard persists accepted nonces as one row per batch (packed 64-bit
      // keys) instead of a row per nonce: a row per request cost more than the rest of the write path.
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('nonce_batches')
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .addColumn('keys', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('nonce_batches_by_expiry').on('nonce_batches').column('expires_at').execute();
        if (dialect === 'sqlite') {
          // Nonces an earlier version remembered one row each stay remembered across the upgrade.
          await sql`insert into nonce_batches (expires_at, keys) select expires_at, unhex(nonce_key) from used_nonces`.execute(db);
          await sql`delete from used_nonces`.execute(db);
        }
      },
    },
    '0003_mfa_last_used_step': {
      // A TOTP code is good for its whole window (up to 90 s): remembering the last step used stops
      // an overheard code from being replayed within it.
      async up(db: Kysely<any>) {
        await db.schema.alterTable('mfa_devices').addColumn('last_used_step', 'bigint').execute();
      },
    },
    '0004_password_history': {
      // The password policy's MaxPasswordAge, HardExpiry and PasswordReusePrevention need to know when
      // a password was set and what came before it.
      async up(db: Kysely<any>) {
        await db.schema.alterTable('login_profiles').addColumn('password_changed_at', 'text').execute();
        await db.schema.alterTable('login_profiles').addColumn('previous_password_hashes', 'text', (c) => c.notNull().defaultTo('[]')).execute();
        // The best estimate for passwords set before this version: the profile's last change.
        await sql`update login_profiles set password_changed_at = updated_at`.execute(db);
      },
    },
    '0005_console_logouts': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('console_logouts')
          .addColumn('session_key', 'text', (c) => c.primaryKey())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .execute();
      },
    },
    '0006_audit_events_one_index': {
      // Every API call writes a row per trail, so each row's cost bounds the service's throughput.
      // The table had a primary key (account_id, event_id) and an index (account_id, event_ms): two
      // index B-trees per row, and five columns nothing reads (the event JSON holds them). One index
      // serves every query (a trail newest first, by time range) and the rows are lighter: measured
      // with better-sqlite3 here, about 6 µs of CPU per row instead of 9.5. Event IDs stay unique
      // without a constraint: they are UUIDv7, random below the millisecond.
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('audit_events_0006')
          .addColumn('event_id', 'text', (c) => c.notNull())
          .addColumn('account_id', 'text', (c) => c.notNull())
          .addColumn('event_ms', 'bigint', (c) => c.notNull())
          .addColumn('service', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('user_name', 'text')
          .addColumn('access_key_id', 'text')
          .addColumn('event', 'text', (c) => c.notNull())
          .execute();
        await sql`insert into audit_events_0006 (event_id, account_id, event_ms, service, action, user_name, access_key_id, event)
                  select event_id, account_id, event_ms, service, action, user_name, access_key_id, event from audit_events`.execute(db);
        await db.schema.dropTable('audit_events').execute();
        await db.schema.alterTable('audit_events_0006').renameTo('audit_events').execute();
        await db.schema.createIndex('audit_events_by_trail').on('audit_events').columns(['account_id', 'event_ms', 'event_id']).execute();
      },
    },
    '0007_audit_event_batches': {
      // Events written behind (reads, denials, failures: most of what the API answers) are stored as
      // a row per trail and write-behind batch (or 64 KiB of JSON lines, compressed), instead of an indexed row
      // each: handing a row per event to the writer thread and inserting it cost about a fifth of a
      // GetCallerIdentity call's CPU time (docs/performance.md). Events written in the transaction of
      // their change stay in audit_events; LookupEvents reads both (audit/query.ts).
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('audit_event_batches')
          .addColumn('batch_id', 'text', (c) => c.notNull())
          .addColumn('account_id', 'text', (c) => c.notNull())
          .addColumn('first_ms', 'bigint', (c) => c.notNull())
          .addColumn('last_ms', 'bigint', (c) => c.notNull())
          .addColumn('last_event_id', 'text', (c) => c.notNull())
          .addColumn('event_count', 'integer', (c) => c.notNull())
          .addColumn('events', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('audit_event_batches_by_trail').on('audit_event_batches').columns(['account_id', 'last_ms', 'last_event_id', 'batch_id']).execute();
        // Every trail at once (ramstack audit tail), and the retention sweep, which deletes by time.
        await db.schema.createIndex('audit_event_batches_by_time').on('audit_event_batches').columns(['last_ms', 'last_event_id', 'batch_id']).execute();
      },
    },
  };
}

export function migrationProvider(dialect: Dialect): MigrationProvider {
  return { getMigrations: async () => migrations(dialect) };
}

export const LATEST_MIGRATION = '0007_audit_event_batches';
