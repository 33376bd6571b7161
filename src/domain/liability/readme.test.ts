import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stagesMarkdown, transitionTableMarkdown } from './table-markdown.js';

const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');

function generatedSection(name: string): string | undefined {
  return new RegExp(`<!-- generated:${name} -->\\n([\\s\\S]*?)\\n<!-- /generated:${name} -->`).exec(readme)?.[1];
}

describe('README.md', () => {
  it('shows the stages as the code defines them', () => {
    expect(generatedSection('stages')).toBe(stagesMarkdown());
  });

  it('shows the transition table as the code defines it', () => {
    expect(generatedSection('transitions')).toBe(transitionTableMarkdown());
  });
});
