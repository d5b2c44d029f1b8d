// Everything a request needs that outlives it: created once per server process (or per test)
// on purpose, and handed to every context.

import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { type AiConfig, type AssistantRunner, createAssistantRunner } from '@zatten/ai';
import type { Database, RealtimeRelay } from '@zatten/db';
import { defaultDataDir } from '@zatten/db/env';
import { AttachmentService } from './attachments/service';
import { type ApiKeyCache, createApiKeyCache } from './auth/api-key-cache';
import { type ApiEnv, type AuthMode, authMode } from './env';
import { startHousekeeping } from './housekeeping';
import { createLogger, type Logger } from './logger';
import { createRateLimits, type RateLimits } from './rate-limits';
import { RunManager, type RunManagerOptions } from './runs/manager';
import { AssistantCache } from './runs/run-assistant';
import { createDiskObjectStore } from './storage/disk';
import type { ObjectStore } from './storage/types';
import { StreamSlots } from './stream-slots';

/** The bounds the request paths enforce (settings in env.ts, README "Limits"). */
export interface ServiceLimits {
  maxBatchSize: number;
  maxBodyBytes: number;
  maxActiveRepliesPerUser: number;
}

export interface ApiServices {
  env: ApiEnv;
  mode: AuthMode;
  database: Database;
  /** The local realtime relay; null in hosted mode, where browsers use Supabase Realtime. */
  relay: RealtimeRelay | null;
  logger: Logger;
  rateLimits: RateLimits;
  limits: ServiceLimits;
  /** Open live-update streams per person in this process. */
  streams: StreamSlots;
  /** API keys verified in the last few seconds (auth/api-key-cache.ts). */
  apiKeys: ApiKeyCache;
  /** Assistants' full rows by version, so a send does not switch roles to read them. */
  assistants: AssistantCache;
  /** Signs local sign-in cookies. */
  sessionSecret: string;
  /** The assistant runner (OpenAI); `configured` is false without an API key. */
  ai: AssistantRunner;
  /** Assistant replies running in this process, and following those of others. */
  runs: RunManager;
  /** Resolves once background work (cancel listener, orphan sweep) has started. */
  ready: Promise<void>;
  /** Supabase Realtime settings the browser needs in hosted mode. */
  supabase: { url: string; anonKey: string } | null;
  /** Files in chats: limits, uploads, the object store (issue 16). */
  attachments: AttachmentService;
  close(): Promise<void>;
}

export interface ApiServicesOptions {
  env: ApiEnv;
  database: Database;
  /**
   * Whether the run manager holds the run-ownership lock for the process's life (runs/manager.ts,
   * on the database's session connection); without it, orphaned replies are found by age only.
   */
  ownerLock?: boolean;
  relay?: RealtimeRelay | null;
  logger?: Logger;
  /** Overrides of the env's rate limits (tests). */
  rateLimits?: {
    apiKeyPerMinute?: number;
    sendsPerMinute?: number;
    writesPerMinute?: number;
    uploadsPerMinute?: number;
  };
  /** Overrides of the env's other limits (tests). */
  limits?: Partial<ServiceLimits> & { maxStreamsPerUser?: number; maxStreamsPerProcess?: number };
  /** Run tuning (tests shorten the bounds); see RunManagerOptions. */
  runs?: Omit<RunManagerOptions, 'database' | 'ai' | 'logger'>;
  ai?: AiConfig;
  /** A prepared runner (tests); by default one is built from `ai`. */
  runner?: AssistantRunner;
  supabase?: { url: string; anonKey: string } | null;
  /**
   * Where attachments are stored; by default a disk store under `storageRoot` (tests pass a
   * temporary directory), signed with STORAGE_SIGNING_SECRET or the session secret.
   */
  storage?: ObjectStore;
  storageRoot?: string;
}

export function createApiServices(options: ApiServicesOptions): ApiServices {
  const logger = options.logger ?? createLogger({ service: 'zatten' });
  const ai = options.runner ?? createAssistantRunner(options.ai ?? {});
  const { env } = options;
  const sessionSecret = options.env.SESSION_SECRET ?? randomBytes(32).toString('hex');
  const storage =
    options.storage ??
    createDiskObjectStore({
      root: options.storageRoot ?? path.join(defaultDataDir, 'attachments'),
      baseUrl: env.APP_URL,
      secret: env.STORAGE_SIGNING_SECRET ?? sessionSecret,
      maxUploadBytes: env.ATTACHMENT_MAX_FILE_BYTES,
    });
  const attachments = new AttachmentService(
    options.database,
    storage,
    {
      maxFileBytes: env.ATTACHMENT_MAX_FILE_BYTES,
      maxFilesPerMessage: env.ATTACHMENT_MAX_FILES_PER_MESSAGE,
      quotaBytesPerUser: env.ATTACHMENT_QUOTA_BYTES_PER_USER,
      unsentMs: env.ATTACHMENT_UNSENT_HOURS * 3600_000,
    },
    logger,
  );
  const runs = new RunManager({
    database: options.database,
    ai,
    logger,
    ownerLock: options.ownerLock,
    readFiles: (rows) => attachments.readForRun(rows),
    ...options.runs,
  });
  const ready = runs.start().catch((error: unknown) => {
    logger.error('run manager failed to start', { error });
  });
  const limitsSynced = attachments.syncLimits().catch((error: unknown) => {
    logger.error('could not write the attachment limits to the database', { error });
  });
  const stopHousekeeping = startHousekeeping(options.database, logger, {
    intervalMs: env.HOUSEKEEPING_INTERVAL_SECONDS * 1000,
    webhookRetentionMs: env.WEBHOOK_DELIVERY_RETENTION_HOURS * 3600_000,
    attachments,
  });
  return {
    env: options.env,
    mode: authMode(options.env),
    database: options.database,
    relay: options.relay ?? null,
    logger,
    // Rate limits count in the query pool: no connections of their own.
    rateLimits: createRateLimits(options.database.pool, {
      apiKeyPerMinute: options.rateLimits?.apiKeyPerMinute ?? env.RATE_LIMIT_API_KEY_PER_MINUTE,
      sendsPerMinute: options.rateLimits?.sendsPerMinute ?? env.RATE_LIMIT_SENDS_PER_MINUTE,
      writesPerMinute: options.rateLimits?.writesPerMinute ?? env.RATE_LIMIT_WRITES_PER_MINUTE,
      uploadsPerMinute: options.rateLimits?.uploadsPerMinute ?? env.RATE_LIMIT_UPLOADS_PER_MINUTE,
      searchesPerMinute: env.RATE_LIMIT_SEARCHES_PER_MINUTE,
    }),
    limits: {
      maxBatchSize: options.limits?.maxBatchSize ?? env.TRPC_MAX_BATCH_SIZE,
      maxBodyBytes: options.limits?.maxBodyBytes ?? env.TRPC_MAX_BODY_BYTES,
      maxActiveRepliesPerUser:
        options.limits?.maxActiveRepliesPerUser ?? env.MAX_ACTIVE_REPLIES_PER_USER,
    },
    streams: new StreamSlots(
      options.limits?.maxStreamsPerUser ?? env.MAX_STREAMS_PER_USER,
      options.limits?.maxStreamsPerProcess ?? env.MAX_STREAMS_PER_PROCESS,
    ),
    apiKeys: createApiKeyCache(),
    assistants: new AssistantCache(),
    sessionSecret,
    ai,
    runs,
    ready: Promise.all([ready, limitsSynced]).then(() => {}),
    supabase: options.supabase ?? null,
    attachments,
    close: async () => {
      stopHousekeeping();
      await ready;
      await runs.close();
    },
  };
}
