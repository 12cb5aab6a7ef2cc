// @vitest-environment node
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** Attributes a person reads or hears; their words must come from the catalogue. */
const SHOWN = new Set(['aria-label', 'title', 'placeholder', 'alt', 'legend', 'label']);
const LETTER = /\p{L}/u;
/** Addresses are not words: an example URL, a path shown as a link. */
const ADDRESS = /^\s*(https?:\/\/|\/)\S*\s*$/;
const SRC = fileURLToPath(new URL('.', import.meta.url));

/** Literal text that reaches the page without `t`: JSX text, shown attributes, and strings a JSX expression renders. */
function bypasses(file: string, code: string): string[] {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    if (LETTER.test(text) && !ADDRESS.test(text)) found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${text.trim()}`);
  };
  // The values an expression can render: through `a ? b : c`, `a && b`, `a ?? b`, `(a)`; calls (like `t(…)`) are not followed.
  const rendered = (node: ts.Expression): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) report(node, node.text);
    else if (ts.isTemplateExpression(node)) report(node, [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' '));
    else if (ts.isParenthesizedExpression(node)) rendered(node.expression);
    else if (ts.isConditionalExpression(node)) (rendered(node.whenTrue), rendered(node.whenFalse));
    else if (ts.isBinaryExpression(node) && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(node.operatorToken.kind))
      rendered(node.right);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node, node.text);
    else if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent)) rendered(node.expression);
    else if (ts.isJsxAttribute(node) && SHOWN.has(node.name.getText(source)) && node.initializer) {
      if (ts.isStringLiteral(node.initializer)) report(node, node.initializer.text);
      else if (ts.isJsxExpression(node.initializer) && node.initializer.expression) rendered(node.initializer.expression);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const tsxFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? tsxFiles(join(dir, entry.name)) : entry.name.endsWith('.tsx') && !entry.name.includes('.spec.') ? [join(dir, entry.name)] : [],
  );

describe('every text on screen comes from the catalogue', () => {
  it('finds text that bypasses it', () => {
    const sample = `const A = () => (
      <p title="Hi" aria-label={\`Edit \${x}\`}>
        Hello <b>{busy ? 'Adding…' : t('a')}</b>{on && ' (bench)'}{n} · ✕ {t('ok', { n: 'x' })}
      </p>
    );`;
    expect(bypasses('sample.tsx', sample).map((f) => f.split(' ').slice(1).join(' '))).toEqual([
      'Hi',
      'Edit',
      'Hello',
      'Adding…',
      '(bench)',
    ]);
  });

  it('in every component and page', () => {
    const found = tsxFiles(SRC).flatMap((file) => bypasses(relative(SRC, file), readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });
});
