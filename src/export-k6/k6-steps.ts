import { runInNewContext } from 'node:vm';
import { TollgateError } from '../errors/tollgate-error.ts';
import type { StepInput } from '../load/plan/request-plan.ts';
import type { LoadedProfile } from '../load/profile/loaded-profile.ts';
import type { Operation } from '../spec/types.ts';

/**
 * The profile's weighted mix as TypeScript source for the script's `mix`
 * array. Values are written as JSON; generator functions (`params: (ctx) =>
 * ...`, `capture`) are copied by their source, so they may use only their
 * arguments and JavaScript's built-ins: one that reaches for something of its
 * file (a helper, a counter) is refused, naming it, since k6 would not have it.
 */
export function k6Mix(profile: LoadedProfile, operations: Operation[]): string {
  const entries = profile.options.requests.map((raw, i) => {
    const scenario = raw as { weight?: number; name?: string; steps?: StepInput[] };
    const steps = scenario.steps ?? [raw as StepInput];
    const at = `${profile.source}: requests[${i}]`;
    const rendered = steps.map((step, j) =>
      k6Step(step, operations, scenario.steps ? `${at}.steps[${j}]` : at),
    );
    const name = scenario.name ?? opName(steps[0], operations);
    return `  {\n    name: ${JSON.stringify(name)},\n    weight: ${scenario.weight ?? 1},\n    steps: [\n${rendered.join(',\n')},\n    ],\n  }`;
  });
  return `[\n${entries.join(',\n')},\n]`;
}

function k6Step(step: StepInput, operations: Operation[], at: string): string {
  const operation = operationFor(step, operations);
  const fields = [
    `name: ${JSON.stringify(opName(step, operations))}`,
    `method: ${JSON.stringify(step.method.toUpperCase())}`,
    `path: ${JSON.stringify(step.path)}`,
    `expect: ${step.expect ? JSON.stringify(step.expect) : 'null'}`,
    `documented: ${JSON.stringify(documentedStatuses(operation))}`,
  ];
  for (const key of ['params', 'body', 'headers', 'capture'] as const) {
    const value = step[key];
    if (value === undefined) continue;
    fields.push(
      `${key}: ${typeof value === 'function' ? functionSource(value as () => unknown, `${at}.${key}`, key) : JSON.stringify(value)}`,
    );
  }
  return `      { ${fields.join(', ')} }`;
}

/** The statuses the spec documents for the operation; null = any (a `default` response, or no operation). */
function documentedStatuses(operation: Operation | undefined): number[] | null {
  if (!operation || 'default' in operation.responses) return null;
  return Object.keys(operation.responses).flatMap((code) => {
    const range = /^([1-5])XX$/i.exec(code);
    if (!range) return [Number(code)];
    return Array.from({ length: 100 }, (_, n) => Number(range[1]) * 100 + n);
  });
}

const sampleArgument = {
  capture: { status: 200, headers: {}, json: {} },
  other: { vars: {}, iteration: 0, random: () => 0.5 },
};

/**
 * A generator's source as an expression. It is run once in an empty realm:
 * a ReferenceError there is a name from the profile's file that k6 would not
 * have. Other errors (a sample that does not fit) say nothing about that.
 */
function functionSource(fn: (...args: never[]) => unknown, at: string, key: string): string {
  let source = fn.toString();
  if (/^(async\s+)?[A-Za-z_$][\w$]*\s*\(/.test(source) && !/^(async\s+)?function\b/.test(source)) {
    source = `function ${source}`;
  }
  try {
    const copy = runInNewContext(`(${source})`) as (arg: unknown) => unknown;
    copy(key === 'capture' ? sampleArgument.capture : sampleArgument.other);
  } catch (error) {
    // The error comes from the other realm: not an `instanceof Error` here.
    const { name, message } = error as { name?: string; message?: string };
    if (name === 'ReferenceError') {
      throw new TollgateError(
        'TG_PROFILE_INVALID',
        `${at} uses ${String(message).replace(/ is not defined$/, '')} from outside the function; the k6 script gets the function's source only`,
        { hint: 'write the function with only its argument (ctx or the response) and JavaScript built-ins' },
      );
    }
  }
  return source;
}

function operationFor(step: StepInput, operations: Operation[]): Operation | undefined {
  const method = step.method.toLowerCase();
  return operations.find((o) => o.method === method && o.path === step.path);
}

/** The name tag of a request: the step's name, else its operationId, as tollgate's own metrics name it. */
function opName(step: StepInput, operations: Operation[]): string {
  return step.name ?? operationFor(step, operations)?.id ?? `${step.method.toUpperCase()} ${step.path}`;
}
