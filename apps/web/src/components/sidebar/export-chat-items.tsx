// Issue 17: "Export as Markdown / JSON" in a chat's menu. Markdown holds the branch on screen;
// JSON every branch, in the archive's versioned format.
'use client';

import { useQueryClient } from '@tanstack/react-query';
import { FileDown } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { DropdownMenuItem } from '~/components/ui/dropdown-menu';
import { useToast } from '~/components/ui/toaster';
import { fileName, saveFile } from '~/lib/portability/files';
import { useTRPC } from '~/lib/trpc/react';

export function ExportChatItems({ chatId, title }: { chatId: string; title: string }) {
  const t = useTranslations('portability');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  async function download(format: 'markdown' | 'json') {
    try {
      const file = await queryClient.fetchQuery({
        ...trpc.portability.exportChat.queryOptions({ chatId, format }),
        staleTime: 0,
      });
      saveFile(fileName(title, format === 'markdown' ? 'md' : 'json'), file.mimeType, file.content);
    } catch {
      toast({ title: t('exportFailed'), tone: 'error' });
    }
  }
  return (
    <>
      <DropdownMenuItem onSelect={() => void download('markdown')} data-testid="export-markdown">
        <FileDown aria-hidden />
        {t('exportChat')}: {t('exportMarkdown')}
      </DropdownMenuItem>
      <DropdownMenuItem onSelect={() => void download('json')} data-testid="export-json">
        <FileDown aria-hidden />
        {t('exportChat')}: {t('exportJson')}
      </DropdownMenuItem>
    </>
  );
}
