import { GOODS_VEHICLE_SECURITY_REQUIREMENTS, SECURITY_REQUIREMENT_CODES } from '../../domain/incident/security-requirements.js';

/** Security requirement codes of DOMAIN.md §4, as the incident form and the submit rules use them. */
export function requirementCodes(): readonly string[] {
  return SECURITY_REQUIREMENT_CODES;
}

/** The requirements in the order the form lists them, with who each applies to. */
export function requirementsForForm(): { code: string; name: string; appliesTo: string }[] {
  return GOODS_VEHICLE_SECURITY_REQUIREMENTS.map((r) => ({
    code: r.code,
    name: r.names.en,
    appliesTo: r.holder === 'driver' ? 'driver' : 'owner or hirer',
  }));
}
