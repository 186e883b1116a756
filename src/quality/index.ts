/**
 * The conversion-quality scorer: produced TEI against gold alignments (tests/corpus/<set>/
 * <id>.gold.json), per document and pooled. The metrics are those of the team's reference
 * scorer (tests/oracle/score/README.md), which the tests check this module against.
 */
export { scoreCorpus, summarise, producedFile, type CorpusScore } from './corpus.js';
export { scoreDocument, METRICS, type DocumentScore, type Metric } from './document.js';
export { readGold, goldFiles, GoldError, type Gold } from './gold.js';
export { macro, micro, microApplicable, pooledConfusion, type Macro, type Micro } from './pool.js';
export { documentTable, confusionTable, summaryTable, goldSummary, figure } from './report.js';
export type { Confusion } from './brackets.js';
