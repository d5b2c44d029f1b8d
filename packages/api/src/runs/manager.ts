// Assistant runs live on the server, independent of the request that started them: closing the
// tab does not stop a reply. Each run streams from the ai package, keeps its text in memory for
// followers in this process, writes progress to the database at a bounded rate (so Realtime shows
// it everywhere) and its outcome at the end. Cancels reach the owning process through NOTIFY.
// Each process holds an advisory lock on its own key while it lives and leases its runs to that
// key, so a process killed mid-run is recognised as gone at once (see closeOrphans).
import { randomInt } from 'node:crypto';
import { EventEmitter, on } from 'node:events';
import {
  type AssistantRunner,
  type ConversationTurn,
  fallbackTitle,
  type RunLimits,
  type TurnFile,
} from '@zatten/ai';
import {
  type AssistantRow,
  type Attachment,
  closeOrphanedRuns,
  type Database,
  finishMessage,
  getMessage,
  type MessageRow,
  type MessageStatus,
  setGeneratedTitle,
  touchActiveMessages,
  withService,
  writeRunOutcome,
  writeRunProgress,
} from '@zatten/db';
import type { Logger } from '../logger';
import { deltaFrame, trackedFrame } from '../sse-frames';
import { FRAME_MS } from './coalesce';
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
  /**
   * Whether this process holds the owner lock (on the database's session connection, which uses
   * the direct URL: a transaction pooler cannot hold a session lock). Without it runs are
   * unleased and only the orphan window tells a dead owner.
   */
  ownerLock?: boolean;
  /** How long the final write of a run is retried before it waits for the database. */
  finalWriteMs?: number;
  /** Reads the bytes of a question's files from storage (issue 16), after the send committed. */
  readFiles?: (attachments: readonly Attachment[]) => Promise<TurnFile[]>;
}

export interface StartRun {
  messageId: string;
  chatId: string;
  userId: string;
  /** The question the reply answers (the first exchange's title is made from it). */
  userText: string;
  /** The reply's branch, root first, ending with that question: the whole input (branch-input.ts). */
  history: ConversationTurn[];
  assistant: AssistantRow;
  /** Whether the chat still has its placeholder title (the first exchange names it). */
  nameChat: boolean;
  /** The files of each question of `history`, by turn index (read when the run starts). */
  attachments?: ReadonlyMap<number, readonly Attachment[]>;
}

type Terminal = Extract<StreamEvent, { type: 'end' }>;

/**
 * Where a direct follower's frames go (message-stream.ts: its response body). Frames are tRPC's
 * SSE bytes; `end` comes after the end frame was written, once.
 */
export interface FrameSink {
  write(frame: Uint8Array): void;
  end(): void;
}

/** A follower written to directly with pre-encoded frames: no iterator, no per-follower timer. */
interface DirectFollower {
  /** How many characters of the reply it has. */
  offset: number;
  sink: FrameSink;
}

interface RunState {
  messageId: string;
  chatId: string;
  /** Whose reply it is (the message's user_id). */
  userId: string;
  content: string;
  ended: Terminal | null;
  abort: AbortController;
  /** Followers through follow() (tRPC's pipeline, in-process callers): one event per delta. */
  emitter: EventEmitter;
  /**
   * Followers through attach(): the run cuts its deltas into ~20 ms frames once (as
   * coalesceDeltas does per follower), encodes each frame once and writes the same bytes to all.
   */
  direct: Set<DirectFollower>;
  /** While there are direct followers: the text after `flushed` not yet framed. */
  pending: string;
  flushed: number;
  lastFrame: number;
  frameTimer: NodeJS.Timeout | undefined;
  done: Promise<void>;
}

type Tracked = { id: string; event: StreamEvent };

/** A final write the database refused for longer than `finalWriteMs`: kept until it returns. */
interface UnsavedOutcome {
  messageId: string;
  outcome: Parameters<typeof finishMessage>[2];
}

