import { isFilePart, kindOf } from '../cases/body-media.ts';
import { shortHash } from '../cases/prng.ts';
import { view } from '../cases/schema-view.ts';
import type { CaseRequest } from '../cases/types.ts';
import type { LoadedSpec, Operation, SchemaObject } from '../spec/types.ts';

/**
 * A case's body as it goes on the wire, by the Content-Type it is sent with:
 * JSON; `application/x-www-form-urlencoded` (arrays as repeated keys, what
 * Gin's form binding reads); `multipart/form-data` with a boundary derived
 * from the body (so a replay sends the same bytes), file properties as file
 * parts with a filename; text and bytes as they are. A raw body is sent as is.
 */
export interface WireBody {
  body: string;
  /** The Content-Type header, with the multipart boundary. */
  contentType?: string;
}

export function serializeBody(
  spec: LoadedSpec,
  operation: Operation,
  request: CaseRequest,
): WireBody | undefined {
  if (request.rawBody !== undefined) return { body: request.rawBody, contentType: request.contentType };
  if (request.body === undefined) return undefined;
  const kind = kindOf(request.contentType);
  const value = request.body;
  const fields =
    value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : undefined;
  if (kind === 'urlencoded' && fields) {
    const form = new URLSearchParams();
    for (const [name, v] of fields)
      for (const part of Array.isArray(v) ? v : [v]) form.append(name, text(part));
    return { body: form.toString(), contentType: request.contentType };
  }
  if (kind === 'multipart' && fields) {
    const schema = formSchema(operation);
    const boundary = `tollgate-${shortHash(JSON.stringify(value))}`;
    let body = '';
    for (const [name, v] of fields) {
      const property = (view(spec.document, schema).properties[name] ?? {}) as SchemaObject;
      const file = isFilePart(spec.document, property) && !request.plainParts?.includes(name);
      (Array.isArray(v) ? v : [v]).forEach((part, i) => {
        body += `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"`;
        if (file) {
          body += `; filename="tollgate-${quote(name)}${i ? `-${i + 1}` : ''}.txt"\r\nContent-Type: application/octet-stream`;
        }
        body += `\r\n\r\n${text(part)}\r\n`;
      });
    }
    body += `--${boundary}--\r\n`;
    return { body, contentType: `${request.contentType}; boundary=${boundary}` };
  }
  if ((kind === 'text' || kind === 'bytes') && typeof value === 'string')
    return { body: value, contentType: request.contentType };
  return { body: JSON.stringify(value), contentType: request.contentType };
}

function formSchema(operation: Operation): SchemaObject {
  return operation.requestBody?.content['multipart/form-data']?.schema ?? {};
}

function text(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function quote(name: string): string {
  return name.replaceAll('"', '%22').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}
