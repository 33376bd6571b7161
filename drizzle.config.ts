import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/events/schema.ts', './src/platform/jobs/schema.ts', './src/platform/secrets/schema.ts', './src/modules/*/schema.ts'],
  out: './drizzle',
});
