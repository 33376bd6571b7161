/* The accreditation module's tables. Apply online (drafts): apply-schema.ts. */
export * from './apply-schema.js';
