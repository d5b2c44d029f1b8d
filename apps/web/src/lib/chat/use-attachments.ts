// Files waiting in the composer (issue 16): each is checked against the limits the server
// publishes, given a signed upload URL, PUT straight to the store (Supabase Storage or the local
// disk store) with progress, then confirmed (the server reads its bytes and decides its type).
// Refusals are kept as errors the composer explains in the UI language. The upload itself is a
// chunk of its own (upload-attachment.ts), fetched with the first file.
'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTRPC } from '../trpc/react';

const loadUpload = () => import('./upload-attachment');

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
      const patch = (change: Partial<PendingAttachment>) => update(item.localId, change);
      try {
        const { uploadAttachment } = await loadUpload();
        await uploadAttachment(file, {
          request: requestUpload.mutateAsync,
          confirm: confirm.mutateAsync,
          patch,
        });
      } catch {
        // The chunk itself could not be fetched (the network is gone).
        patch({ status: 'error', error: 'failed' });
      }
    },
    [requestUpload.mutateAsync, confirm.mutateAsync, update],
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
