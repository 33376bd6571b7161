// Every table, gathered for drizzle's typed queries and for drizzle-kit. Each module owns its own
// schema file; only that module's repository code reads its tables.
export * from '../events/schema.js';
export * from '../../modules/identity/schema.js';
export * from '../../modules/cases/schema.js';
export * from '../../modules/policy/schema.js';
export * from '../../modules/parties/schema.js';
export * from '../../modules/border-events/schema.js';
export * from '../../modules/payments/schema.js';
export * from '../../modules/plate-checks/schema.js';
