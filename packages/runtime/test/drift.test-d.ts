import type { Drift, SameShape } from '@toolwright/runtime';
import { describe, expectTypeOf, it } from 'vitest';

enum Color {
  Red = 'red',
  Green = 'green',
}

describe('SameShape', () => {
  it('accepts identical parameter tuples, optional elements included', () => {
    expectTypeOf<SameShape<'m', [owner: string, limit?: number], [string, (number | undefined)?]>>().toEqualTypeOf<true>();
  });
  it('maps string enums to their values', () => {
    expectTypeOf<SameShape<'m', [{ color: Color }], [{ color: 'red' | 'green' }]>>().toEqualTypeOf<true>();
  });
  it('reports a retyped parameter with both sides', () => {
    expectTypeOf<SameShape<'m', [owner: string], [owner: number]>>().toEqualTypeOf<Drift<'m', [owner: string], [owner: number]>>();
  });
  it('reports a missing and an extra field', () => {
    expectTypeOf<SameShape<'m', [{ a: string }], [{ a: string; b: string }]>>().not.toEqualTypeOf<true>();
    expectTypeOf<SameShape<'m', [{ a: string; b: string }], [{ a: string }]>>().not.toEqualTypeOf<true>();
  });
  it('reports an optional field made required', () => {
    expectTypeOf<SameShape<'m', [{ a?: string }], [{ a: string }]>>().not.toEqualTypeOf<true>();
  });
});
