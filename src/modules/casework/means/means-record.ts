/* Means assessments as case events: read by the domain's decisions, so kept in src/domain/case/means-record.ts. */
export { assuredMeans, meansAssessmentAwaitingDecision, meansAssessmentsOf, type MeansAssessment, type MeansRecordedPayload } from '../../../domain/case/means-record.js';
