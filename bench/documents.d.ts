export function variation(i: number, names: string[]): { k: number; shift: number };
export function shiftYear(text: string, shift: number): string;
export function variedTranscripts(sources: { name: string; text: string }[], count: number, prefix?: string): string[];
