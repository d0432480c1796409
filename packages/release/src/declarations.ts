// What a package's declarations promise, read with the TypeScript compiler as a user's
// project reads them.
import ts from 'typescript';

export interface DeclaredExport {
  name: string;
  /** Exists at run time (a function, class, constant or namespace object). */
  value: boolean;
  /** Names a type (an interface, alias or class instance type). */
  type: boolean;
  /** How many type parameters the type takes (0 for values-only names). */
  typeParameters: number;
  /** The declaration file it is declared in (for a re-export, the original's). */
  declaredIn: string;
  /** For a namespace (`export * as protocol`), the names it holds, sorted; else undefined. */
  members?: string[];
}

const cache = new Map<string, DeclaredExport[]>();

/**
 * The exports of the declaration file `file` (a .d.ts or .d.cts), sorted by name. Only the
 * names and kinds of the exports are read, so no library is loaded: one program reads them fast.
 */
export function declaredExports(file: string): DeclaredExport[] {
  const known = cache.get(file);
  if (known !== undefined) return known;
  const program = ts.createProgram([file], {
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    noEmit: true,
    noLib: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const module = source && checker.getSymbolAtLocation(source);
  if (module === undefined) throw new Error(`${file} is not a module`);
  const exports = checker
    .getExportsOfModule(module)
    .map((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const declaration = target.declarations?.find(
        (d) => ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d) || ts.isClassDeclaration(d),
      );
      const members =
        target.flags & ts.SymbolFlags.ValueModule ? checker.getExportsOfModule(target).map((member) => member.name).sort() : undefined;
      return {
        name: symbol.name,
        value: (target.flags & ts.SymbolFlags.Value) !== 0,
        type: (target.flags & ts.SymbolFlags.Type) !== 0,
        typeParameters: declaration?.typeParameters?.length ?? 0,
        declaredIn: target.declarations?.[0]?.getSourceFile().fileName ?? file,
        ...(members === undefined ? {} : { members }),
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  cache.set(file, exports);
  return exports;
}

/** The names `file` exports as values, sorted: what `import()` and `require()` must return. */
export const declaredValues = (file: string): string[] => declaredExports(file).filter((e) => e.value).map((e) => e.name);
