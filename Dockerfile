# syntax=docker/dockerfile:1
#
# trainyard built from source without Jib:
#
#   docker build -t trainyard .
#   docker run --rm -v "$PWD":/github/workspace trainyard next-version --json
#
# The action runs the image that Jib publishes (trainyard-cli/pom.xml, .github/workflows/publish.yml).
# This file makes an equivalent one from a checkout with only a container engine: the same JRE
# base, JVM flags, working directory and class-data-sharing archive; the jars sit in /app instead
# of Jib's layers. The base digests are pinned here so Dependabot can propose bumps;
# .ci/validate-actions.sh fails until the JRE digest in trainyard-cli/pom.xml says the same.
ARG JDK_IMAGE=eclipse-temurin:17-jdk@sha256:b624cb9175b71aaeb654dd9def666035332d5abf70318537c1a46e61564dbecd
ARG JRE_IMAGE=eclipse-temurin:17-jre@sha256:13cc28a6cc72a38ce1f00c906be3580c1a3e604b8984d694f369a96742abc93b

FROM ${JDK_IMAGE} AS build
WORKDIR /src
COPY . .
# The wrapper pins Maven; the cache mount keeps ~/.m2 between builds.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -ntp -pl trainyard-cli -am package -DskipTests \
 && mkdir -p /out/app/lib \
 && cp trainyard-cli/target/trainyard-cli.jar /out/app/ \
 && cp trainyard-cli/target/lib/*.jar /out/app/lib/

FROM ${JRE_IMAGE}
LABEL org.opencontainers.image.title="trainyard" \
      org.opencontainers.image.description="Release duty, automated: cut releases, verify CI, upload CDN assets, check merge-backs." \
      org.opencontainers.image.source="https://github.com/trainyard-dev/trainyard"
COPY --from=build /out/app /app
# The one list of JVM flags, at the path the Jib image has it (trainyard-cli/src/main/jib/app/jvm.args).
COPY trainyard-cli/src/main/jib/app/jvm.args /app/jvm.args
COPY .ci/cds-train-inside.sh /tmp/cds-train.sh
# The archive must be dumped by this image's JVM against these exact jars, so it is made here.
RUN sh /tmp/cds-train.sh /tmp/cds /app/trainyard-cli.jar /app/jvm.args \
 && mkdir -p /app/cds && mv /tmp/cds/trainyard.jsa /app/cds/ \
 && rm -rf /tmp/cds /tmp/cds-train.sh
WORKDIR /github/workspace
# The same entrypoint as the Jib image (see the comments in trainyard-cli/pom.xml): the C.UTF-8
# locale, the flags from /app/jvm.args; the jar's manifest lists the libraries in lib/.
ENTRYPOINT ["/usr/bin/env", "LC_ALL=C.UTF-8", "java", "@/app/jvm.args", "-Duser.home=/github/home", \
            "-XX:SharedArchiveFile=/app/cds/trainyard.jsa", "-cp", "/app/trainyard-cli.jar", "dev.trainyard.cli.Main"]
