import ExcelJS from 'exceljs';
import { t, type MessageKey } from '../../../platform/i18n/messages.js';
import { localeTag, type Language } from '../../../platform/i18n/languages.js';
import { formatDate } from '../../../platform/i18n/format.js';
import { portName } from '../../../domain/reference/ports.js';
import { DEFAULT_DISCRETION_REASONS } from '../../../domain/policy/policy-parameters.js';
import { spreadsheetSafe } from '../../vehicle-action-list/val-csv.js';
import { csv, readableValue, recordsTable } from '../annual/outputs.js';
import type { Unit } from '../figure.js';
import { MANAGEMENT_SECTIONS, managementFigure } from './sections.js';
import type { ManagementDashboard, ManagementFigureRecords } from './report.js';

/*
 * The dashboard's outputs: the sections as the page shows them (each chart's figures with labels
 * and readable values, and its bar chart as SVG), CSV and XLSX of every figure, and a figure's
 * records as XLSX (their CSV is the annual report's, recordsTable). Each a function of the report
 * alone, so the same asOf gives the same CSV.
 */

const key = (text: string) => text as MessageKey;

export interface ShownFigure {
  name: string;
  label: string;
  value: number;
  unit: Unit;
  unitLabel: string;
  readable: string;
  records: string;
}

/** A breakdown value's words: a port's name for a port code, a discretion reason's name, else the value (or its recorded label). */
function valueLabel(breakdownId: string, value: string, label: string): string {
  if (breakdownId.endsWith('.byPort')) return value === 'unknown' ? value : `${portName(value)} (${value})`;
  // A discretion reason's name as the policy's default reasons call it (a later policy's own reason: its code).
  if (breakdownId === 'mi.discretion.byReason') return (DEFAULT_DISCRETION_REASONS as Record<string, { name: string }>)[value]?.name ?? value;
  return label;
}

