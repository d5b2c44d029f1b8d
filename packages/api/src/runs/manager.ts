// Assistant runs live on the server, independent of the request that started them: closing the
// tab does not stop a reply. Each run streams from the ai package, keeps its text in memory for
// followers in this process, writes progress to the database at a bounded rate (so Realtime shows
// it everywhere) and its outcome at the end. Cancels reach the owning process through NOTIFY.
import { EventEmitter, on } from 'node:events';
import type { AssistantRunner, RunLimits } from '@zatten/ai';
import {
  type AssistantRow,
  closeOrphanedRuns,
  type Database,
  finishMessage,
  getMessage,
  type MessageRow,
  type MessageStatus,
  setConversationId,
  setGeneratedTitle,
  touchActiveMessages,
  updateMessage,
  withService,
} from '@zatten/db';
import type { Logger } from '../logger';
import { END_EVENT_ID, isTerminal, offsetFromEventId, type StreamEvent } from './events';

const CANCEL_CHANNEL = 'zatten_run_cancel';

export interface RunManagerOptions {
  database: Database;
  ai: AssistantRunner;
  logger: Logger;
  /** How often progress is written while a reply streams. */
  persistIntervalMs?: number;
  /** A run that has not been written for this long belongs to a dead process. */
  orphanAfterMs?: number;
  /** The longest a run may take in all; it ends as failed after that. */
  maxRunMs?: number;
  /** How often followers in other processes read progress from the database. */
  pollIntervalMs?: number;
  limits?: Partial<RunLimits>;
  /** Keeps the process (or a serverless invocation) alive until the run ends. */
  keepAlive?: (work: Promise<unknown>) => void;
}

export interface StartRun {
  messageId: string;
  chatId: string;
  userId: string;
  userText: string;
  assistant: AssistantRow;
  conversationId: string | null;
  /** Whether the chat still has its placeholder title (the first exchange names it). */
  nameChat: boolean;
}

type Terminal = Extract<StreamEvent, { type: 'end' }>;

interface RunState {
  messageId: string;
  content: string;
  ended: Terminal | null;
  abort: AbortController;
  emitter: EventEmitter;
  done: Promise<void>;
}

type Tracked = { id: string; event: StreamEvent };

export class RunManager {
  private readonly runs = new Map<string, RunState>();
  private readonly persistIntervalMs: number;
  private readonly orphanAfterMs: number;
  private readonly maxRunMs: number;
  private readonly pollIntervalMs: number;
  private readonly timers: NodeJS.Timeout[] = [];
  private unlisten: (() => Promise<void>) | null = null;
  private closed = false;

  constructor(private readonly options: RunManagerOptions) {
    this.persistIntervalMs = options.persistIntervalMs ?? 1000;
    this.orphanAfterMs = options.orphanAfterMs ?? 45_000;
    this.maxRunMs = options.maxRunMs ?? 10 * 60_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 400;
  }

  /** Listens for cancels, closes runs orphaned by dead processes, and keeps live runs fresh. */
  async start(): Promise<void> {
    const { database, logger } = this.options;
    const listening = await database.sql.listen(CANCEL_CHANNEL, (messageId) => {
      this.runs.get(messageId)?.abort.abort();
    });
    this.unlisten = () => listening.unlisten();
    await this.closeOrphans();
    const sweep = setInterval(
      () => {
        void this.heartbeat().catch((error: unknown) =>
          logger.warn('run heartbeat failed', { error }),
        );
        void this.closeOrphans().catch((error: unknown) =>
          logger.warn('orphan sweep failed', { error }),
        );
      },
      Math.max(1000, Math.floor(this.orphanAfterMs / 3)),
    );
    sweep.unref();
    this.timers.push(sweep);
  }

  async closeOrphans(): Promise<string[]> {
    const closed = await withService(this.options.database, (tx) =>
      closeOrphanedRuns(tx, this.orphanAfterMs),
    );
    if (closed.length) this.options.logger.warn('closed orphaned runs', { messageIds: closed });
    return closed;
  }

  /** Marks this process's runs as alive, so no other process takes them for orphans. */
  private async heartbeat(): Promise<void> {
    const ids = [...this.runs.values()].filter((run) => !run.ended).map((run) => run.messageId);
    if (!ids.length) return;
    await withService(this.options.database, (tx) => touchActiveMessages(tx, ids));
  }

  isRunningHere(messageId: string): boolean {
    const run = this.runs.get(messageId);
    return run !== undefined && run.ended === null;
  }

  startRun(params: StartRun): void {
    const state: RunState = {
      messageId: params.messageId,
      content: '',
      ended: null,
      abort: new AbortController(),
      emitter: new EventEmitter(),
      done: Promise.resolve(),
    };
    state.emitter.setMaxListeners(0);
    this.runs.set(params.messageId, state);
    state.done = this.execute(state, params)
      .catch((error: unknown) => {
        this.options.logger.error('run crashed', { messageId: params.messageId, error });
        return this.finish(state, {
          type: 'end',
          status: 'failed',
          content: state.content,
          errorCode: 'unknown',
          errorMessage: 'The reply failed unexpectedly. Try again.',
        });
      })
      .finally(() => {
        // Late followers in this process still find the outcome for a while.
        const timer = setTimeout(() => this.runs.delete(params.messageId), 30_000);
        timer.unref();
      });
    this.options.keepAlive?.(state.done);
  }

