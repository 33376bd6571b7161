/*
 * The accreditation module's tables (gathered by src/schema.ts and drizzle-kit). Each helper's tables
 * are in their own file: assurance of members in assurance-schema.ts.
 */
export * from './assurance-schema.js';
