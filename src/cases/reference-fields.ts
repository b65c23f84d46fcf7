import type { SchemaObject } from '../spec/types.ts';
import type { Rng } from './prng.ts';
import { schemaExamples } from './schema-view.ts';

/**
 * A body property that names another resource (`roleId`, `album_id`,
 * `parentID`) must name one that exists: a random `roleId: 891` names
 * nothing, the server refuses the whole request ("role 891 does not
 * exist"), and the case tests nothing it claims, as a "missing username"
 * case refused for its role never reaches the username check. The spec's
 * example for such a field names a record the server has (swag's
 * `example:"1"`: the seeded role), so it is taken in every phase; a case that
 * varies the field sets its own value. `id` itself is the resource's own
 * name, not a reference, and stays random.
 */
const reference = /[a-z0-9](Id|ID|_id|Ids|IDs|_ids)$/;

export function referenceExample(
  name: string,
  schema: SchemaObject,
  rng: Rng,
): { value: unknown } | undefined {
  if (!reference.test(name)) return undefined;
  const examples = schemaExamples(schema);
  return examples.length ? { value: structuredClone(rng.pick(examples)) } : undefined;
}
