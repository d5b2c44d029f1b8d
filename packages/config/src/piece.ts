// How a package declares its settings: a t3-env piece over its own zod shape, reading the
// variables it is given (process.env by default), blanks as unset, and failing in the one
// format every process shares (EnvError). The web app composes the pieces with t3-env `extends`.
import { createEnv, type StandardSchemaV1 } from '@t3-oss/env-core';
import { z } from 'zod';
import { throwEnvError } from './errors';

// t3-env's own bound for a final schema (any object in, any object out).
// biome-ignore lint/complexity/noBannedTypes: the exact type createEnv declares
type FinalSchema = StandardSchemaV1<{}, {}>;

export type RuntimeEnv = Record<string, string | undefined>;

export interface PieceOptions {
  /** Where the variables come from; process.env by default (loaded by loadEnvironment). */
  source?: RuntimeEnv;
  /** `next build` collects routes without a runtime environment: check nothing then. */
  skipValidation?: boolean;
}

/**
 * Validates `shape` against the source; `refine` adds rules across variables (each issue still
 * names its variable through its path).
 */
export function envPiece<TShape extends z.ZodRawShape, TOut = z.output<z.ZodObject<TShape>>>(
  shape: TShape,
  options: PieceOptions & { refine?: (schema: z.ZodObject<TShape>) => z.ZodType<TOut> } = {},
): TOut {
  const refine = options.refine ?? ((schema: z.ZodObject<TShape>) => schema);
  const env = createEnv({
    server: shape,
    // A copy: t3-env deletes blank values from the object it is given.
    runtimeEnv: { ...(options.source ?? process.env) },
    isServer: true,
    emptyStringAsUndefined: true,
    skipValidation: options.skipValidation ?? false,
    onValidationError: throwEnvError,
    // t3-env types the final schema's output loosely; the result is cast back to TOut below.
    createFinalSchema: (finalShape) =>
      refine(z.object(finalShape as TShape)) as unknown as FinalSchema,
  });
  return env as TOut;
}
