// Attachments end to end on the server: issuing upload URLs within the limits, confirming an
// upload by reading the stored object (type from magic bytes, real size), removing unsent ones,
// deleting stored objects whose rows are gone (the database queues them), and reading files for
// a run. Rows are written on the service path after the ownership checks here; the database checks
// the limits again (migration 20261130000500).
import { randomUUID } from 'node:crypto';
import {
  type Attachment,
  attachmentRefusal,
  clearStorageDeletions,
  createPendingAttachment,
  type Database,
  deleteUnsentAttachment,
  markUploaded,
  purgeUnsentAttachments,
  queuedStorageDeletions,
  requireOwnAttachment,
  setAttachmentLimits,
  storageUsed,
  withService,
} from '@zatten/db';
import { DomainError } from '@zatten/errors';
import type { Logger } from '../logger';
import type { ObjectStore, SignedUpload } from '../storage/types';
import { ACCEPTED_MIME_TYPES, type AttachmentKind, detectType, kindOf } from './detect';

export interface AttachmentSettings {
  maxFileBytes: number;
  maxFilesPerMessage: number;
  quotaBytesPerUser: number;
  /** Uploads not sent within this long are purged by the housekeeping sweep. */
  unsentMs: number;
}

/** What clients see of an attachment. */
export interface AttachmentView {
  id: string;
  name: string;
  mimeType: string | null;
  kind: AttachmentKind | null;
  sizeBytes: number;
  status: Attachment['status'];
  messageId: string | null;
  /** A short-lived signed URL to the bytes (null while pending). */
  url: string | null;
}

/** A file as the run hands it to the model. */
export interface RunFile {
  name: string;
  mimeType: string;
  kind: AttachmentKind;
  bytes: Uint8Array;
}

/** How long the signed download URLs in views live. */
export const DOWNLOAD_URL_SECONDS = 15 * 60;

const tooLarge = (max: number) =>
  new DomainError(
    'payload_too_large',
    'attachment_too_large',
    `Files may have at most ${max} bytes.`,
  );
const overQuota = (quota: number) =>
  new DomainError(
    'forbidden',
    'storage_quota_exceeded',
    `Your files may take at most ${quota} bytes in total. Delete chats with files to free space.`,
  );

/** The database's refusals, as the same errors the checks here throw. */
function refusal(error: unknown, settings: AttachmentSettings): unknown {
  const mapped = attachmentRefusal(error);
  if (mapped instanceof DomainError) {
    if (mapped.reason === 'attachment_too_large') return tooLarge(settings.maxFileBytes);
    if (mapped.reason === 'storage_quota_exceeded') return overQuota(settings.quotaBytesPerUser);
  }
  return mapped;
}

export class AttachmentService {
  constructor(
    private readonly database: Database,
    readonly store: ObjectStore,
    readonly settings: AttachmentSettings,
    private readonly logger: Logger,
  ) {}

  /** Writes the configured limits where the database's checks read them. */
  async syncLimits(): Promise<void> {
    await withService(this.database, (tx) => setAttachmentLimits(tx, this.settings));
  }

  async requestUpload(
    userId: string,
    input: { name: string; sizeBytes: number; contentType: string },
  ): Promise<{ attachment: AttachmentView; upload: SignedUpload }> {
    if (input.sizeBytes > this.settings.maxFileBytes) throw tooLarge(this.settings.maxFileBytes);
    const id = randomUUID();
    const storageKey = `${userId}/${id}`;
    const attachment = await withService(this.database, async (tx) => {
      const used = await storageUsed(tx, userId);
      if (used + input.sizeBytes > this.settings.quotaBytesPerUser)
        throw overQuota(this.settings.quotaBytesPerUser);
      return createPendingAttachment(tx, {
        id,
        userId,
        name: input.name,
        sizeBytes: input.sizeBytes,
        storageKey,
      });
    }).catch((error: unknown) => {
      throw refusal(error, this.settings);
    });
    // The type the upload declares (Supabase stores and serves it): one of ours, or plain text;
    // what the file really is is decided from its bytes on confirm.
    const declared = (ACCEPTED_MIME_TYPES as readonly string[]).includes(input.contentType)
      ? input.contentType
      : 'text/plain';
    const upload = await this.store.createUploadUrl(storageKey, { contentType: declared });
    return { attachment: await this.view(attachment), upload };
  }

