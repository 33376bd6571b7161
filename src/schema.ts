// Every table, gathered at the composition root (the platform imports no module). Each module owns
// its own schema file; only that module reads its tables. drizzle-kit reads the files directly
// (drizzle.config.ts).
export * from './platform/events/schema.js';
export * from './platform/jobs/schema.js';
export * from './platform/secrets/schema.js';
export * from './modules/identity/schema.js';
export * from './modules/casework/schema.js';
export * from './modules/policy/schema.js';
export * from './modules/parties/schema.js';
export * from './modules/intake/schema.js';
export * from './modules/finance/schema.js';
export * from './modules/enforcement/schema.js';
export * from './modules/correspondence/schema.js';
export * from './modules/plate-checks/schema.js';
export * from './modules/privacy/schema.js';
export * from './modules/information-requests/schema.js';
export * from './modules/questions/schema.js';
export * from './modules/feedback/schema.js';
export * from './modules/training/schema.js';
export * from './modules/card-payments/schema.js';
export * from './modules/portal/schema.js';
export * from './modules/accreditation/schema.js';
export * from './modules/recommendations/schema.js';
