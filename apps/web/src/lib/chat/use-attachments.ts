// Files waiting in the composer (issue 16): each is checked against the limits the server
// publishes, given a signed upload URL, PUT straight to the store (Supabase Storage or the local
// disk store) with progress, then confirmed (the server reads its bytes and decides its type).
// Refusals are kept as errors the composer explains in the UI language.
'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorReason } from '../trpc/errors';
import { useTRPC } from '../trpc/react';

export type AttachmentError =
  | 'tooLarge'
  | 'typeRefused'
  | 'overQuota'
  | 'tooMany'
  | 'rateLimited'
  | 'failed';

export interface PendingAttachment {
  localId: string;
  name: string;
  sizeBytes: number;
  /** An object URL of the file, for image thumbnails. */
  previewUrl: string | null;
  /** 0..1 while uploading. */
  progress: number;
  status: 'uploading' | 'ready' | 'error';
  error?: AttachmentError;
  /** The server's id once requested. */
  id?: string;
  kind?: 'image' | 'pdf' | 'text' | null;
}

const IMAGE = /^image\/(png|jpeg|webp|gif)$/;

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

export interface AttachmentsController {
  items: PendingAttachment[];
  limits: { maxFileBytes: number; maxFilesPerMessage: number } | undefined;
  add: (files: Iterable<File>) => void;
  remove: (localId: string) => void;
  /** Ids of the confirmed files, for the send. */
  readyIds: string[];
  uploading: boolean;
  /** Empties the list after a send (the files now belong to the message). */
  clear: () => void;
}

export function useAttachments(): AttachmentsController {
  const trpc = useTRPC();
  const limits = useQuery(
    trpc.attachment.limits.queryOptions(undefined, { staleTime: 10 * 60_000 }),
  );
  const requestUpload = useMutation(trpc.attachment.requestUpload.mutationOptions());
  const confirm = useMutation(trpc.attachment.confirm.mutationOptions());
  const removeMutation = useMutation(trpc.attachment.remove.mutationOptions());
  const [items, setItems] = useState<PendingAttachment[]>([]);
  const itemsRef = useRef(items);
  itemsRef.current = items;

  const update = useCallback((localId: string, patch: Partial<PendingAttachment>) => {
    setItems((current) =>
      current.map((item) => (item.localId === localId ? { ...item, ...patch } : item)),
    );
  }, []);

  const uploadOne = useCallback(
    async (item: PendingAttachment, file: File) => {
      try {
        const { attachment, upload } = await requestUpload.mutateAsync({
          name: file.name || 'file',
          sizeBytes: file.size,
          contentType: file.type,
        });
        update(item.localId, { id: attachment.id });
        const status = await put(upload, file, (progress) => update(item.localId, { progress }));
        if (status === 413)
          throw Object.assign(new Error('too large'), { reason: 'attachment_too_large' });
        if (status < 200 || status >= 300) throw new Error(`upload answered ${status}`);
        const confirmed = await confirm.mutateAsync({ id: attachment.id });
        update(item.localId, { status: 'ready', progress: 1, kind: confirmed.kind });
      } catch (error) {
        const reason = (error as { reason?: string }).reason;
        update(item.localId, {
          status: 'error',
          error: reason === 'attachment_too_large' ? 'tooLarge' : errorOf(error),
        });
      }
    },
    [requestUpload, confirm, update],
  );

  const add = useCallback(
    (files: Iterable<File>) => {
      const max = limits.data;
      const added: PendingAttachment[] = [];
      let count = itemsRef.current.filter((item) => item.status !== 'error').length;
      for (const file of files) {
        const item: PendingAttachment = {
          localId: crypto.randomUUID(),
          name: file.name || 'file',
          sizeBytes: file.size,
          previewUrl: IMAGE.test(file.type) ? URL.createObjectURL(file) : null,
          progress: 0,
          status: 'uploading',
        };
        if (max && file.size > max.maxFileBytes) {
          added.push({ ...item, status: 'error', error: 'tooLarge' });
        } else if (max && count >= max.maxFilesPerMessage) {
          added.push({ ...item, status: 'error', error: 'tooMany' });
        } else {
          count++;
          added.push(item);
          void uploadOne(item, file);
        }
      }
      setItems((current) => [...current, ...added]);
    },
    [limits.data, uploadOne],
  );

  const remove = useCallback(
    (localId: string) => {
      const item = itemsRef.current.find((candidate) => candidate.localId === localId);
      if (item?.previewUrl) URL.revokeObjectURL(item.previewUrl);
      if (item?.id && item.status !== 'error') removeMutation.mutate({ id: item.id });
      setItems((current) => current.filter((candidate) => candidate.localId !== localId));
    },
    [removeMutation],
  );

  const clear = useCallback(() => setItems([]), []);
  // Object URLs are released when the composer goes away.
  useEffect(
    () => () => {
      for (const item of itemsRef.current)
        if (item.previewUrl) URL.revokeObjectURL(item.previewUrl);
    },
    [],
  );

  return {
    items,
    limits: limits.data,
    add,
    remove,
    readyIds: items
      .filter((item) => item.status === 'ready' && item.id)
      .map((item) => item.id as string),
    uploading: items.some((item) => item.status === 'uploading'),
    clear,
  };
}
