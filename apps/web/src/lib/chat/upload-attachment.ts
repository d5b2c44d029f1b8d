// One file's way to the store (use-attachments.ts): a signed upload URL from the server, a PUT
// straight to the store (Supabase Storage or the local disk store) with progress, then the
// server's confirmation (it reads the bytes and decides the type). A chunk of its own, fetched
// with the first file added, so the composer's first load carries none of it.
import { errorReason } from '../trpc/errors';
import type { AttachmentError, PendingAttachment } from './use-attachments';

function errorOf(error: unknown): AttachmentError {
  switch (errorReason(error)) {
    case 'attachment_too_large':
      return 'tooLarge';
    case 'attachment_type_refused':
      return 'typeRefused';
    case 'storage_quota_exceeded':
      return 'overQuota';
    case 'too_many_attachments':
      return 'tooMany';
    case 'rate_limited':
      return 'rateLimited';
    default:
      return 'failed';
  }
}

/** PUTs `file` to a signed URL, reporting progress (fetch has no upload progress). */
function put(
  upload: { url: string; method: 'PUT'; headers: Record<string, string> },
  file: File,
  onProgress: (fraction: number) => void,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(upload.method, upload.url);
    for (const [name, value] of Object.entries(upload.headers))
      request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => resolve(request.status);
    request.onerror = () => reject(new Error('upload failed'));
    request.send(file);
  });
}

/** Uploads `file`, reporting each step through `patch`; failures end as an explained error. */
export async function uploadAttachment(
  file: File,
  steps: {
    request: (input: { name: string; sizeBytes: number; contentType: string }) => Promise<{
      attachment: { id: string };
      upload: { url: string; method: 'PUT'; headers: Record<string, string> };
    }>;
    confirm: (input: { id: string }) => Promise<{ kind: PendingAttachment['kind'] }>;
    patch: (change: Partial<PendingAttachment>) => void;
  },
): Promise<void> {
  const { patch } = steps;
  try {
    const { attachment, upload } = await steps.request({
      name: file.name || 'file',
      sizeBytes: file.size,
      contentType: file.type,
    });
    patch({ id: attachment.id });
    const status = await put(upload, file, (progress) => patch({ progress }));
    if (status === 413)
      throw Object.assign(new Error('too large'), { reason: 'attachment_too_large' });
    if (status < 200 || status >= 300) throw new Error(`upload answered ${status}`);
    const confirmed = await steps.confirm({ id: attachment.id });
    patch({ status: 'ready', progress: 1, kind: confirmed.kind });
  } catch (error) {
    const reason = (error as { reason?: string }).reason;
    patch({
      status: 'error',
      error: reason === 'attachment_too_large' ? 'tooLarge' : errorOf(error),
    });
  }
}
