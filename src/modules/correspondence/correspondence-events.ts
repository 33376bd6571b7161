/*
 * The case events of correspondence and the pure readers over a case's events (what was posted, the
 * documents of a response, address changes, data breaches): read by the domain's decisions, so kept
 * in src/domain/case/correspondence-records.ts.
 */
export {
  addressChangesOf,
  dataBreachesOf,
  isResponseDocument,
  pendingAddressChange,
  postedLetterIds,
  responseDocumentsOf,
  RISK_LEVELS,
  type AddressChange,
  type AddressChangeDecidedPayload,
  type AddressChangeProposedPayload,
  type DataBreachPayload,
  type LetterPostedPayload,
  type Recorded,
  type ResponseDocument,
  type ResponseDocumentsPayload,
  type RiskLevel,
  type StructuredAddress,
} from '../../domain/case/correspondence-records.js';
