# heygen-mcp as a container. Two stages: the build stage bundles the CLI into dist/ (the entry
# dist/heygen-mcp.js, dist/main.js and lazily loaded chunks with the sandbox media); the runtime stage holds
# only dist/ and package.json, runs as the unprivileged `node` user, and has no npm, sources or node_modules.
#
# stdio (the default), for a desktop MCP client:
#   docker run -i --rm -e HEYGEN_API_KEY heygen-mcp
# remote endpoint: listen on all interfaces inside the container, each client sends its own X-Api-Key:
#   docker run -p 3000:3000 heygen-mcp --http --host 0.0.0.0
# with one server-wide key, clients must send Authorization: Bearer <token>:
#   docker run -p 3000:3000 -e HEYGEN_API_KEY -e HEYGEN_MCP_AUTH_TOKEN heygen-mcp --http --host 0.0.0.0 \
#     --allowed-hosts mcp.example.com
# The Host header must be a loopback name or listed in --allowed-hosts (DNS rebinding guard).
# On SIGTERM the server drains for up to --shutdown-grace-ms (default 243.5 s, a create's worst case with
# retries) so no paid result is dropped: stop with a longer grace, e.g. `docker stop -t 250`, or lower the option.

FROM node:24-alpine AS build
WORKDIR /src
COPY package.json package-lock.json ./
# Install scripts are not needed (esbuild ships its binary as an optional dependency) and are not trusted.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts/build.mjs ./scripts/build.mjs
COPY src ./src
RUN npm run build

FROM node:24-alpine
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/dist ./dist
USER node
EXPOSE 3000
# Probes /healthz only when the container serves --http; a stdio container has nothing to probe and is healthy.
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 CMD ["node", "-e", "const a=require('node:fs').readFileSync('/proc/1/cmdline','utf8').split('\\0');const e=process.env;if(!a.includes('--http')&&!/^(1|true|yes)$/.test(e.HEYGEN_MCP_HTTP||''))process.exit(0);const f=a.find(x=>x.startsWith('--port='));const i=a.indexOf('--port');const p=f?f.slice(7):i>0?a[i+1]:e.HEYGEN_MCP_PORT||'3000';fetch('http://127.0.0.1:'+p+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "/app/dist/heygen-mcp.js"]
CMD []
