// Type-checks code blocks as modules of packages/docs, with the repository's compiler options:
// their imports resolve as a reader's would, to the built packages.
import { join } from 'node:path';
import ts from 'typescript';
import { DOCS, ROOT } from './markdown.js';

/** The diagnostics of each module, as text; an empty list when it type-checks. */
export function typecheck(modules: readonly string[]): string[][] {
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.base.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  Object.assign(options, { noEmit: true, types: ['node'] });
  const files = new Map(modules.map((code, i) => [join(DOCS, `.block-${i}.ts`), code]));
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (file) => files.has(file) || fileExists.call(host, file);
  host.readFile = (file) => files.get(file) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, ...rest) => {
    const code = files.get(file);
    return code === undefined ? getSourceFile.call(host, file, language, ...rest) : ts.createSourceFile(file, code, language);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  const format = (d: ts.Diagnostic) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (d.file === undefined || d.start === undefined) return text;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    return `line ${line + 1}: ${text}`;
  };
  return [...files.keys()].map((file) => {
    const sourceFile = program.getSourceFile(file)!;
    return [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)].map(format);
  });
}