export class RunManager {
  private readonly runs = new Map<string, RunState>();
  private readonly persistIntervalMs: number;
  readonly orphanAfterMs: number;
  private readonly maxRunMs: number;
  private readonly pollIntervalMs: number;
  private readonly finalWriteMs: number;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly unsaved = new Map<string, UnsavedOutcome>();
  /** Runs with text not yet written; all of them are written together (writeProgress). */
  private readonly dirty = new Set<RunState>();
  private progressTimer: NodeJS.Timeout | undefined;
  private progressWrite: Promise<void> = Promise.resolve();
  private unlisten: (() => Promise<void>) | null = null;
  private unlock: (() => Promise<void>) | null = null;
  private closed = false;
  /** This process's owner key: the advisory lock it holds while it lives (see run_leases). */
  readonly ownerKey = randomInt(1, 2 ** 47);

  constructor(private readonly options: RunManagerOptions) {
    this.persistIntervalMs = options.persistIntervalMs ?? 1000;
    this.orphanAfterMs = options.orphanAfterMs ?? 45_000;
    this.maxRunMs = options.maxRunMs ?? 10 * 60_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 400;
    this.finalWriteMs = options.finalWriteMs ?? 15_000;
  }

  /** Whether runs started here can be leased (the owner lock is configured). */
  get leasing(): boolean {
    return this.options.ownerLock === true;
  }

  /**
   * Takes the owner lock, listens for cancels, closes runs orphaned by dead processes, and keeps
   * live runs fresh; unsaved outcomes are written once the database answers again.
   */
  async start(): Promise<void> {
    const { database, logger } = this.options;
    await this.holdOwnerLock();
    this.unlisten = await database.session.listen(CANCEL_CHANNEL, (messageId) => {
      this.runs.get(messageId)?.abort.abort();
    });
    await this.closeOrphans();
    const sweep = setInterval(
      () => {
        void this.heartbeat().catch((error: unknown) =>
          logger.warn('run heartbeat failed', { error }),
        );
        void this.closeOrphans().catch((error: unknown) =>
          logger.warn('orphan sweep failed', { error }),
        );
        void this.writeUnsaved();
      },
      Math.max(1000, Math.floor(this.orphanAfterMs / 3)),
    );
    sweep.unref();
    this.timers.push(sweep);
  }

  /**
   * Holds the advisory lock on `ownerKey` for the life of the process, on the database's session
   * connection (which takes it again after a reconnect). In a gap another process may close our
   * runs as interrupted, which finish() then corrects.
   */
  private async holdOwnerLock(): Promise<void> {
    if (!this.leasing || this.closed) return;
    try {
      this.unlock = await this.options.database.session.holdLock(this.ownerKey);
    } catch (error) {
      // The session connection keeps trying; the lock is taken once the server answers.
      this.options.logger.warn('run owner lock failed', { error });
    }
  }

  /** Closes runs whose owner died (optionally in one chat only); returns their ids. */
  async closeOrphans(options: { chatId?: string } = {}): Promise<string[]> {
    const closed = await withService(this.options.database, (tx) =>
      closeOrphanedRuns(tx, this.orphanAfterMs, options),
    );
    if (closed.length) this.options.logger.warn('closed orphaned runs', { messageIds: closed });
    return closed;
  }

  /** Marks this process's runs as alive, so no other process takes them for orphans. */
  private async heartbeat(): Promise<void> {
    const ids = [
      ...[...this.runs.values()].filter((run) => !run.ended).map((run) => run.messageId),
      ...this.unsaved.keys(),
    ];
    if (!ids.length) return;
    await withService(this.options.database, (tx) => touchActiveMessages(tx, ids));
  }

  isRunningHere(messageId: string): boolean {
    const run = this.runs.get(messageId);
    return run !== undefined && run.ended === null;
  }

  /**
   * Whether `userId`'s reply `messageId` is being written in this process now: then it exists
   * and is theirs (it was started from their own transaction), and a follower of theirs needs no
   * database read to be let in.
   */
  isRunningHereFor(messageId: string, userId: string): boolean {
    const run = this.runs.get(messageId);
    return run !== undefined && run.ended === null && run.userId === userId;
  }