  private async execute(state: RunState, params: StartRun): Promise<void> {
    const { ai, database, logger } = this.options;
    const deadline = setTimeout(() => state.abort.abort(new Error('run_timeout')), this.maxRunMs);
    deadline.unref();
    let lastWrite = Date.now();
    let pending: Promise<unknown> = Promise.resolve();
    const persist = () => {
      lastWrite = Date.now();
      const content = state.content;
      pending = pending.then(() =>
        withService(database, (tx) =>
          updateMessage(tx, state.messageId, { content }, { onlyIfActive: true }),
        ).catch((error: unknown) => logger.warn('progress write failed', { error })),
      );
    };
    let savingConversation: Promise<unknown> = Promise.resolve();
    try {
      let conversationId = params.conversationId;
      if (!conversationId) {
        try {
          conversationId = await ai.ensureConversation({
            chatId: params.chatId,
            userId: params.userId,
            signal: state.abort.signal,
          });
        } catch (error) {
          const code = (error as { code?: string }).code ?? 'unknown';
          const message =
            (error as { userMessage?: string }).userMessage ?? 'The assistant could not start.';
          await this.finish(state, {
            type: 'end',
            status:
              state.abort.signal.aborted && code !== 'not_configured' ? 'cancelled' : 'failed',
            content: '',
            errorCode: code,
            errorMessage: message,
          });
          return;
        }
        const id = conversationId;
        // Stored while the reply already streams: the upstream call does not wait for this
        // write. Awaited before the outcome is written, so a failure still fails the run.
        savingConversation = withService(database, (tx) =>
          setConversationId(tx, params.chatId, id),
        );
        savingConversation.catch(() => {});
      }
      let model: string | null = null;
      for await (const event of ai.run({
        conversationId,
        input: params.userText,
        assistant: {
          model: params.assistant.model,
          instructions: params.assistant.instructions,
          temperature: params.assistant.temperature ?? undefined,
          maxOutputTokens: params.assistant.max_output_tokens ?? undefined,
        },
        signal: state.abort.signal,
        limits: this.options.limits,
      })) {
        if (event.type === 'delta') {
          state.content += event.text;
          state.emitter.emit('event', {
            id: String(state.content.length),
            event: { type: 'delta', text: event.text },
          } satisfies Tracked);
          if (Date.now() - lastWrite >= this.persistIntervalMs) persist();
        } else if (event.type === 'completed') {
          model = event.model;
          await savingConversation;
          await pending;
          await this.finish(
            state,
            {
              type: 'end',
              status: 'complete',
              content: event.text,
              errorCode: null,
              errorMessage: null,
            },
            { model, usage: event.usage, responseId: event.responseId },
          );
          if (params.nameChat) await this.nameChat(params, event.text);
        } else if (event.type === 'failed') {
          await savingConversation;
          await pending;
          await this.finish(
            state,
            {
              type: 'end',
              status: 'failed',
              content: event.partialText,
              errorCode: event.code,
              errorMessage: event.message,
            },
            { responseId: event.responseId ?? null },
          );
          if (event.detail)
            logger.warn('run failed upstream', {
              messageId: state.messageId,
              code: event.code,
              detail: event.detail,
            });
        } else if (event.type === 'cancelled') {
          await savingConversation;
          await pending;
          const timedOut =
            (state.abort.signal.reason as Error | undefined)?.message === 'run_timeout';
          await this.finish(
            state,
            timedOut
              ? {
                  type: 'end',
                  status: 'failed',
                  content: event.partialText,
                  errorCode: 'run_timeout',
                  errorMessage: 'The reply took too long and was stopped.',
                }
              : {
                  type: 'end',
                  status: 'cancelled',
                  content: event.partialText,
                  errorCode: null,
                  errorMessage: null,
                },
            { responseId: event.responseId ?? null },
          );
        }
      }
    } finally {
      clearTimeout(deadline);
    }
  }

  private async finish(
    state: RunState,
    end: Terminal,
    extra: { model?: string | null; usage?: unknown; responseId?: string | null } = {},
  ): Promise<void> {
    if (state.ended) return;
    state.content = end.content;
    await withService(this.options.database, (tx) =>
      finishMessage(tx, state.messageId, {
        content: end.content,
        status: end.status,
        error_code: end.errorCode,
        error_message: end.errorMessage,
        model: extra.model ?? null,
        usage: (extra.usage as MessageRow['usage']) ?? null,
        openai_response_id: extra.responseId ?? null,
      }),
    );
    state.ended = end;
    state.emitter.emit('event', { id: END_EVENT_ID, event: end } satisfies Tracked);
  }

