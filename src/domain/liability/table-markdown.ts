import { CASEWORK_ROLE_NAMES } from './casework-roles.js';
import { STAGE_IDS, STAGES, type Stage } from './stages.js';
import { LIABILITY_ACTION_TYPES, TRANSITIONS } from './transitions.js';

/* The stages and the transition table as Markdown, for README.md (a test keeps the two in step). */

const code = (text: string) => `\`${text}\``;

export function stagesMarkdown(): string {
  const rows = STAGE_IDS.map((stage) => `| ${code(stage)} | ${STAGES[stage].label} | ${STAGES[stage].nextStep} |`);
  return ['| stage | label | next step |', '|---|---|---|', ...rows].join('\n');
}

export function transitionTableMarkdown(): string {
  const rows: string[] = [];
  for (const type of LIABILITY_ACTION_TYPES) {
    const rule = TRANSITIONS[type];
    // From-stages with the same outcome share a row; "same stage" is a command that records a fact only.
    const groups = new Map<string, Stage[]>();
    for (const [from, targets] of Object.entries(rule.from) as [Stage, readonly Stage[]][]) {
      const to = rule.outcome ?? (targets.length === 1 && targets[0] === from ? 'same stage' : targets.map(code).join(', '));
      groups.set(to, [...(groups.get(to) ?? []), from]);
    }
    for (const [to, froms] of groups) {
      rows.push(`| ${code(type)} | ${rule.roles.map((role) => CASEWORK_ROLE_NAMES[role]).join(', ')} | ${froms.map(code).join(', ')} | ${to} |`);
    }
  }
  return ['| command | who may run it | from | to |', '|---|---|---|---|', ...rows].join('\n');
}
