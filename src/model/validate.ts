import { SimulationError, type SimulationErrorCode } from './errors';

/**
 * Small readers for untrusted input (configs, actions, scenario files): each
 * returns the typed value or throws a SimulationError naming the path and
 * what was expected. Unknown fields are rejected, so a typo is never ignored.
 */
export type Obj = Readonly<Record<string, unknown>>;

export interface Ctx {
  readonly code: SimulationErrorCode;
  readonly path: string;
}

export function at(ctx: Ctx, key: string | number): Ctx {
  return {
    code: ctx.code,
    path: typeof key === 'number' ? `${ctx.path}[${key}]` : `${ctx.path}.${key}`,
  };
}

export function fail(ctx: Ctx, detail: string): never {
  throw new SimulationError(ctx.code, ctx.path, detail);
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : typeof value;
}

export function object(value: unknown, ctx: Ctx, allowed: readonly string[]): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(ctx, `expected an object, got ${describe(value)}`);
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      fail(at(ctx, key), `unknown field; expected one of ${allowed.join(', ')}`);
    }
  }
  return value as Obj;
}

export function array(value: unknown, ctx: Ctx, maxLength = 10_000): readonly unknown[] {
  if (!Array.isArray(value)) fail(ctx, `expected an array, got ${describe(value)}`);
  if (value.length > maxLength) fail(ctx, `has ${value.length} items; the limit is ${maxLength}`);
  return value;
}

interface NumberRule {
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
}

export function number(value: unknown, ctx: Ctx, rule: NumberRule): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    fail(ctx, `expected a finite number, got ${describe(value)}`);
  }
  if (rule.integer && !Number.isInteger(value)) fail(ctx, `expected an integer, got ${value}`);
  if (value < rule.min || value > rule.max) {
    fail(ctx, `must be between ${rule.min} and ${rule.max}, got ${value}`);
  }
  return value;
}

export function integer(value: unknown, ctx: Ctx, min: number, max: number): number {
  return number(value, ctx, { min, max, integer: true });
}

export function string(value: unknown, ctx: Ctx, maxLength = 1_000): string {
  if (typeof value !== 'string') fail(ctx, `expected a string, got ${describe(value)}`);
  if (value.length > maxLength)
    fail(ctx, `is ${value.length} characters; the limit is ${maxLength}`);
  return value;
}

/** A short identifier: producers, apps, groups. */
export function identifier(value: unknown, ctx: Ctx): string {
  const s = string(value, ctx, 64);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(s)) {
    fail(
      ctx,
      `expected 1–64 characters of [A-Za-z0-9._-] starting with a letter or digit, got ${describe(s)}`,
    );
  }
  return s;
}

export function boolean(value: unknown, ctx: Ctx): boolean {
  if (typeof value !== 'boolean') fail(ctx, `expected true or false, got ${describe(value)}`);
  return value;
}

export function oneOf<T extends string>(value: unknown, ctx: Ctx, values: readonly T[]): T {
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
    fail(ctx, `expected one of ${values.map((v) => `"${v}"`).join(', ')}, got ${describe(value)}`);
  }
  return value as T;
}

/** Reads `o[key]` with `read`, or returns `fallback` when it is absent. */
export function optional<T>(
  o: Obj,
  key: string,
  ctx: Ctx,
  fallback: T,
  read: (value: unknown, ctx: Ctx) => T,
): T {
  const value = o[key];
  return value === undefined ? fallback : read(value, at(ctx, key));
}

/** Reads `o[key]` with `read`; the field must be present. */
export function required<T>(
  o: Obj,
  key: string,
  ctx: Ctx,
  read: (value: unknown, ctx: Ctx) => T,
): T {
  const value = o[key];
  if (value === undefined) fail(at(ctx, key), 'is required');
  return read(value, at(ctx, key));
}
