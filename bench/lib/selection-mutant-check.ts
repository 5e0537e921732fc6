import ts from 'typescript';
import { type Mutant, type MutantVerdict, mutatedText } from './selection-mutants.js';

/**
 * A mutant check by compilation (trivial compiler equivalence): a mutant whose file transpiles to
 * the same JavaScript as the original only touched types or comments, so no test can see it; one
 * that does not parse is a build failure, not a behaviour change. Either is drawn again.
 */
export function transpileCheck(): (mutant: Omit<Mutant, 'id'>, text: string) => MutantVerdict {
  const originals = new Map<string, string>();
  const transpile = (file: string, text: string) =>
    ts.transpileModule(text, {
      fileName: file,
      reportDiagnostics: true,
      compilerOptions: {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        removeComments: true,
        verbatimModuleSyntax: false,
      },
    });
  return (mutant, text) => {
    let original = originals.get(mutant.file);
    if (original === undefined) {
      original = transpile(mutant.file, text).outputText;
      originals.set(mutant.file, original);
    }
    const result = transpile(mutant.file, mutatedText(text, mutant));
    if ((result.diagnostics ?? []).length > 0) return 'invalid';
    return result.outputText === original ? 'equivalent' : 'ok';
  };
}
