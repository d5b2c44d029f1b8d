// Compile-time check that the Portuguese and English catalogues have exactly the same keys: a
// string added to one and forgotten in the other fails `tsc`. Types only; nothing is bundled.
import type en from '../../messages/en.json';
import type ptBR from '../../messages/pt-BR.json';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export type CataloguesMatch =
  Same<Shape<typeof en>, Shape<typeof ptBR>> extends true ? true : never;
export const cataloguesMatch: CataloguesMatch = true;
