# syntax=docker/dockerfile:1
#
# trainyard built from source without Jib:
#
#   docker build -t trainyard .
#   docker run --rm -v "$PWD":/github/workspace trainyard next-version --json
#
# The action runs the image that Jib publishes (trainyard-cli/pom.xml, .github/workflows/publish.yml).
# This file makes an equivalent one from a checkout with only a container engine: the same Debian
# base, the same jlink-made Java runtime (.ci/jlink.sh), JVM flags, working directory and
# class-data-sharing archive; the jars sit in /app instead of Jib's layers. The image digests are
# pinned here so Dependabot can propose bumps; .ci/validate-actions.sh fails until the base digest in
# trainyard-cli/pom.xml says the same and the runtime JDK's version matches the pom's and publish.yml's.
ARG JDK_IMAGE=eclipse-temurin:17-jdk@sha256:b624cb9175b71aaeb654dd9def666035332d5abf70318537c1a46e61564dbecd
ARG RUNTIME_JDK_IMAGE=eclipse-temurin:25-jdk@sha256:68868d04fa9cfd5f5c6abec0b5cef86d8de2bf9c62c37c7d3e4f0f80f5cfd7ff
ARG BASE_IMAGE=debian:bookworm-slim@sha256:3783cc01769c7b2b1b83a5c5ad96c815348e28ed7da68e2e3687004faa906251

FROM ${JDK_IMAGE} AS build
WORKDIR /src
COPY . .
# The wrapper pins Maven; the cache mount keeps ~/.m2 between builds.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -ntp -pl trainyard-cli -am package -DskipTests \
 && mkdir -p /out/app/lib \
 && cp trainyard-cli/target/trainyard-cli.jar /out/app/ \
 && cp trainyard-cli/target/lib/*.jar /out/app/lib/

# The Java runtime: only the modules trainyard uses, with the JDK's own class-data archive.
FROM ${RUNTIME_JDK_IMAGE} AS runtime
COPY .ci/jlink.sh /tmp/jlink.sh
RUN bash /tmp/jlink.sh /opt/java/openjdk /out/jre

FROM ${BASE_IMAGE}
LABEL org.opencontainers.image.title="trainyard" \
      org.opencontainers.image.description="Release duty, automated: cut releases, verify CI, upload CDN assets, check merge-backs." \
      org.opencontainers.image.source="https://github.com/trainyard-dev/trainyard"
ENV JAVA_HOME=/opt/java/openjdk \
    PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
COPY --from=runtime /out/jre /opt/java/openjdk
COPY --from=build /out/app /app
# The one list of JVM flags, at the path the Jib image has it (trainyard-cli/src/main/jib/app/jvm.args).
COPY trainyard-cli/src/main/jib/app/jvm.args /app/jvm.args
COPY .ci/cds-train-inside.sh /tmp/cds-train.sh
# The archive must be dumped by this image's JVM against these exact jars, so it is made here.
RUN sh /tmp/cds-train.sh /tmp/cds /app/trainyard-cli.jar /app/jvm.args --dynamic \
 && mkdir -p /app/cds && mv /tmp/cds/trainyard.jsa /app/cds/ \
 && rm -rf /tmp/cds /tmp/cds-train.sh
WORKDIR /github/workspace
# The same entrypoint as the Jib image (see the comments in trainyard-cli/pom.xml): the C.UTF-8
# locale, the flags from /app/jvm.args; the jar's manifest lists the libraries in lib/.
ENTRYPOINT ["/usr/bin/env", "LC_ALL=C.UTF-8", "java", "@/app/jvm.args", "-Duser.home=/github/home", \
            "-XX:SharedArchiveFile=/app/cds/trainyard.jsa", "-cp", "/app/trainyard-cli.jar", "dev.trainyard.cli.Main"]
