import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EvidenceIntegrityError, sha256Hex } from './file-store.js';
import { S3FileStore, type S3FileStoreOptions } from './s3-file-store.js';
import { minimalPdf } from './test-fixtures.js';

/**
 * These tests stop at the HTTP handler: they check the requests the AWS SDK builds (addresses, keys,
 * headers, signing) and how answers are read, with no network and no live store behind them.
 */

interface SentRequest {
  method: string;
  hostname: string;
  port?: number;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

interface CannedAnswer {
  status: number;
  body?: Buffer;
  headers?: Record<string, string>;
}

function recordingStore(answers: Partial<Record<'HEAD' | 'GET' | 'PUT', CannedAnswer>>, options: Partial<S3FileStoreOptions> = {}) {
  const sent: SentRequest[] = [];
  const requestHandler = {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request: SentRequest) {
      sent.push({ ...request, headers: { ...request.headers } });
      const answer = answers[request.method as 'HEAD' | 'GET' | 'PUT'] ?? { status: 500 };
      return {
        response: {
          statusCode: answer.status,
          reason: undefined,
          headers: { 'content-length': String(answer.body?.length ?? 0), ...answer.headers },
          body: Readable.from(answer.body ? [answer.body] : []),
        },
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
  };
  const store = new S3FileStore({
    bucket: 'cordon-evidence',
    endpoint: 'http://minio.test:9000',
    region: 'eu-west-2',
    accessKeyId: 'cordon',
    secretAccessKey: 'not-a-real-secret',
    forcePathStyle: true,
    keyPrefix: 'evidence/',
    requestHandler: requestHandler as unknown as S3FileStoreOptions['requestHandler'],
    ...options,
  });
  return { store, sent };
}

// The SDK warns once per process that its 2027 releases will need Node 22; that is for operators, not tests.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const notFound: CannedAnswer = { status: 404, headers: { 'x-amz-request-id': 'test' } };

describe('the S3-compatible file store (requests only; not tested against a live store)', () => {
  it('checks for the key, then uploads the bytes with their media type and If-None-Match: *, signed for the region', async () => {
    const bytes = minimalPdf();
    const hash = sha256Hex(bytes);
    const { store, sent } = recordingStore({ HEAD: notFound, PUT: { status: 200, headers: { etag: '"abc"' } } });

    expect(await store.put(bytes, 'application/pdf')).toEqual({ hash, created: true });

    const key = `evidence/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`;
    expect(sent.map((request) => `${request.method} ${request.hostname}:${request.port}${request.path}`)).toEqual([
      `HEAD minio.test:9000/cordon-evidence/${key}`,
      `PUT minio.test:9000/cordon-evidence/${key}`,
    ]);
    const put = sent[1]!;
    expect(put.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(bytes.length),
      'if-none-match': '*',
    });
    expect(put.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=cordon\/\d{8}\/eu-west-2\/s3\/aws4_request, /);
    expect(Buffer.from(put.body as Uint8Array)).toEqual(bytes);
    // No CRC checksum headers, which several S3-compatible stores refuse.
    expect(Object.keys(put.headers).filter((name) => name.startsWith('x-amz-checksum-'))).toEqual([]);
  });

  it('does not upload bytes the bucket already holds', async () => {
    const { store, sent } = recordingStore({ HEAD: { status: 200, headers: { 'content-type': 'application/pdf' } } });
    expect(await store.put(minimalPdf(), 'application/pdf')).toMatchObject({ created: false });
    expect(sent.map((request) => request.method)).toEqual(['HEAD']);
  });

  it('treats a refused conditional upload (412) as the same bytes stored by someone else meanwhile', async () => {
    const { store } = recordingStore({ HEAD: notFound, PUT: { status: 412, body: Buffer.from('<Error><Code>PreconditionFailed</Code></Error>') } });
    expect(await store.put(minimalPdf(), 'application/pdf')).toMatchObject({ created: false });
  });

  it('reads an object back and checks it against its hash', async () => {
    const bytes = minimalPdf();
    const hash = sha256Hex(bytes);
    const { store, sent } = recordingStore({ GET: { status: 200, body: bytes, headers: { 'content-type': 'application/pdf' } } });
    expect(await store.get(hash)).toEqual(bytes);
    expect(sent[0]).toMatchObject({ method: 'GET', path: `/cordon-evidence/evidence/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}` });
  });

  it('raises an integrity error when the object does not match its hash', async () => {
    const { store } = recordingStore({ GET: { status: 200, body: minimalPdf('altered') } });
    await expect(store.get(sha256Hex(minimalPdf()))).rejects.toBeInstanceOf(EvidenceIntegrityError);
  });

  it('answers null and false for a missing key, and sends nothing for a string that is not a hash', async () => {
    const { store, sent } = recordingStore({
      GET: { status: 404, body: Buffer.from('<Error><Code>NoSuchKey</Code><Message>gone</Message></Error>'), headers: { 'content-type': 'application/xml' } },
      HEAD: notFound,
    });
    const hash = sha256Hex(Buffer.from('never stored'));
    expect(await store.get(hash)).toBeNull();
    expect(await store.exists(hash)).toBe(false);
    expect(await store.get('../../secrets')).toBeNull();
    expect(await store.exists('../../secrets')).toBe(false);
    expect(sent).toHaveLength(2);
  });

  it('addresses AWS by virtual host when path style is off', async () => {
    const { store, sent } = recordingStore({ HEAD: { status: 200 } }, { endpoint: undefined, forcePathStyle: false, keyPrefix: '' });
    const hash = sha256Hex(Buffer.from('x'));
    expect(await store.exists(hash)).toBe(true);
    expect(sent[0]).toMatchObject({ hostname: 'cordon-evidence.s3.eu-west-2.amazonaws.com', path: `/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}` });
  });

  it('passes on a failure that is not about a missing object', async () => {
    const { store } = recordingStore({ HEAD: { status: 403 } });
    await expect(store.exists(sha256Hex(Buffer.from('x')))).rejects.toThrow();
  });
});
