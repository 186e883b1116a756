/**
 * The Schematron compiler and runner: ISO semantics that matter (the first matching rule of
 * a pattern wins, asserts fail and reports fire, lets, value-of and name in messages, node
 * paths), unsupported features refused, and the precompiled stylesheet in sync with the rules.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSchematron, SchematronCompileError } from '../../src/validate/schematron-compile.js';
import { compiledPaths, loadSchematron, runSchematron, type LoadedSchematron } from '../../src/validate/schematron.js';
import { editionSch, fixtures, repo, xmlFiles } from './helpers.js';

const schema = (body: string, extra = ''): string => `<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt3"${extra}>
  <sch:ns prefix="t" uri="urn:t"/>
  <sch:let name="who" value="'nobody'"/>
  ${body}
</sch:schema>`;

/** Run a schema given as text, compiling its XSLT at run time (no precompiled SEF). */
function run(sch: string, docs: string[], params: Record<string, unknown> = {}) {
  const compiled = compileSchematron(sch);
  const loaded: LoadedSchematron = { ...compiled, path: 'test.sch', sha256: '', sef: null };
  return runSchematron(
    loaded,
    docs.map((text) => ({ text, params })),
  );
}

describe('Schematron compiler', () => {
  const doc = '<r xmlns="urn:t"><a n="1"/><a n="2"><b when="x"/></a><c/></r>';

  it('fails asserts, fires reports, and gives messages with value-of, name and lets', () => {
    const [found] = run(
      schema(`<sch:pattern id="p">
        <sch:rule context="t:a">
          <sch:let name="n" value="number(@n)"/>
          <sch:assert id="a-one" role="warning" test="$n = 1"><sch:name/> n=<sch:value-of select="@n"/> is not 1 (<sch:value-of select="$who"/>)</sch:assert>
          <sch:report id="a-has-b" test="t:b">a has <sch:emph>a b</sch:emph></sch:report>
        </sch:rule>
      </sch:pattern>`),
      [doc],
    );
    expect(found).toEqual([
      { id: 'a-one', role: 'warning', path: '1/2', message: 'a n=2 is not 1 (nobody)' },
      { id: 'a-has-b', role: 'error', path: '1/2', message: 'a has a b' },
    ]);
  });

  it('checks a node with the first rule of a pattern that matches it, and every pattern', () => {
    const [found] = run(
      schema(`<sch:pattern id="p1">
        <sch:rule context="t:a[@n = '2']"><sch:report id="first" test="true()">first</sch:report></sch:rule>
        <sch:rule context="t:a"><sch:report id="second" test="true()">second</sch:report></sch:rule>
      </sch:pattern>
      <sch:pattern id="p2">
        <sch:rule context="*"><sch:report id="any" test="self::t:c">any</sch:report></sch:rule>
      </sch:pattern>`),
      [doc],
    );
    expect(found!.map((f) => `${f.id} ${f.path}`).sort()).toEqual(['any 1/3', 'first 1/2', 'second 1/1']);
  });

  it('checks attributes and the root, and locates attributes in paths', () => {
    const [found] = run(
      schema(`<sch:pattern>
        <sch:rule context="@when"><sch:assert id="iso" test=". castable as xs:date">@<sch:name/> not a date</sch:assert></sch:rule>
        <sch:rule context="/t:r"><sch:assert id="root" test="count(t:a) = 1">two a</sch:assert></sch:rule>
      </sch:pattern>`),
      [doc],
    );
    expect(found!.map((f) => `${f.id} ${f.path} ${f.message}`).sort()).toEqual(['iso 1/2/1/@when @when not a date', 'root 1 two a']);
  });

  it('takes schema-level lets from the caller, per document', () => {
    const sch = schema(`<sch:pattern><sch:rule context="t:r"><sch:report id="who" test="true()"><sch:value-of select="$who"/></sch:report></sch:rule></sch:pattern>`);
    const compiled = compileSchematron(sch);
    const loaded: LoadedSchematron = { ...compiled, path: 'test.sch', sha256: '', sef: null };
    const found = runSchematron(loaded, [
      { text: doc, params: { who: 'Mielke' } },
      { text: doc, params: {} },
    ]);
    expect(found.map((f) => f[0]!.message)).toEqual(['Mielke', 'nobody']);
  });

  it('reports a document its rules cannot check, without stopping the others', () => {
    const found = run(schema(`<sch:pattern><sch:rule context="t:a"><sch:assert id="n" test="xs:integer(@n) gt 0">n</sch:assert></sch:rule></sch:pattern>`), [
      '<r xmlns="urn:t"><a n="x"/></r>',
      doc,
    ]);
    expect(found[0]![0]).toMatchObject({ id: 'schematron-failed', role: 'error' });
    expect(found[1]).toEqual([]);
  });

  it.each([
    ['a phase', '<sch:phase id="x"/>', 'sch:phase'],
    ['diagnostics', '<sch:diagnostics/>', 'sch:diagnostics'],
    ['an abstract pattern', '<sch:pattern abstract="true" id="x"/>', 'abstract'],
    ['a rule without context', '<sch:pattern><sch:rule/></sch:pattern>', 'no @context'],
  ])('refuses %s', (_what, body, message) => {
    expect(() => compileSchematron(schema(body))).toThrow(SchematronCompileError);
    expect(() => compileSchematron(schema(body))).toThrow(message);
  });

  it('refuses what is not ISO Schematron, or another query binding', () => {
    expect(() => compileSchematron('<schema xmlns="http://www.ascc.net/xml/schematron"/>')).toThrow('not an ISO Schematron schema');
    expect(() => compileSchematron(schema('', ' queryBinding="exslt"').replace('queryBinding="xslt3"', ''))).toThrow('queryBinding');
  });
});

