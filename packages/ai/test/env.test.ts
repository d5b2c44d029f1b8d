import { describe, expect, it } from 'vitest';
import { readAiEnv } from '../src';

describe('readAiEnv', () => {
  it('reads the OpenAI variables', () => {
    expect(
      readAiEnv({
        OPENAI_API_KEY: 'sk-1',
        OPENAI_BASE_URL: 'http://127.0.0.1:4010/v1',
        OPENAI_ORG_ID: 'org-1',
        OPENAI_PROJECT_ID: 'proj_1',
      }),
    ).toEqual({
      apiKey: 'sk-1',
      baseURL: 'http://127.0.0.1:4010/v1',
      organization: 'org-1',
      project: 'proj_1',
    });
  });

  it('treats missing and blank values as unset, so the app can start without a key', () => {
    expect(readAiEnv({ OPENAI_API_KEY: '  ', OPENAI_BASE_URL: '' })).toEqual({
      apiKey: undefined,
      baseURL: undefined,
      organization: undefined,
      project: undefined,
    });
  });

  it('names the variable when a value is malformed', () => {
    expect(() => readAiEnv({ OPENAI_BASE_URL: 'not a url' })).toThrow(/OPENAI_BASE_URL/);
  });
});
