// @zatten/ai/testing: an OpenAI test server that speaks the documented wire format, for
// this package's tests, the api package's tests and end-to-end runs (see cli.ts).
// Never imported by production code.

export {
  type Behaviour,
  type BehaviourKind,
  longReplyText,
  MARKERS,
  type Marker,
  markerIn,
  replyText,
  slowReplyText,
  stripMarkers,
  titleText,
  tokenize,
} from './behaviours';
export type { PlayOutcome } from './play-stream';
export {
  type OpenAITestServer,
  type OpenAITestServerOptions,
  type RecordedRequest,
  type RequestOutcome,
  type Script,
  type ScriptContext,
  startOpenAITestServer,
} from './server';
export type { ConversationObject, OpenAIErrorBody } from './wire';
