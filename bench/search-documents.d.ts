export interface SearchRecord {
  stem: string;
  title: string;
  entries: [string, string][];
  meta?: { date: string; kind: string; lang: string; persons: string[] };
}
export function syntheticSearchDocuments(base: SearchRecord[], count: number, seed?: number): SearchRecord[];
