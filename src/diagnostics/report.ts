import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { rules, type RuleId } from './rules.js';
import type { Position } from '../model/types.js';

/**
 * Emit a catalogued diagnostic on a file. Errors are recorded with `fatal: true`
 * but not thrown: a document that cannot go on is stopped by its caller.
 */
export function report(file: VFile, ruleId: RuleId, reason: string | null, place?: Position | { line: number; column: number }): VFileMessage {
  const rule = rules[ruleId];
  const message = file.message(reason ?? rule.summary, { place, ruleId, source: rule.source });
  message.fatal = rule.severity === 'error' ? true : rule.severity === 'warning' ? false : undefined;
  message.url = `docs/rules.md#${ruleId}`;
  return message;
}

export function hasErrors(file: VFile): boolean {
  return file.messages.some((m) => m.fatal === true);
}

/** A message as plain data, for `--report json`. */
export function messageToJson(m: VFileMessage): Record<string, unknown> {
  return {
    ruleId: m.ruleId,
    source: m.source,
    severity: m.fatal === true ? 'error' : m.fatal === false ? 'warning' : 'info',
    reason: m.reason,
    line: m.line ?? null,
    column: m.column ?? null,
  };
}