/** A figure's value as the dashboard shows it: money in pounds with pence ("£1,500.00"), counts as numbers. */
export function readableMoney(language: Language, figure: { value: number; unit: Unit }): string {
  if (figure.unit !== 'pence') return readableValue(language, figure);
  return new Intl.NumberFormat(localeTag(language), { style: 'currency', currency: 'GBP', currencyDisplay: 'narrowSymbol', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(figure.value / 100);
}

/** A figure's title on its records page: its label, and for a breakdown's figure the value it is for. */
export function figureTitle(name: string, language: Language): string | null {
  const definition = managementFigure(name);
  if (!definition) return null;
  const label = t(language, key(definition.label));
  const match = /^(.+?)\[(.*)\]$/s.exec(name);
  return match ? `${label}: ${valueLabel(match[1]!, match[2]!, match[2]!)}` : label;
}

/** The sections as the page, CSV and XLSX show them: each chart with its figures in order. */
export function managementSections(dashboard: ManagementDashboard, language: Language) {
  const byName = new Map(dashboard.figures.map((f) => [f.name, f]));
  const shown = (name: string, label?: string): ShownFigure | null => {
    const figure = byName.get(name);
    const definition = managementFigure(name);
    if (!figure || !definition) return null;
    return {
      ...figure,
      label: label ?? t(language, key(definition.label)),
      unitLabel: t(language, key(`insight.unit.${figure.unit}`)),
      readable: readableMoney(language, figure),
    };
  };
  return MANAGEMENT_SECTIONS.map((section) => ({
    id: section.id,
    label: t(language, key(section.label)),
    charts: section.charts.map((chart) => {
      const figures = chart.breakdown
        ? (dashboard.breakdowns[chart.breakdown] ?? []).map((b) => shown(b.name, valueLabel(chart.breakdown!, b.value, b.label)))
        : chart.figures.map((name) => shown(name));
      const present = figures.filter((f): f is ShownFigure => f !== null);
      const title = t(language, key(chart.label));
      return { id: chart.id, label: title, figures: present, svg: barChartSvg(title, present) };
    }),
  }));
}

const escapeXml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A horizontal bar chart as SVG, drawn on the server: one bar per figure, its label above it and its
 * value at its end. It scales with its container (viewBox, width 100%) and is hidden from assistive
 * technology: the table beside it has the same numbers, and is the accessible equivalent.
 */
export function barChartSvg(title: string, figures: readonly ShownFigure[]): string {
  const width = 600;
  const row = 46;
  const height = Math.max(row, figures.length * row) + 4;
  const max = Math.max(1, ...figures.map((f) => f.value));
  const barSpace = width - 170;
  const bars = figures
    .map((f, index) => {
      const y = index * row;
      const length = f.value <= 0 ? 0 : Math.max(2, Math.round((f.value / max) * barSpace));
      return [
        `<text x="0" y="${y + 15}" font-size="15" fill="#0b0c0c">${escapeXml(f.label.length > 70 ? `${f.label.slice(0, 69)}…` : f.label)}</text>`,
        `<rect x="0" y="${y + 21}" width="${length}" height="18" fill="#1d70b8"></rect>`,
        `<text x="${length + 6}" y="${y + 35}" font-size="15" fill="#0b0c0c">${escapeXml(f.readable)}</text>`,
      ].join('');
    })
    .join('');
  return `<svg class="cordon-bar-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" aria-hidden="true" focusable="false" data-chart="${escapeXml(title)}">${bars}</svg>`;
}

/** One row per figure: section, chart, figure, name, value, unit, readable value, records link. */
function figureRows(dashboard: ManagementDashboard, language: Language): (string | number)[][] {
  return managementSections(dashboard, language).flatMap((section) =>
    section.charts.flatMap((chart) => chart.figures.map((f) => [section.label, chart.label, f.label, f.name, f.value, f.unit, f.readable, f.records])),
  );
}

const header = (language: Language) =>
  ['insight.csv.section', 'insight.mi.csv.chart', 'insight.csv.figure', 'insight.csv.name', 'insight.csv.value', 'insight.csv.unit', 'insight.mi.csv.readable', 'insight.csv.records'].map((k) => t(language, key(k)));

const periodRows = (dashboard: Pick<ManagementDashboard, 'from' | 'to' | 'asOf'>, language: Language) => [
  [t(language, key('insight.mi.csv.from')), dashboard.from],
  [t(language, key('insight.mi.csv.to')), dashboard.to],
  [t(language, key('insight.csv.asOf')), dashboard.asOf],
];

/** Every figure as CSV (UTF-8 with BOM, CRLF, every cell through spreadsheetSafe). */
export function managementCsv(dashboard: ManagementDashboard, language: Language = 'en'): string {
  return csv([...periodRows(dashboard, language), header(language), ...figureRows(dashboard, language)]);
}

/**
 * A worksheet's rows written with their types: numbers as numbers, text always as a string (never
 * a formula: exceljs writes a formula only when given one) and through spreadsheetSafe, so text that
 * begins with =, +, -, @ keeps its leading apostrophe if the sheet is saved as CSV.
 */
function addRows(sheet: ExcelJS.Worksheet, rows: readonly (readonly (string | number)[])[]) {
  for (const row of rows) sheet.addRow(row.map((cell) => (typeof cell === 'number' ? cell : spreadsheetSafe(String(cell)))));
}

async function workbookBytes(build: (workbook: ExcelJS.Workbook) => void, asOf: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Cordon';
  // The workbook's own dates are the report's asOf, not the time it was written.
  workbook.created = new Date(asOf);
  workbook.modified = new Date(asOf);
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Every figure as an XLSX workbook: one sheet, the period and asOf, then a row per figure. */
export function managementXlsx(dashboard: ManagementDashboard, language: Language = 'en'): Promise<Buffer> {
  return workbookBytes((workbook) => {
    const sheet = workbook.addWorksheet(t(language, key('insight.mi.xlsx.sheet')).slice(0, 31));
    addRows(sheet, [...periodRows(dashboard, language), header(language), ...figureRows(dashboard, language)]);
    sheet.columns.forEach((column, index) => (column.width = [28, 32, 48, 36, 14, 12, 18, 60][index] ?? 16));
  }, dashboard.asOf);
}

/** The period's words: "1 December 2025 to 30 November 2026". */
export function periodText(language: Language, from: string, to: string): string {
  return t(language, key('insight.mi.period'), { from: formatDate(language, from), to: formatDate(language, to) });
}

const recordsHead = (list: ManagementFigureRecords, language: Language, label: string) => [
  [label, periodText(language, list.from, list.to)],
  [t(language, key('insight.csv.asOf')), list.asOf],
];

/** A figure's records as CSV: its label and period, the asOf, then one row per record. */
export function managementRecordsCsv(list: ManagementFigureRecords, label: string, language: Language = 'en'): string {
  const { header: head, rows } = recordsTable(list.definition, list.records, language);
  return csv([...recordsHead(list, language, label), head, ...rows]);
}

/** A figure's records as XLSX: the same rows, amounts and people as numbers. */
export function managementRecordsXlsx(list: ManagementFigureRecords, label: string, language: Language = 'en'): Promise<Buffer> {
  const { header: head, rows } = recordsTable(list.definition, list.records, language);
  const typed = rows.map((row) => row.map((cell, index) => (index >= 3 && cell !== '' ? Number(cell) : cell)));
  return workbookBytes((workbook) => {
    const sheet = workbook.addWorksheet(t(language, key('insight.mi.xlsx.records')).slice(0, 31));
    addRows(sheet, [...recordsHead(list, language, label), head, ...typed]);
    sheet.getColumn(4).numFmt = '#,##0.00';
    sheet.columns.forEach((column, index) => (column.width = [22, 12, 60, 14, 10][index] ?? 16));
  }, list.asOf);
}
