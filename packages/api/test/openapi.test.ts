// The OpenAPI document is valid OpenAPI 3.1 and describes what the handler really accepts.
import { Validator } from '@seriousme/openapi-schema-validator';
import { expect, it } from 'vitest';
import { openApiDocument } from '../src/rest/openapi';
import { serviceCreateChatInput } from '../src/schemas';

it('is a valid OpenAPI 3.1 document', async () => {
  const document = openApiDocument('https://chat.example.com');
  const validator = new Validator();
  const result = await validator.validate(document);
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
  expect(validator.version).toBe('3.1');
});

it('documents the request body from the same schema the procedure validates', () => {
  const document = openApiDocument('https://chat.example.com');
  const schema = document.components.schemas.CreateChatRequest as {
    properties: Record<string, unknown>;
    additionalProperties: boolean;
  };
  expect(Object.keys(schema.properties).sort()).toEqual(
    Object.keys(serviceCreateChatInput.shape).sort(),
  );
  expect(schema.additionalProperties).toBe(false);
  expect(Object.keys(document.paths['/api/v1/chats'].post.responses)).toEqual(
    expect.arrayContaining(['201', '400', '401', '403', '404', '409', '413', '415', '429']),
  );
});
