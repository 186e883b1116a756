/**
 * The validator's API: validateFiles and validateStrings give one vfile per input, in order,
 * with messages carrying source, rule id, place and severity; registers, schemas and
 * options behave as documented.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValid, SchemaError, validateFiles, validateStrings } from '../../src/validate/index.js';
import { corpus, fixtures } from './helpers.js';

const conversation = readFileSync(path.join(fixtures, 'valid/conversation.xml'), 'utf8');
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'tei-edition-api-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The conversation fixture under another id, at `dir/<id>.xml`. */
function variant(id: string, edit: (xml: string) => string = (x) => x): { path: string; xml: string } {
  const xml = edit(conversation.replace('xml:id="conversation"', `xml:id="${id}"`).replace(/"conversation-/g, `"${id}-`));
  return { path: path.join(tmp, 'tei', `${id}.xml`), xml };
}

describe('validateStrings', () => {
  it('gives one vfile per document, in order, named by its path', async () => {
    const docs = [variant('a'), { path: path.join(tmp, 'tei', 'b.xml'), xml: '<TEI' }, variant('c')];
    const files = await validateStrings(docs);
    expect(files.map((f) => f.path)).toEqual(docs.map((d) => d.path));
    expect(files.map((f) => isValid(f))).toEqual([true, false, true]);
    expect(files[1]!.messages[0]).toMatchObject({ source: 'xml', ruleId: 'not-well-formed', fatal: true, line: 1 });
  });

  it('resolves ../persons.xml from the path given, and takes registers held in memory', async () => {
    const doc = variant('d', (x) => x.replace('../persons.xml#per-honecker', '../persons.xml#per-new'));
    // No register next to tmp/tei: the references are not checked, with a warning.
    const [missing] = await validateStrings([doc]);
    expect(missing!.messages.map((m) => [m.ruleId, m.fatal])).toEqual([['register-missing', false]]);
    // The importer validates before it writes the register: give it in memory.
    const register = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><listPerson><person xml:id="per-mielke"/><person xml:id="per-new"/></listPerson></body></text></TEI>';
    const [found] = await validateStrings([doc], { registers: { [path.join(tmp, 'persons.xml')]: register } });
    expect(found!.messages).toEqual([]);
    const [unknown] = await validateStrings([variant('e', (x) => x.replace('#per-honecker</', '#x</').replace('../persons.xml#per-honecker', '../persons.xml#per-old'))], {
      registers: { [path.join(tmp, 'persons.xml')]: register },
    });
    expect(unknown!.messages.map((m) => [m.ruleId, m.line])).toEqual([['ref-resolves', 39]]);
  });

  it('reads the register next to the documents when there is one', async () => {
    const dir = path.join(tmp, 'edition');
    mkdirSync(path.join(dir, 'tei'), { recursive: true });
    copyFileSync(path.join(fixtures, 'persons.xml'), path.join(dir, 'persons.xml'));
    const doc = { ...variant('f'), path: path.join(dir, 'tei', 'f.xml') };
    writeFileSync(doc.path, doc.xml);
    const [file] = await validateFiles([doc.path]);
    expect(file!.messages).toEqual([]);
  });
});

describe('validateFiles', () => {
  it('validates against any RELAX NG grammar, without the edition rules unless asked', async () => {
    const rng = path.join(tmp, 'any.rng');
    // A grammar that accepts any TEI element at any depth.
    writeFileSync(
      rng,
      `<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><ref name="any"/></start>
         <define name="any"><element><nsName ns="http://www.tei-c.org/ns/1.0"/><zeroOrMore><choice><attribute><anyName/></attribute><text/><ref name="any"/></choice></zeroOrMore></element></define></grammar>`,
    );
    const file = path.join(fixtures, 'rules/who-resolves.xml');
    const [grammarOnly] = await validateFiles([file], { schema: rng });
    expect(grammarOnly!.messages.filter((m) => m.source === 'schematron')).toEqual([]);
    const [withRules] = await validateFiles([file], { schema: rng, schematron: true });
    expect(withRules!.messages.map((m) => m.ruleId)).toContain('who-resolves');
  });

  it('fails the whole call on a grammar that cannot be used', async () => {
    await expect(validateFiles([path.join(fixtures, 'valid/conversation.xml')], { schema: path.join(tmp, 'none.rng') })).rejects.toThrow(SchemaError);
    const broken = path.join(tmp, 'broken.rng');
    writeFileSync(broken, '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><ref name="missing"/></start></grammar>');
    await expect(validateFiles([path.join(fixtures, 'valid/conversation.xml')], { schema: broken })).rejects.toThrow(/does not compile/);
  });

  it('reports an unreadable path as a fatal read error and goes on with the others', async () => {
    const files = await validateFiles([path.join(tmp, 'missing.xml'), tmp, path.join(fixtures, 'valid/conversation.xml')]);
    expect(files.map((f) => f.messages.map((m) => m.ruleId))).toEqual([['read-error'], ['read-error'], []]);
    expect(files[0]!.messages[0]).toMatchObject({ source: 'xml', fatal: true });
  });

  it('validates many documents in one call', async () => {
    const docs = Array.from({ length: 300 }, (_, i) => variant(`doc-${i}`));
    const files = await validateStrings(docs);
    expect(files).toHaveLength(300);
    // Valid; the only message says that ../persons.xml (not next to tmp/tei) was not found.
    expect(new Set(files.flatMap((f) => f.messages.map((m) => `${m.ruleId} ${m.fatal}`)))).toEqual(new Set(['register-missing false']));
  });
});

describe('a file that is not an edition file, against the edition grammar', () => {
  const play = path.join(corpus, 'foreign-sample/dracor/lessing-minna-von-barnhelm.xml');

  it('says so first, then gives a short summary', async () => {
    const [file] = await validateFiles([play], { schematron: false });
    expect(file!.messages[0]).toMatchObject({ ruleId: 'not-edition', line: 1, fatal: true });
    expect(file!.messages[0]!.reason).toMatch(/^not a tei-edition document: validate against TEI with --schema tei_all/);
    expect(file!.messages.filter((m) => m.source === 'relaxng' && m.ruleId !== 'not-edition')).toHaveLength(5);
  });

  it('gives every message with all', async () => {
    const [file] = await validateFiles([play], { schematron: false, all: true });
    expect(file!.messages[0]!.ruleId).toBe('not-edition');
    expect(file!.messages.length).toBeGreaterThan(6);
  });

  it('says nothing of the kind to an edition file', async () => {
    const [file] = await validateFiles([path.join(fixtures, 'rules/grammar-hi-rend.xml')], { schematron: false });
    expect(file!.messages.map((m) => m.ruleId)).not.toContain('not-edition');
  });
});
