export { importFiles, teiState, type ImportOptions, type ImportResult } from './import/index.js';
export { recogniseDocument } from './import/recognise-document.js';
export { readText } from './readers/text.js';
export { decodeText } from './readers/decode.js';
export { writeTei } from './tei/write.js';
export { checkConservation } from './import/conservation.js';
export type * from './model/types.js';
export { main } from './cli/main.js';
