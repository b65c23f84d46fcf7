import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { deleteRefusal } from '../../src/stateful/delete-refusal.ts';

const envelope = { code: '/code', ok: [0], message: '/msg', data: '/data' };

describe('whether an answered DELETE deleted', () => {
  const cases: [
    string,
    { status: number; json?: unknown },
    typeof envelope | undefined,
    string | undefined,
  ][] = [
    ['204', { status: 204 }, undefined, undefined],
    ['200 with a plain body', { status: 200, json: { id: 3 } }, undefined, undefined],
    ['404: already gone', { status: 404 }, undefined, undefined],
    ['410: already gone', { status: 410 }, undefined, undefined],
    ['500', { status: 500 }, undefined, 'answered 500'],
    ['400', { status: 400, json: { code: 7, msg: 'x' } }, envelope, 'answered 400'],
    ['envelope ok', { status: 200, json: { code: 0, data: {}, msg: 'deleted' } }, envelope, undefined],
    [
      'envelope refusal inside 200',
      { status: 200, json: { code: 7, data: {}, msg: 'the role is held by user ada' } },
      envelope,
      'answered 200 with code 7: the role is held by user ada',
    ],
    [
      'detected refusal, no envelope configured',
      { status: 200, json: { code: 7, data: {}, msg: 'locked' } },
      undefined,
      'answered 200 with code 7: locked',
    ],
    ['detected ok code 0', { status: 200, json: { code: 0, msg: 'ok' } }, undefined, undefined],
    ['an HTTP-like code 200', { status: 200, json: { code: 200, message: 'ok' } }, undefined, undefined],
    ['a code without a message', { status: 200, json: { code: 3 } }, undefined, undefined],
  ];
  for (const [name, response, env, want] of cases)
    test(name, () => assert.equal(deleteRefusal(response, env), want));
});
