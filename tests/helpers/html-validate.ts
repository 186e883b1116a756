/**
 * HTML5 validity of the pages, checked with html-validate (its "standard" rules: what the
 * HTML standard allows where, unique ids, attributes and their values). The pages are
 * polyglot (XHTML syntax), so the rules about the form of void elements and white space are
 * left out.
 */
import { HtmlValidate } from 'html-validate';

const validator = new HtmlValidate({
  extends: ['html-validate:standard'],
  rules: { 'void-style': 'off', 'no-trailing-whitespace': 'off' },
});

/** The problems html-validate finds in a page, as "line: rule: message". */
export async function htmlProblems(html: string, name = 'page.html'): Promise<string[]> {
  const report = await validator.validateString(html, name);
  return report.results.flatMap((r) => r.messages.map((m) => `${name}:${m.line}: ${m.ruleId}: ${m.message}`));
}