  /** Reads the uploaded object: its real size and type decide whether it is kept. */
  async confirm(userId: string, id: string): Promise<AttachmentView> {
    const attachment = await withService(this.database, (tx) =>
      requireOwnAttachment(tx, userId, id),
    );
    if (attachment.status !== 'pending') return this.view(attachment);
    const bytes = await this.store.read(attachment.storageKey);
    if (!bytes)
      throw new DomainError('invalid_input', 'upload_missing', 'The file was not uploaded yet.');
    const discard = async () => {
      await withService(this.database, (tx) => deleteUnsentAttachment(tx, userId, id));
      await this.drainDeletions();
    };
    if (bytes.byteLength > this.settings.maxFileBytes) {
      await discard();
      throw tooLarge(this.settings.maxFileBytes);
    }
    const type = detectType(bytes, attachment.name);
    if (!type) {
      await discard();
      throw new DomainError(
        'unsupported_media_type',
        'attachment_type_refused',
        'Only images (PNG, JPEG, WebP, GIF), PDFs and text files (UTF-8) can be attached.',
      );
    }
    const confirmed = await withService(this.database, (tx) =>
      markUploaded(tx, id, { sizeBytes: bytes.byteLength, mimeType: type.mimeType }),
    ).catch(async (error: unknown) => {
      const mapped = refusal(error, this.settings);
      if (mapped instanceof DomainError && mapped.reason !== 'attachment_not_pending')
        await discard();
      throw mapped;
    });
    return this.view(confirmed);
  }

  /** Removes an attachment not sent yet, and its object. */
  async remove(userId: string, id: string): Promise<void> {
    await withService(this.database, (tx) => deleteUnsentAttachment(tx, userId, id));
    await this.drainDeletions();
  }

  /** Deletes from storage the objects whose rows are gone; returns how many. */
  async drainDeletions(): Promise<number> {
    let total = 0;
    for (;;) {
      const keys = await withService(this.database, (tx) => queuedStorageDeletions(tx));
      if (keys.length === 0) return total;
      await this.store.remove(keys);
      await withService(this.database, (tx) => clearStorageDeletions(tx, keys));
      total += keys.length;
      if (keys.length < 500) return total;
    }
  }

  /** Best effort after a delete commits; the housekeeping sweep retries what fails. */
  drainSoon(): void {
    this.drainDeletions().catch((error: unknown) =>
      this.logger.warn('deleting stored files failed; the sweep retries', { error }),
    );
  }

  /** The sweep's part: purge uploads never sent, then delete queued objects. */
  async sweep(): Promise<{ unsentAttachments: number; storedObjects: number }> {
    const unsentAttachments = await withService(this.database, (tx) =>
      purgeUnsentAttachments(tx, this.settings.unsentMs),
    );
    return { unsentAttachments, storedObjects: await this.drainDeletions() };
  }

  async view(attachment: Attachment): Promise<AttachmentView> {
    return {
      id: attachment.id,
      name: attachment.name,
      mimeType: attachment.mimeType,
      kind: attachment.mimeType ? kindOf(attachment.mimeType) : null,
      sizeBytes: attachment.sizeBytes,
      status: attachment.status,
      messageId: attachment.messageId,
      url:
        attachment.status === 'pending'
          ? null
          : await this.store.createDownloadUrl(attachment.storageKey, {
              expiresInSeconds: DOWNLOAD_URL_SECONDS,
              fileName: attachment.name,
              contentType: attachment.mimeType ?? undefined,
            }),
    };
  }

  /** The files of a question, read from storage for the run (after the send committed). */
  async readForRun(attachments: readonly Attachment[]): Promise<RunFile[]> {
    const files: RunFile[] = [];
    for (const attachment of attachments) {
      if (!attachment.mimeType) continue;
      const bytes = await this.store.read(attachment.storageKey);
      if (!bytes) {
        this.logger.warn('an attached file is missing from storage', { id: attachment.id });
        continue;
      }
      files.push({
        name: attachment.name,
        mimeType: attachment.mimeType,
        kind: kindOf(attachment.mimeType),
        bytes,
      });
    }
    return files;
  }
}
