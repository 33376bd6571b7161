import { describe, expect, it } from 'vitest';
import { labelTableCells } from './table-labels.js';

describe('labelTableCells (stacked tables on a phone)', () => {
  it('gives each body cell the heading of its column', () => {
    const html = `<table class="govuk-table"><thead class="govuk-table__head"><tr><th scope="col" class="govuk-table__header">Reference</th><th class="govuk-table__header govuk-table__header--numeric">Amount <abbr>(£)</abbr></th></tr></thead>
      <tbody><tr><td class="govuk-table__cell"><a href="/cases/CEC-2026-000001">CEC-2026-000001</a></td><td class="govuk-table__cell">£2,000</td></tr></tbody></table>`;
    const labelled = labelTableCells(html);
    expect(labelled).toContain('<td class="govuk-table__cell" data-label="Reference"><a href="/cases/CEC-2026-000001">');
    expect(labelled).toContain('<td class="govuk-table__cell" data-label="Amount (£)">£2,000</td>');
  });

  it('counts spanned columns, labels row headings, and keeps a label the template gave', () => {
    const html = `<table class="govuk-table"><thead><tr><th colspan="2">Who</th><th>Stage</th><th>Age</th></tr></thead>
      <tbody><tr><th scope="row">Piotr</th><td>driver</td><td data-label="Where">Imposed</td><td>3</td></tr><tr><td colspan="3">Nothing</td><td>4</td></tr></tbody></table>`;
    const labelled = labelTableCells(html);
    expect(labelled).toContain('<th scope="row" data-label="Who">Piotr</th><td data-label="Who">driver</td><td data-label="Where">Imposed</td><td data-label="Age">3</td>');
    expect(labelled).toContain('<td colspan="3" data-label="Who">Nothing</td><td data-label="Age">4</td>');
  });

  it('gives no label from a heading only screen readers see, and leaves tables that opt out or are not GOV.UK tables', () => {
    const hidden = labelTableCells('<table class="govuk-table"><thead><tr><th><span class="govuk-visually-hidden">Select</span></th><th>Name</th></tr></thead><tbody><tr><td><input type="checkbox"></td><td>A</td></tr></tbody></table>');
    expect(hidden).toContain('<td><input type="checkbox"></td><td data-label="Name">A</td>');
    const kept = '<table class="govuk-table cordon-table--keep"><thead><tr><th>Name</th></tr></thead><tbody><tr><td>A</td></tr></tbody></table>';
    expect(labelTableCells(kept)).toBe(kept);
    const other = '<p class="govuk-table">x</p><table><thead><tr><th>Name</th></tr></thead><tbody><tr><td>A</td></tr></tbody></table>';
    expect(labelTableCells(other)).toBe(other);
  });

  it('labels nested tables by their own headings and escapes quotes in a heading', () => {
    const html = `<table class="govuk-table"><thead><tr><th>Outer "one"</th></tr></thead><tbody><tr><td><table class="govuk-table"><thead><tr><th>Inner</th></tr></thead><tbody><tr><td>x</td></tr></tbody></table></td></tr><tr><td>y</td></tr></tbody></table>`;
    const labelled = labelTableCells(html);
    expect(labelled).toContain('<td data-label="Inner">x</td>');
    expect(labelled).toContain('<td data-label="Outer &quot;one&quot;">y</td>');
  });
});
