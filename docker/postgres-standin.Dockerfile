# A stand-in for Docker Hub's postgres image, for machines that cannot pull it:
# Debian's PostgreSQL on the local base image, behind an entrypoint that honours the
# official image's contract as far as docker-compose.yml uses it (POSTGRES_USER,
# POSTGRES_PASSWORD, POSTGRES_DB, data in /var/lib/postgresql/data, pg_isready on PATH).
#
#   buildah bud --storage-driver vfs --isolation chroot --format docker \
#       -f docker/postgres-standin.Dockerfile -t localhost/jamanager-postgres:15 docker
#   POSTGRES_IMAGE=localhost/jamanager-postgres:15 podman-compose … up
#
# scripts/verify-deploy.sh --full builds and runs it. Real Docker users keep postgres:15.

ARG BASE_IMAGE=localhost/jamanager-jre-base:17
FROM ${BASE_IMAGE}

ARG PG_MAJOR=15

# No cluster from the package's postinst (the entrypoint creates it in the volume) and
# no service start inside the build.
RUN set -eu; \
    mkdir -p /etc/postgresql-common; \
    echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.conf; \
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; \
    apt-get update; \
    apt-get install -y --no-install-recommends "postgresql-${PG_MAJOR}"; \
    rm -rf /var/lib/apt/lists/* /usr/sbin/policy-rc.d; \
    mkdir -p /var/lib/postgresql/data /var/run/postgresql; \
    chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql

ENV PATH=/usr/lib/postgresql/${PG_MAJOR}/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    PGDATA=/var/lib/postgresql/data

COPY postgres-standin-entrypoint.sh /usr/local/bin/docker-entrypoint.sh

VOLUME /var/lib/postgresql/data
EXPOSE 5432
STOPSIGNAL SIGINT
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
CMD ["postgres"]
