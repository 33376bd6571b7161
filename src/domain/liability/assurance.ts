/* Assurance checklists (seed 003 §10.106–10.113): a pass needs every item ticked, and nothing unknown. */

/** What stands in the way of passing a check with `ticked` against the checklist `items`. */
export function checklistProblems(ticked: readonly string[] | undefined, items: Record<string, string>, what: string): string[] {
  const given = Array.isArray(ticked) ? ticked : [];
  const unknown = given.filter((item) => !Object.hasOwn(items, item));
  if (unknown.length > 0) return [`${unknown.map((item) => `"${String(item)}"`).join(', ')} is not on the ${what} checklist.`];
  const missing = Object.entries(items).filter(([item]) => !given.includes(item));
  if (missing.length === 0) return [];
  return [`Tick every item of the ${what} checklist once you have checked it. Not yet ticked: ${missing.map(([, label]) => label.charAt(0).toLowerCase() + label.slice(1)).join('; ')}.`];
}

/** The ticked items, each once, in the checklist's order. */
export function tickedInOrder<K extends string>(ticked: readonly string[], items: Record<K, string>): K[] {
  return (Object.keys(items) as K[]).filter((item) => ticked.includes(item));
}
