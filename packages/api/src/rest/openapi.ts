// The OpenAPI 3.1 document of the REST API, generated from the same zod schemas the procedures
// validate with (zod's JSON Schema output is the 2020-12 dialect OpenAPI 3.1 uses).
import { z } from 'zod';
import {
  attachmentViewSchema,
  idSchema,
  publicChatSchema,
  serviceCreateChatInput,
  serviceUploadInput,
  uploadGrantSchema,
} from '../schemas';
import { MAX_BODY_BYTES } from './chats';

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: {
      type: 'string',
      description: 'Stable identifier, e.g. urn:zatten:problem:validation-failed',
    },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as const;

const problem = (description: string, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

export function openApiDocument(appUrl: string) {
  const createInput = jsonSchema(serviceCreateChatInput, 'input');
  return {
    openapi: '3.1.0',
    info: {
      title: 'Zatten Chat API',
      version: '1.0.0',
      description:
        'Create chats for users of this Zatten Chat installation. Authenticate with an API key (`Authorization: Bearer zk_...`); administrators create keys in the app or with `pnpm api-key:create`.',
    },
    servers: [{ url: appUrl }],
    security: [{ apiKey: [] }],
    paths: {
      '/api/v1/chats': {
        post: {
          operationId: 'createChat',
          summary: 'Create a chat for a user',
          description:
            "Creates a chat for the user given by `userId` (their Clerk user id) or `email` (matched case-insensitively); give exactly one. The chat appears at once in the user's open dashboards. With `message`, the chat starts with that first message (and the files listed in `message.attachmentIds`, uploaded and confirmed for that user with /api/v1/attachments) and the assistant's reply starts at once; the response then also has `firstMessage` (`id`, `replyId`). Send an `Idempotency-Key` to make retries safe: a repeat with the same body returns the first result (with `Idempotent-Replayed: true`); a different body with the same key is a 409.",
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              schema: { type: 'string', minLength: 1, maxLength: 255 },
            },
          ],
          requestBody: {
            required: true,
            description: `JSON, at most ${MAX_BODY_BYTES} bytes.`,
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/CreateChatRequest' } },
            },
          },
          responses: {
            '201': {
              description: 'The chat was created (or replayed for a repeated Idempotency-Key).',
              headers: {
                Location: { description: 'The new chat', schema: { type: 'string' } },
                'Idempotent-Replayed': { schema: { type: 'string', enum: ['true'] } },
              },
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Chat' } } },
            },
            '400': problem('Malformed JSON or invalid fields; `errors` says which and why.'),
            '401': problem('Missing, unknown or revoked API key.'),
            '403': problem('The API key lacks the chats:create scope.'),
            '404': problem('Unknown user or assistant.'),
            '409': problem('The Idempotency-Key was used with a different body.'),
            '413': problem(`Body over ${MAX_BODY_BYTES} bytes.`),
            '415': problem('The body is not JSON.'),
            '429': problem('Rate limit of the API key exceeded.', {
              'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } },
            }),
          },
        },
      },
      // issue 16: files for a chat's first message (upload, then reference by id).
      '/api/v1/attachments': {
        post: {
          operationId: 'requestUpload',
          summary: "Get a signed URL to upload a user's file",
          description:
            "Step 1 of attaching a file to a chat's first message. Returns the pending attachment and a signed URL: `PUT` the raw bytes there (with the `headers` given) before `expiresAt`. Then confirm it (step 2) and list its id in `message.attachmentIds` of POST /api/v1/chats (step 3). Accepted: images (PNG, JPEG, WebP, GIF), PDFs and UTF-8 text (plain, Markdown, CSV, JSON, source code), decided from the bytes. Unsent files are deleted after ATTACHMENT_UNSENT_HOURS.",
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/UploadRequest' } },
            },
          },
          responses: {
            '201': {
              description: 'The pending attachment and where to PUT its bytes.',
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/UploadGrant' } },
              },
            },
            '400': problem('Invalid fields; `errors` says which and why.'),
            '401': problem('Missing, unknown or revoked API key.'),
            '403': problem(
              'The API key lacks the chats:create scope, or the user is over their storage quota (`storage_quota_exceeded`).',
            ),
            '404': problem('Unknown user.'),
            '413': problem('The file is over the size limit (`attachment_too_large`).'),
            '429': problem('Rate limit of the API key exceeded.', {
              'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } },
            }),
          },
        },
      },
      '/api/v1/attachments/{id}/confirm': {
        post: {
          operationId: 'confirmUpload',
          summary: 'Check an uploaded file',
          description:
            'Step 2: the server reads the uploaded bytes, detects the type and records the real size. A refused type (415) or size (413) deletes the file.',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: jsonSchema(idSchema, 'input') },
          ],
          responses: {
            '200': {
              description: 'The checked attachment.',
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/Attachment' } },
              },
            },
            '400': problem('Nothing was uploaded yet (`upload_missing`).'),
            '401': problem('Missing, unknown or revoked API key.'),
            '403': problem('The API key lacks the chats:create scope.'),
            '404': problem('No such attachment.'),
            '413': problem('The file is over the size limit.'),
            '415': problem('Not an accepted type (`attachment_type_refused`).'),
          },
        },
      },
      '/api/v1/chats/{id}': {
        get: {
          operationId: 'getChat',
          summary: 'Read a chat',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: jsonSchema(idSchema, 'input') },
          ],
          responses: {
            '200': {
              description: 'The chat',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Chat' } } },
            },
            '400': problem('The id is not a UUID.'),
            '401': problem('Missing, unknown or revoked API key.'),
            '403': problem('The API key lacks the chats:read scope.'),
            '404': problem('No such chat.'),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'zk_... API key' },
      },
      schemas: {
        CreateChatRequest: createInput,
        Chat: jsonSchema(publicChatSchema, 'output'),
        UploadRequest: jsonSchema(serviceUploadInput, 'input'),
        UploadGrant: jsonSchema(uploadGrantSchema, 'output'),
        Attachment: jsonSchema(attachmentViewSchema, 'output'),
        Problem: problemSchema,
      },
    },
  };
}

/** GET /api/v1/openapi.json: the document as the app serves it (the harness serves the same). */
export function handleOpenApiDocument(appUrl: string): Response {
  return Response.json(openApiDocument(appUrl), {
    headers: { 'cache-control': 'public, max-age=300' },
  });
}
