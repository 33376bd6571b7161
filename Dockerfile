# Cordon: one image, run as several instances behind a load balancer on one PostgreSQL database
# (docs/deploying.md). Cordon is TypeScript run through tsx (a runtime dependency), so there is no
# build step: the image holds the production dependencies and the source.
FROM node:20-slim

ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    CORDON_DATA_DIR=/data \
    NPM_CONFIG_UPDATE_NOTIFIER=false

WORKDIR /app

# Dependencies first, so a change to the source reuses this layer.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY drizzle ./drizzle
COPY locales ./locales

# The data folder: evidence files and the email outbox when no S3 bucket or GOV.UK Notify is
# configured (and the embedded database, which is for one instance only). Owned by the non-root user.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]

USER node
EXPOSE 3000

# /health answers while the process is alive; the load balancer should use /ready (database reachable, migrations current).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# Migrates the database, then serves. Stops cleanly on SIGTERM (docker stop).
CMD ["node", "bin/cordon.js", "serve"]
