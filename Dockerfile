# syntax=docker/dockerfile:1
#
# System//Zero server image.
#
#   docker build -t systemzero .
#   docker run -p 8080:8080 -v systemzero-data:/app/data systemzero
#
# Stage 1 builds a release binary with the Swift standard library linked in statically; stage 2 is a slim Ubuntu that
# only runs it, as the non-root user `systemzero`. Configuration comes from SYSTEMZERO_* variables (docs/DEPLOYMENT.md).

# The package needs Swift 6.1 or later; CI tests 6.1, 6.2 and 6.3. Override with --build-arg SWIFT_VERSION=6.1.
ARG SWIFT_VERSION=6.3

# ---------------------------------------------------------------------------------------------------------------- build
FROM swift:${SWIFT_VERSION}-noble AS build

# GRDB links the system SQLite (libsqlite3-dev); FoundationXML needs libxml2's headers.
# hadolint ignore=DL3008
RUN export DEBIAN_FRONTEND=noninteractive \
    && apt-get -q update \
    && apt-get -q install -y --no-install-recommends libsqlite3-dev libxml2-dev \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /build

# Resolve the dependencies in their own layer, so that a source change does not fetch them again.
COPY Package.swift ./
RUN swift package resolve

COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --product systemzero --static-swift-stdlib

# Gather what the runtime stage needs in one folder.
WORKDIR /staging
# swift-backtrace-static prints a symbolicated backtrace if the server ever crashes (SWIFT_BACKTRACE below).
RUN cp "$(swift build --package-path /build -c release --show-bin-path)/systemzero" ./ \
    && cp /usr/libexec/swift/linux/swift-backtrace-static ./
COPY templates ./templates

# -------------------------------------------------------------------------------------------------------------- runtime
FROM ubuntu:24.04

# libsqlite3-0: the ledger; libxml2: uiautomator XML import; libcurl4t64: FoundationNetworking; curl: the HEALTHCHECK;
# ca-certificates and tzdata for TLS and time zones. Chromium is not installed: Ubuntu 24.04 ships it only as a snap, so
# live capture (`systemzero capture`) runs outside this image or on an image of your own that adds a browser.
# hadolint ignore=DL3008
RUN export DEBIAN_FRONTEND=noninteractive \
    && apt-get -q update \
    && apt-get -q install -y --no-install-recommends \
        ca-certificates curl libcurl4t64 libsqlite3-0 libxml2 tzdata \
    && rm -rf /var/lib/apt/lists/*

# A system user and group of its own, home /app, no login shell. The ids are fixed (10001) so that Kubernetes'
# runAsNonRoot can check them and host bind mounts can be chowned to match: `sudo chown -R 10001:10001 logs captures config`.
RUN groupadd --system --gid 10001 systemzero \
    && useradd --system --uid 10001 --gid systemzero --home-dir /app --shell /usr/sbin/nologin systemzero \
    && mkdir -p /app/data /app/logs /app/config /app/captures \
    && chown -R systemzero:systemzero /app \
    && chmod 0700 /app/data /app/config

WORKDIR /app
COPY --from=build --chown=systemzero:systemzero /staging/ /app/
RUN ln -s /app/systemzero /usr/local/bin/systemzero

# Relative paths resolve against /app. Inside a container the server listens on every interface; all other settings
# keep their defaults unless set at `docker run -e …`, in compose's env_file, or in a Kubernetes ConfigMap/Secret.
ENV SYSTEMZERO_HOST=0.0.0.0 \
    SYSTEMZERO_PORT=8080 \
    SYSTEMZERO_DATA_DIR=/app/data \
    SYSTEMZERO_TEMPLATE_PATH=/app/templates \
    SYSTEMZERO_LOG_PATH=/app/logs \
    SYSTEMZERO_CONFIG_DIR=/app/config \
    SWIFT_BACKTRACE=enable=yes,sanitize=yes,threads=all,images=all,interactive=no,swift-backtrace=/app/swift-backtrace-static

# data: ledger.sqlite and ledger.key (keep it: it is the evidence); logs: request and application logs;
# config: settings.yaml and api_keys.yaml; captures: capture files written or read by the CLI.
VOLUME ["/app/data", "/app/logs", "/app/config", "/app/captures"]

USER 10001:10001
EXPOSE 8080

# /health answers 200 while the process is up. The port follows SYSTEMZERO_PORT; plain HTTP is assumed (with
# SYSTEMZERO_TLS_CERT/KEY set, override the check with https and -k, or probe from outside).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["sh", "-c", "curl -fsS \"http://127.0.0.1:${SYSTEMZERO_PORT:-8080}/health\" > /dev/null || exit 1"]

# Host and port come from SYSTEMZERO_HOST and SYSTEMZERO_PORT; arguments after the image name are appended
# (e.g. `docker run systemzero --port 9090`). SIGTERM starts the graceful drain (SYSTEMZERO_DRAIN_SECONDS).
STOPSIGNAL SIGTERM
ENTRYPOINT ["/app/systemzero", "serve"]
