import type { Actor } from '../../platform/events/event-store.js';
import { ADMINISTRATORS, CASE_READERS, CASEWORKERS, REFERRERS } from './roles.js';
import { TEAM_VIEWERS } from './roles.js';
import { t } from '../../platform/i18n/messages.js';

interface NavigationItem {
  href: string;
  text: string;
  roles: readonly string[];
}

/** The service navigation: each person sees only the parts their roles may use. */
const ITEMS: NavigationItem[] = [
  { href: '/incidents', text: 'Your records', roles: REFERRERS },
  { href: '/searches/new', text: 'Record a search', roles: ['port-officer'] },
  { href: '/incidents/new', text: 'Record an incident', roles: ['port-officer'] },
  { href: '/incidents/new?kind=inland', text: 'Inland detection', roles: ['police-officer'] },
  { href: '/referrals/new', text: 'Quick referral', roles: REFERRERS },
  { href: '/requests', text: 'Requests for information', roles: REFERRERS },
  { href: '/cases', text: 'Cases', roles: CASE_READERS },
  { href: '/work', text: 'Work', roles: CASEWORKERS },
  { href: '/questions', text: 'Questions', roles: CASEWORKERS },
  { href: '/accreditation/applications', text: t('en', 'accreditation.assess.nav'), roles: CASEWORKERS },
  { href: '/accreditation/reviews', text: t('en', 'accreditation.review.nav'), roles: CASEWORKERS },
  { href: '/accreditation/assurance', text: t('en', 'accreditation.review.navAssurance'), roles: CASEWORKERS },
  { href: '/dashboard', text: 'Dashboard', roles: ['manager', 'senior-officer', 'analyst'] },
  { href: '/searches/failures', text: 'Failures', roles: ['manager', 'senior-officer', 'analyst'] },
  { href: '/feedback/responses', text: 'Feedback', roles: ['manager', 'analyst'] },
  { href: '/reports/annual', text: t('en', 'insight.annual.nav'), roles: ['manager', 'analyst'] },
  { href: '/reports/management', text: t('en', 'insight.mi.nav'), roles: ['manager', 'analyst'] },
  { href: '/reports/detection', text: t('en', 'insight.detection.nav'), roles: ['manager', 'analyst'] },
  { href: '/recommendations', text: t('en', 'recommendations.nav'), roles: ['manager', 'analyst'] },
  { href: '/reports/data-quality', text: t('en', 'insight.quality.nav'), roles: ['manager', 'analyst'] },
  { href: '/parties', text: 'People and companies', roles: CASE_READERS },
  { href: '/vehicle-action-list', text: 'Vehicle Action List', roles: ['port-officer', ...CASEWORKERS, 'finance-officer'] },
  { href: '/plate-check-hits', text: 'Plate check hits', roles: ['port-officer'] },
  { href: '/finance/ledger-imports', text: 'Ledger imports', roles: ['finance-officer'] },
  { href: '/finance/unmatched', text: 'Unmatched payments', roles: ['finance-officer'] },
  { href: '/finance/overdue', text: 'Debt', roles: ['finance-officer'] },
  { href: '/letters/outbox', text: 'Postal outbox', roles: ['caseworker-ao', 'caseworker-eo', 'manager'] },
  { href: '/letters/data-breaches', text: 'Data breaches', roles: ['manager'] },
  { href: '/incidents/approvals', text: 'Not-referral approvals', roles: ['senior-officer'] },
  { href: '/incidents/team', text: 'Team at the border', roles: TEAM_VIEWERS },
  { href: '/training', text: 'Officers’ training', roles: ['manager', 'administrator'] },
  { href: '/admin/users', text: 'Users', roles: ADMINISTRATORS },
  { href: '/admin/tokens', text: 'API tokens', roles: ADMINISTRATORS },
  { href: '/admin/policy', text: 'Policy', roles: ADMINISTRATORS },
  { href: '/admin/outbox', text: 'Outbox', roles: ADMINISTRATORS },
  { href: '/admin/jobs', text: 'Jobs', roles: ADMINISTRATORS },
  { href: '/admin/personal-data-reads', text: 'Reads of personal records', roles: ADMINISTRATORS },
  { href: '/admin/retention', text: 'Retention', roles: ADMINISTRATORS },
  { href: '/languages', text: 'Languages', roles: ADMINISTRATORS },
];

export function navigationFor(actor: Actor | null, url: string) {
  if (!actor) return [];
  const path = url.split('?')[0] ?? '';
  return ITEMS.filter((item) => actor.roles.some((role) => item.roles.includes(role))).map((item) => ({
    href: item.href,
    text: item.text,
    active: url === item.href || (!item.href.includes('?') && (path === item.href || path.startsWith(`${item.href}/`))),
  }));
}

/**
 * Where each role starts, after signing in and at `/`: on its own work. The first of a person's
 * roles in this order wins (someone who works cases and also administers starts on their cases).
 */
export const START_PAGES: readonly (readonly [role: string, href: string])[] = [
  ['senior-officer', '/work/assurance'], // what waits for their approval: recommendations to assure (discretion needs an SO)
  ['assurer-ho', '/work/assurance'], // what waits for their assurance
  ['caseworker-eo', '/work'], // their work queue
  ['caseworker-ao', '/work'],
  ['manager', '/dashboard'],
  ['finance-officer', '/finance/unmatched'], // payments the ledger could not match: finance's own work
  ['port-officer', '/incidents'], // their records and drafts
  ['police-officer', '/incidents'],
  ['analyst', '/dashboard'],
  ['administrator', '/admin/users'],
];

/** Where each person starts after signing in. */
export function startPageFor(actor: Actor): string {
  for (const [role, href] of START_PAGES) if (actor.roles.includes(role)) return href;
  return navigationFor(actor, '/')[0]?.href ?? '/account';
}
