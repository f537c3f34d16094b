# Kompis in a container: `docker build -t kompis .`, or with WhatsApp (Chromium in the image, about
# 400 MB more): `docker build --build-arg WHATSAPP=1 -t kompis-whatsapp .`. See the README's
# "Deploying". The database lives in the /data volume.
# Node 22 (LTS until April 2027): better-sqlite3 12, the last that builds on Node 20, aborts on Node
# 24.19 and later when built against their headers (WiseLibs/better-sqlite3#1515). See .ci/run.
ARG NODE_VERSION=22

# Build stage: the compilers better-sqlite3 needs stay here.
FROM node:${NODE_VERSION}-bookworm-slim AS build
RUN apt-get update \
  && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .puppeteerrc.cjs ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
# Kompis as one JavaScript bundle in dist/ (bin/build.mjs): it starts in about half the time.
RUN npm run build

# The image: Node, Kompis and its dependencies, run as the unprivileged `node` user.
FROM node:${NODE_VERSION}-bookworm-slim
ARG WHATSAPP=0
RUN if [ "$WHATSAPP" = "1" ]; then \
    apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium \
    && rm -rf /var/lib/apt/lists/*; \
  fi
ENV NODE_ENV=production \
  DATABASE_PATH=/data/kompis.db \
  HOST=0.0.0.0 \
  PORT=8080
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node itself gets the signals (docker stop sends SIGTERM): Kompis stops within 10 s.
CMD ["node", "bin/kompis.mjs"]
