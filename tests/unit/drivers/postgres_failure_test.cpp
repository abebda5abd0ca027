// libpq's messages for a failed connection, as libpq 15 words them, counted as the right kind.
#include "postgres_failure.hpp"

#include <catch2/catch.hpp>

using faultline::drivers::classify_connect_failure;
using faultline::stats::outcome;

TEST_CASE("libpq's connection failures are counted by what went wrong", "[postgres_failure]") {
    CHECK(classify_connect_failure(
              "connection to server at \"db\" (10.0.0.2), port 5432 failed: FATAL:  no pg_hba.conf "
              "entry for host \"10.0.0.1\", user \"app\", database \"app\", no encryption\n") ==
          outcome::check_failed);
    CHECK(classify_connect_failure("connection to server at \"db\" (10.0.0.2), port 5432 failed: "
                                   "SSL error: certificate verify failed\n") ==
          outcome::tls_verify);
    CHECK(classify_connect_failure("server certificate for \"api.lab.test\" does not match host "
                                   "name \"db.lab.test\"\n") == outcome::tls_verify);
    CHECK(classify_connect_failure("root certificate file \"/nowhere/ca.pem\" does not exist\n"
                                   "Either provide the file or change sslmode to disable server "
                                   "certificate verification.\n") == outcome::tls_handshake);
    CHECK(classify_connect_failure("SSL SYSCALL error: EOF detected\n") == outcome::tls_handshake);
    // Transport losses are the caller's to name.
    CHECK_FALSE(
        classify_connect_failure("connection to server at \"db\" (10.0.0.2), port 5432 "
                                 "failed: Connection refused\n"));
    CHECK_FALSE(classify_connect_failure("server closed the connection unexpectedly\n"));
    CHECK_FALSE(
        classify_connect_failure("could not receive data from server: Connection reset by "
                                 "peer\n"));
    CHECK_FALSE(classify_connect_failure(nullptr));
}
