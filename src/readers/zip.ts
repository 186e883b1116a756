import yauzl from 'yauzl';

export interface ZipLimits {
  /** Largest uncompressed size of one entry read, in bytes (declared and actual). */
  maxEntryBytes: number;
  /** Largest total uncompressed size of the entries read. */
  maxTotalBytes: number;
  /** Most entries an archive may have. */
  maxEntries: number;
}

export type ZipProblem = 'not-a-zip' | 'unsafe-entry' | 'too-large';

/** Why an archive was refused; `entry` names the entry concerned. */
export class ZipError extends Error {
  constructor(
    readonly problem: ZipProblem,
    message: string,
    readonly entry?: string,
  ) {
    super(message);
  }
}

/** An entry name that is absolute or climbs out of the archive ("../x", "C:\x", "/etc/x"). */
export function unsafeEntryName(name: string): boolean {
  const n = name.replace(/\\/g, '/');
  return n.startsWith('/') || /^[a-z]:/i.test(n) || n.split('/').includes('..') || name.includes('\0');
}

/**
 * Read the wanted entries of a zip archive held in memory. Every entry name is
 * checked (none may be absolute or contain ".."); only wanted entries are
 * inflated, each only if its declared size is within the limits, and inflating
 * stops as soon as an entry gives more bytes than it declared. Nothing is
 * written anywhere.
 */
export function readZip(bytes: Uint8Array, wanted: (name: string) => boolean, limits: ZipLimits): Promise<Map<string, Buffer>> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) => {
      if (err || !zip) {
        reject(new ZipError('not-a-zip', `it is not a zip archive (${err?.message ?? 'unreadable'})`));
        return;
      }
      const out = new Map<string, Buffer>();
      let total = 0;
      let failed = false;
      const fail = (e: ZipError): void => {
        if (failed) return;
        failed = true;
        zip.close();
        reject(e);
      };
      if (zip.entryCount > limits.maxEntries) {
        fail(new ZipError('too-large', `the archive has ${zip.entryCount} entries; at most ${limits.maxEntries} are accepted`));
        return;
      }
      zip.on('error', (e: Error) => fail(/path|file name|filename/i.test(e.message) ? new ZipError('unsafe-entry', `an entry name is refused: ${e.message}`) : /bytes|size/i.test(e.message) ? new ZipError('too-large', e.message) : new ZipError('not-a-zip', `the archive is damaged: ${e.message}`)));
      zip.on('end', () => {
        if (!failed) resolve(out);
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        if (failed) return;
        const name = entry.fileName;
        if (unsafeEntryName(name)) return fail(new ZipError('unsafe-entry', `the entry “${name}” points outside the archive`, name));
        if (!wanted(name) || name.endsWith('/')) return zip.readEntry();
        if (entry.uncompressedSize > limits.maxEntryBytes) return fail(new ZipError('too-large', `the entry “${name}” declares ${entry.uncompressedSize} bytes uncompressed; at most ${limits.maxEntryBytes} are read`, name));
        total += entry.uncompressedSize;
        if (total > limits.maxTotalBytes) return fail(new ZipError('too-large', `the entries read declare ${total} bytes uncompressed in all; at most ${limits.maxTotalBytes} are read`, name));
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return fail(new ZipError(/bytes|size/i.test(e?.message ?? '') ? 'too-large' : 'not-a-zip', `the entry “${name}” cannot be read: ${e?.message ?? 'no data'}`, name));
          const chunks: Buffer[] = [];
          let got = 0;
          stream.on('data', (chunk: Buffer) => {
            got += chunk.length;
            if (got > entry.uncompressedSize || got > limits.maxEntryBytes) {
              stream.destroy();
              fail(new ZipError('too-large', `the entry “${name}” inflates to more than the ${entry.uncompressedSize} bytes it declares`, name));
              return;
            }
            chunks.push(chunk);
          });
          stream.on('error', (se: Error) => fail(new ZipError(/bytes|size/i.test(se.message) ? 'too-large' : 'not-a-zip', `the entry “${name}” cannot be inflated: ${se.message}`, name)));
          stream.on('end', () => {
            if (failed) return;
            out.set(name, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}