  startRun(params: StartRun): void {
    const state: RunState = {
      messageId: params.messageId,
      chatId: params.chatId,
      userId: params.userId,
      content: '',
      ended: null,
      abort: new AbortController(),
      emitter: new EventEmitter(),
      direct: new Set(),
      pending: '',
      flushed: 0,
      lastFrame: Number.NEGATIVE_INFINITY,
      frameTimer: undefined,
      done: Promise.resolve(),
    };
    state.emitter.setMaxListeners(0);
    this.runs.set(params.messageId, state);
    state.done = this.execute(state, params)
      .catch((error: unknown) => {
        if (state.ended) {
          // The reply ended; only the title (or another afterthought) failed.
          this.options.logger.warn('after the run', { messageId: params.messageId, error });
          return;
        }
        this.options.logger.error('run crashed', { messageId: params.messageId, error });
        return this.finish(state, {
          type: 'end',
          status: 'failed',
          content: state.content,
          errorCode: 'unknown',
          errorMessage: 'The reply failed unexpectedly. Try again.',
        });
      })
      .then(() => this.nameUnansweredChat(state, params))
      .finally(() => {
        // Late followers in this process still find the outcome for a while.
        const timer = setTimeout(() => this.runs.delete(params.messageId), 30_000);
        timer.unref();
      });
    this.options.keepAlive?.(state.done);
  }

