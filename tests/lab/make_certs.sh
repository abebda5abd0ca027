#!/usr/bin/env bash
# Certificates for the TLS lab tests, made with the openssl CLI in DIR:
#   ca.pem, ca.key                  the lab's CA
#   server.pem, server.key          api.lab.test (and 10.77.x.2 addresses are not in it), by ca
#   expired.pem, expired.key        api.lab.test, by ca, valid only in January 2020
#   other-ca.pem                    an unrelated CA
#   client-ca.pem, client.pem, client.key   a client CA and a client certificate it signed
#   stranger.key                    a key that matches none of the certificates
#   make_certs.sh DIR
set -euo pipefail
dir=${1:?usage: make_certs.sh DIR}
mkdir -p "$dir"
cd "$dir"
quiet() { "$@" >/dev/null 2>&1; }

new_ca() {  # NAME SUBJECT
    quiet openssl req -x509 -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.pem" -days 30 \
        -subj "/CN=$2" -addext basicConstraints=critical,CA:TRUE -addext keyUsage=keyCertSign
}
new_key_and_request() {  # NAME SUBJECT
    quiet openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "/CN=$2"
}

new_ca ca "faultline lab CA"
new_ca other-ca "some other CA"
new_ca client-ca "faultline lab client CA"

printf 'subjectAltName=DNS:api.lab.test,DNS:db.lab.test\nextendedKeyUsage=serverAuth\n' >server.ext
new_key_and_request server api.lab.test
quiet openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 \
    -extfile server.ext -out server.pem

# An expired certificate needs dates in the past, which only `openssl ca` sets.
new_key_and_request expired api.lab.test
mkdir -p ca-db
: >ca-db/index.txt
echo 1000 >ca-db/serial
cat >ca.cnf <<CNF
[ ca ]
default_ca = lab
[ lab ]
database = ca-db/index.txt
serial = ca-db/serial
new_certs_dir = ca-db
default_md = sha256
policy = anything
copy_extensions = none
[ anything ]
commonName = supplied
[ server ]
subjectAltName = DNS:api.lab.test
extendedKeyUsage = serverAuth
CNF
quiet openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -in expired.csr \
    -out expired.pem -startdate 20200101000000Z -enddate 20200201000000Z -extensions server \
    -notext

printf 'extendedKeyUsage=clientAuth\n' >client.ext
new_key_and_request client "lab client"
quiet openssl x509 -req -in client.csr -CA client-ca.pem -CAkey client-ca.key -CAcreateserial \
    -days 30 -extfile client.ext -out client.pem

quiet openssl genrsa -out stranger.key 2048
chmod 644 ./*.pem ./*.key
