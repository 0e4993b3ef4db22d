import { join } from 'node:path';
import ts from 'typescript';

// The type tests of spec/types are `@ts-expect-error` lines that `npm run typecheck` checks.
// This proves that mechanism can fail: the compiler, with the repository's options, reports a
// misspelt type when no `@ts-expect-error` covers it, and reports an `@ts-expect-error` that
// covers no error.
const root = join(__dirname, '..', '..');

/** The diagnostics of each in-memory file, all compiled in one program (one is slow enough). */
function diagnosticsOf(sources: Readonly<Record<string, string>>): Map<string, ts.Diagnostic[]> {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), (path) => ts.sys.readFile(path));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const files = new Map(Object.entries(sources).map(([name, source]) => [join(root, 'spec', 'types', `__${name}.ts`), source]));
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (path) => files.get(path) ?? readFile(path);
  host.fileExists = (path) => files.has(path) || ts.sys.fileExists(path);
  host.getSourceFile = (path, language) => {
    const source = files.get(path);
    return source === undefined ? getSourceFile(path, language) : ts.createSourceFile(path, source, language, true);
  };
  const program = ts.createProgram({ rootNames: [...files.keys()], options: { ...options, types: [] }, host });
  const found = new Map<string, ts.Diagnostic[]>(Object.keys(sources).map((name) => [name, []]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const name = d.file?.fileName.match(/__(\w+)\.ts$/)?.[1];
    if (name !== undefined && files.has(d.file!.fileName)) found.get(name)!.push(d);
  }
  return found;
}

const text = (d: ts.Diagnostic): string => ts.flattenDiagnosticMessageText(d.messageText, '\n');

const HEADER = `
import { EMPTY, type Observable } from 'rxjs';
import { ofType, type CloudEvent } from '../../lib/index.js';
const events$: Observable<CloudEvent> = EMPTY;
`;

describe('the type tests can fail', () => {
  let found: Map<string, ts.Diagnostic[]>;
  beforeAll(() => {
    found = diagnosticsOf({
      typo: `${HEADER}events$.pipe(ofType('contianer'));\n`,
      stateTypo: `${HEADER}events$.pipe(ofType('container')).subscribe((e) => e.state === 'Runing');\n`,
      unused: `${HEADER}// @ts-expect-error\nevents$.pipe(ofType('container'));\n`,
      correct: `${HEADER}events$.pipe(ofType('container')).subscribe((e) => e.state === 'Running');\n`,
    });
  }, 120_000);

  it('reports a misspelt type that no @ts-expect-error covers', () => {
    const typo = found.get('typo')!;
    expect(typo.map((d) => d.code)).toEqual([2345]);
    expect(text(typo[0]!)).toContain(`Argument of type '"contianer"' is not assignable to parameter of type`);
  });

  it('reports a misspelt state comparison', () => {
    const stateTypo = found.get('stateTypo')!;
    expect(stateTypo.map((d) => d.code)).toEqual([2367]);
    expect(text(stateTypo[0]!)).toContain('This comparison appears to be unintentional');
  });

  it('reports an @ts-expect-error that covers no error', () => {
    const unused = found.get('unused')!;
    expect(unused.map((d) => d.code)).toEqual([2578]);
    expect(text(unused[0]!)).toBe("Unused '@ts-expect-error' directive.");
  });

  it('reports nothing for correct code', () => {
    expect(found.get('correct')!.map(text)).toEqual([]);
  });
});
