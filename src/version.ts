import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The package's root folder (holding schema/ and transform/). */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const version: string = (JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
