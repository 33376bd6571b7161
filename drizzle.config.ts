import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/events/schema.ts', './src/platform/jobs/schema.ts', './src/platform/secrets/schema.ts', './src/modules/*/schema.ts', './src/modules/accreditation/assurance-schema.ts'],
  out: './drizzle',
});