  private async nameChat(params: StartRun, assistantText: string): Promise<void> {
    const title = await this.options.ai.generateTitle({
      userText: params.userText,
      assistantText,
    });
    await withService(this.options.database, (tx) => setGeneratedTitle(tx, params.chatId, title));
  }

  /**
   * Stops a reply wherever it runs: here directly, elsewhere through NOTIFY (the owner stops it
   * and writes the partial text). When no process answers (its owner died), the message is
   * closed as cancelled here, keeping its text. Says who stopped it.
   */
  async cancel(messageId: string): Promise<{
    message: MessageRow | undefined;
    stoppedBy: 'this-process' | 'owner' | 'forced' | 'nobody';
  }> {
    const read = () => withService(this.options.database, (tx) => getMessage(tx, messageId));
    const local = this.runs.get(messageId);
    if (local && !local.ended) {
      local.abort.abort();
      await local.done;
      return { message: await read(), stoppedBy: 'this-process' };
    }
    const before = await read();
    if (!before || isTerminal(before.status)) return { message: before, stoppedBy: 'nobody' };
    await this.options.database.sql.notify(CANCEL_CHANNEL, messageId);
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const message = await read();
      if (!message || isTerminal(message.status)) return { message, stoppedBy: 'owner' };
    }
    await withService(this.options.database, (tx) =>
      finishMessage(tx, messageId, { status: 'cancelled' }),
    );
    return { message: await read(), stoppedBy: 'forced' };
  }

  /**
   * The reply's text and progress: a snapshot (or the text after `lastEventId`), live deltas,
   * then the end. Runs of this process are followed in memory; others through the database.
   */
  async *follow(
    messageId: string,
    options: { lastEventId?: string | null; signal?: AbortSignal },
  ): AsyncGenerator<Tracked> {
    if (options.lastEventId === END_EVENT_ID) return;
    let offset = offsetFromEventId(options.lastEventId);
    const local = this.runs.get(messageId);
    if (local) {
      // Listen first, then read the state in the same tick: nothing falls in between.
      const live = on(local.emitter, 'event', { signal: options.signal }) as AsyncIterableIterator<
        [Tracked]
      >;
      try {
        const opening = this.opening(local.content, local.ended?.status ?? 'streaming', offset);
        if (opening) yield opening;
        offset = local.content.length;
        if (local.ended) {
          yield { id: END_EVENT_ID, event: local.ended };
          return;
        }
        for await (const [item] of live) {
          if (item.event.type === 'end') {
            yield item;
            return;
          }
          const end = Number(item.id);
          if (end <= offset) continue;
          yield item;
          offset = end;
        }
      } catch (error) {
        if ((error as Error).name !== 'AbortError') throw error;
      } finally {
        await live.return?.();
      }
      return;
    }
    yield* this.followFromDatabase(messageId, offset, options.signal);
  }

  /** What a follower who has `offset` characters needs first; null when it is up to date. */
  private opening(content: string, status: string, offset: number | null): Tracked | null {
    if (offset === null) {
      // Statuses come from the database's text column, constrained there to MessageStatus.
      const snapshot = { type: 'snapshot' as const, content, status: status as MessageStatus };
      return { id: String(content.length), event: snapshot };
    }
    if (offset < content.length) {
      return { id: String(content.length), event: { type: 'delta', text: content.slice(offset) } };
    }
    return null;
  }

  private async *followFromDatabase(
    messageId: string,
    start: number | null,
    signal?: AbortSignal,
  ): AsyncGenerator<Tracked> {
    let offset = start;
    while (!signal?.aborted && !this.closed) {
      const message = await withService(this.options.database, (tx) => getMessage(tx, messageId));
      if (!message) return;
      // The run may have started here since (a retry in this process): follow it in memory.
      if (this.isRunningHere(messageId)) {
        yield* this.follow(messageId, {
          lastEventId: offset === null ? null : String(offset),
          signal,
        });
        return;
      }
      const opening = this.opening(message.content, message.status, offset);
      if (opening) {
        yield opening;
        offset = message.content.length;
      } else if (offset !== null && message.content.length < offset) {
        // The text was replaced (a regenerate): start over from a snapshot.
        offset = null;
        continue;
      }
      if (isTerminal(message.status)) {
        yield {
          id: END_EVENT_ID,
          event: {
            type: 'end',
            status: message.status,
            content: message.content,
            errorCode: message.error_code,
            errorMessage: message.error_message,
          },
        };
        return;
      }
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, this.pollIntervalMs);
        signal?.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            resolve(undefined);
          },
          { once: true },
        );
      });
    }
  }

  /** Waits for every run of this process to end (tests, graceful shutdown). */
  async drain(): Promise<void> {
    await Promise.all([...this.runs.values()].map((run) => run.done));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    for (const run of this.runs.values()) run.abort.abort();
    await this.drain();
    await this.unlisten?.();
  }
}