  private async execute(state: RunState, params: StartRun): Promise<void> {
    const { ai, logger } = this.options;
    const deadline = setTimeout(() => state.abort.abort(new Error('run_timeout')), this.maxRunMs);
    deadline.unref();
    try {
      let model: string | null = null;
      // The files are read here, once the send's transaction has committed: never while it holds
      // the chat's lock, and a slow store delays only this reply.
      let input = params.history;
      try {
        input = await this.withFiles(params);
      } catch (error) {
        logger.warn('reading the files of a question failed', {
          messageId: state.messageId,
          error,
        });
        await this.finish(state, {
          type: 'end',
          status: 'failed',
          content: '',
          errorCode: 'attachment_unavailable',
          errorMessage: 'The files of this question could not be read. Try again.',
        });
        return;
      }
      for await (const event of ai.run({
        input,
        // Ties the Response to our chat and reply on OpenAI's side; its id is stored on the reply.
        metadata: { app: 'zatten-chat', chat_id: params.chatId, message_id: params.messageId },
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
          // Nothing is built for followers that are not there (an emit allocates its event).
          if (state.emitter.listenerCount('event') > 0) {
            state.emitter.emit('event', {
              id: String(state.content.length),
              event: { type: 'delta', text: event.text },
            } satisfies Tracked);
          }
          if (state.direct.size > 0) {
            state.pending += event.text;
            this.frameDue(state);
          }
          this.progressDue(state);
        } else if (event.type === 'completed') {
          model = event.model;
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

  /** The history with each question's files read from storage. */
  private async withFiles(params: StartRun): Promise<ConversationTurn[]> {
    const { readFiles } = this.options;
    if (!readFiles || !params.attachments?.size) return params.history;
    const turns = [...params.history];
    for (const [index, attachments] of params.attachments) {
      const turn = turns[index];
      if (turn && attachments.length)
        turns[index] = { ...turn, files: await readFiles(attachments) };
    }
    return turns;
  }

  /**
   * Ends the run: the outcome is written, retried with backoff for `finalWriteMs`; followers
   * here get `end` after the first attempt, whether it succeeded or not. If the database stays
   * away the outcome is kept in memory and written when it answers again (the sweep retries, and
   * heartbeats keep the row ours). Never throws, so a run's promise never rejects.
   */
  private async finish(
    state: RunState,
    end: Terminal,
    extra: { model?: string | null; usage?: unknown; responseId?: string | null } = {},
  ): Promise<void> {
    if (state.ended) return;
    state.content = end.content;
    state.ended = end;
    // The outcome carries the text: no progress write is owed any more. One already sent is
    // harmless: progress only changes a reply still in flight.
    this.dirty.delete(state);
    // Followers get `end` once the first write attempt is over: on the normal path the outcome
    // is stored by then (a client that refetches sees it), and a refused write delays nobody.
    let told = false;
    const tell = () => {
      if (told) return;
      told = true;
      state.emitter.emit('event', { id: END_EVENT_ID, event: end } satisfies Tracked);
      this.endDirect(state, end);
    };
    const unsaved: UnsavedOutcome = {
      messageId: state.messageId,
      outcome: {
        content: end.content,
        status: end.status,
        error_code: end.errorCode,
        error_message: end.errorMessage,
        model: extra.model ?? null,
        usage: (extra.usage as MessageRow['usage']) ?? null,
        openai_response_id: extra.responseId ?? null,
      },
    };
    const deadline = Date.now() + this.finalWriteMs;
    for (let attempt = 1, delay = 50; ; attempt++, delay = Math.min(delay * 2, 2000)) {
      try {
        await this.writeOutcome(unsaved);
        tell();
        return;
      } catch (error) {
        tell();
        if (Date.now() + delay > deadline || this.closed) {
          this.options.logger.error('final write failed; kept until the database answers', {
            messageId: state.messageId,
            error,
          });
          this.unsaved.set(state.messageId, unsaved);
          return;
        }
        if (attempt === 1) {
          this.options.logger.warn('final write failed; retrying', {
            messageId: state.messageId,
            error,
          });
        }
        await new Promise((resolve) => setTimeout(resolve, delay).unref());
      }
    }
  }

  private async writeOutcome(unsaved: UnsavedOutcome): Promise<void> {
    // One round trip (finishMessage's statement), not a transaction of three.
    await writeRunOutcome(this.options.database, unsaved.messageId, unsaved.outcome, {
      ownerKey: this.leasing ? this.ownerKey : undefined,
    });
  }

  /**
   * The run has text not yet written. Progress is written at a bounded rate, every
   * `persistIntervalMs`, for all the runs of this process together: one statement, however many
   * replies are streaming, instead of a transaction each (the pool the sends need stays free).
   */
  private progressDue(state: RunState): void {
    this.dirty.add(state);
    this.scheduleProgress();
  }

  private scheduleProgress(): void {
    if (this.progressTimer || this.closed || this.dirty.size === 0) return;
    this.progressTimer = setTimeout(() => {
      // The next write is timed from the end of this one: writes never overlap.
      this.progressWrite = this.writeProgress().finally(() => {
        this.progressTimer = undefined;
        this.scheduleProgress();
      });
    }, this.persistIntervalMs);
    this.progressTimer.unref();
  }

  private async writeProgress(): Promise<void> {
    const entries = [...this.dirty]
      .filter((state) => !state.ended)
      .map((state) => ({ id: state.messageId, content: state.content }));
    this.dirty.clear();
    try {
      await writeRunProgress(this.options.database, entries);
    } catch (error) {
      this.options.logger.warn('progress write failed', { error });
    }
  }

  /** Writes outcomes the database refused earlier; returns how many are still unsaved. */
  async writeUnsaved(): Promise<number> {
    for (const unsaved of [...this.unsaved.values()]) {
      try {
        await this.writeOutcome(unsaved);
        this.unsaved.delete(unsaved.messageId);
        this.options.logger.info('unsaved reply written', { messageId: unsaved.messageId });
      } catch (error) {
        this.options.logger.warn('unsaved reply still not written', {
          messageId: unsaved.messageId,
          error,
        });
      }
    }
    return this.unsaved.size;
  }

  /**
   * Stops the runs of a chat that is gone (deleted): here directly, elsewhere through NOTIFY.
   * Their rows went with the chat, so nothing is written.
   */
  async abandon(messageIds: string[]): Promise<void> {
    for (const messageId of messageIds) {
      const local = this.runs.get(messageId);
      if (local && !local.ended) local.abort.abort();
      else await this.options.database.notify(CANCEL_CHANNEL, messageId);
    }
  }

  private async nameChat(params: StartRun, assistantText: string): Promise<void> {
    const title = await this.options.ai.generateTitle({
      userText: params.userText,
      assistantText,
    });
    await withService(this.options.database, (tx) => setGeneratedTitle(tx, params.chatId, title));
  }

  /**
   * A first reply that failed or was stopped gets no model title; name the chat from the
   * person's first line instead, so the sidebar never fills with identical "New chat" rows.
   * `setGeneratedTitle` only replaces the placeholder, so a rename by the person always wins.
   */
  private async nameUnansweredChat(state: RunState, params: StartRun): Promise<void> {
    if (!params.nameChat || !state.ended || state.ended.status === 'complete') return;
    const title = fallbackTitle(params.userText);
    await withService(this.options.database, (tx) =>
      setGeneratedTitle(tx, params.chatId, title),
    ).catch((error: unknown) => this.options.logger.warn('fallback title failed', { error }));
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
    await this.options.database.notify(CANCEL_CHANNEL, messageId);
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
   * Follows `userId`'s reply `messageId` running in this process by writing tRPC's SSE frames to
   * `sink`: the opening (a snapshot, or the text after `lastEventId`) at once, then the run's
   * shared ~20 ms frames, then the end frame, then `sink.end()`. The same events and ids as
   * follow() through coalesceDeltas. Returns how to stop following, or null when the reply is
   * not running here for them (or the follower has it all): follow() answers those cases.
   */
  attach(
    messageId: string,
    userId: string,
    options: { lastEventId?: string | null },
    sink: FrameSink,
  ): (() => void) | null {
    const run = this.runs.get(messageId);
    if (!run || run.ended || run.userId !== userId) return null;
    if (options.lastEventId === END_EVENT_ID) return null;
    const opening = this.opening(run.content, 'streaming', offsetFromEventId(options.lastEventId));
    if (run.direct.size === 0) {
      // Nothing was framed while nobody followed this way: frames start from here.
      clearTimeout(run.frameTimer);
      run.frameTimer = undefined;
      run.pending = '';
      run.flushed = run.content.length;
    }
    // The first token after the opening is not held back for a frame: it is the one awaited.
    if (opening) sink.write(trackedFrame(opening.id, opening.event));
    const follower: DirectFollower = { offset: run.content.length, sink };
    run.direct.add(follower);
    return () => {
      run.direct.delete(follower);
    };
  }

  /** A delta arrived for direct followers: it leaves now after a quiet spell, else with its frame. */
  private frameDue(state: RunState): void {
    if (state.frameTimer) return;
    const wait = state.lastFrame + FRAME_MS - performance.now();
    if (wait <= 0) {
      this.flushFrame(state);
      return;
    }
    state.frameTimer = setTimeout(() => {
      state.frameTimer = undefined;
      this.flushFrame(state);
    }, wait);
  }

  /** Writes the pending text as one frame, encoded once for every follower that needs all of it. */
  private flushFrame(state: RunState): void {
    clearTimeout(state.frameTimer);
    state.frameTimer = undefined;
    const start = state.flushed;
    const text = state.pending;
    if (!text) return;
    const end = start + text.length;
    state.flushed = end;
    state.pending = '';
    state.lastFrame = performance.now();
    const id = String(end);
    let shared: Uint8Array | undefined;
    for (const follower of state.direct) {
      if (follower.offset >= end) continue;
      let frame: Uint8Array;
      if (follower.offset === start) {
        shared ??= deltaFrame(id, text);
        frame = shared;
      } else {
        // A follower that joined inside this frame has part of it already (its opening).
        frame = deltaFrame(id, text.slice(follower.offset - start));
      }
      follower.offset = end;
      follower.sink.write(frame);
    }
  }

  /** The run ended: direct followers get the text still pending, the end frame, and their end. */
  private endDirect(state: RunState, end: Terminal): void {
    if (state.direct.size === 0) return;
    this.flushFrame(state);
    const frame = trackedFrame(END_EVENT_ID, end);
    const followers = [...state.direct];
    state.direct.clear();
    for (const follower of followers) {
      follower.sink.write(frame);
      follower.sink.end();
    }
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
    // A follower gone before it got here (a tab closed right after its send) is no error:
    // `on` throws at once for a signal already aborted.
    if (options.signal?.aborted) return;
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
      // The wait lets go of its abort listener whichever way it ends: a follower may poll for
      // minutes, and the request's signal would otherwise gather one listener per poll.
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, this.pollIntervalMs);
        signal?.addEventListener('abort', done, { once: true });
      });
    }
  }

  /** Waits for every run of this process to end (tests, graceful shutdown). */
  async drain(): Promise<void> {
    await Promise.all([...this.runs.values()].map((run) => run.done));
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    clearTimeout(this.progressTimer);
    this.dirty.clear();
    await this.progressWrite;
    for (const run of this.runs.values()) run.abort.abort();
    await this.drain();
    this.closed = true;
    if (this.unsaved.size && (await this.writeUnsaved())) {
      this.options.logger.error('replies left unsaved at shutdown', {
        messageIds: [...this.unsaved.keys()],
      });
    }
    await this.unlisten?.();
    await this.unlock?.();
  }
}