describe('the project rules', () => {
  it('ship precompiled (schema/compiled), made from the current rules and compiler', () => {
    const loaded = loadSchematron(editionSch);
    const where = compiledPaths(editionSch);
    const made = readFileSync(where.sha256, 'utf8').trim();
    // If this fails, run: npm run build && node dist/validate/build-schematron.js
    expect(made).toBe(createHash('sha256').update(compileSchematron(readFileSync(editionSch, 'utf8')).xslt).digest('hex'));
    expect(loaded.sef).not.toBeNull();
  });

  it('give the same results precompiled and compiled at run time', () => {
    const precompiled = loadSchematron(editionSch);
    const atRunTime: LoadedSchematron = { ...precompiled, sef: null };
    const texts = ['rules/note-gap.xml', 'rules/who-resolves.xml', 'rules/date-future.xml', 'valid/wilson-208236.xml'].map((f) => ({
      text: readFileSync(path.join(fixtures, f), 'utf8'),
      params: { 'register-ids': { '../persons.xml': ['per-mielke', 'per-honecker', 'per-tisch'] } },
    }));
    const a = runSchematron(precompiled, texts);
    expect(a.flat().length).toBeGreaterThanOrEqual(3);
    expect(runSchematron(atRunTime, texts)).toEqual(a);
  });

  it('use a stale or missing precompiled stylesheet never: an edited copy of the rules is compiled at run time', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tei-edition-sch-'));
    try {
      const copy = path.join(dir, 'tei-edition.sch');
      writeFileSync(copy, readFileSync(editionSch, 'utf8').replace('is in the future.', 'lies in the future.'));
      const loaded = loadSchematron(copy);
      expect(loaded.sef).toBeNull();
      const [found] = runSchematron(loaded, [{ text: readFileSync(path.join(fixtures, 'rules/date-future.xml'), 'utf8'), params: {} }]);
      expect(found!.find((f) => f.id === 'date-future')!.message).toContain('lies in the future');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const built = path.join(repo, 'dist/validate/schematron.js');

describe.skipIf(!existsSync(built))('the rules on worker threads (the built package)', () => {
  it('give the same results as on one thread', async () => {
    const mod = (await import(built)) as typeof import('../../src/validate/schematron.js');
    const loaded = mod.loadSchematron(editionSch);
    const texts = xmlFiles(path.join(fixtures, 'rules')).map((f) => ({ text: readFileSync(f, 'utf8'), params: {} }));
    const inputs = [...texts, ...texts];
    const parallel = await mod.runSchematronParallel(loaded, inputs, 3);
    expect(parallel).toEqual(mod.runSchematron(loaded, inputs));
    expect(parallel.flat().length).toBeGreaterThan(50);
  });
});
