#pragma once
// How a failed libpq connection attempt is counted, read from libpq's message (English: libpq
// in another locale falls back to the transport's kinds).
#include <optional>

#include <faultline/stats/outcome.hpp>

namespace faultline::drivers {

/// check_failed when the server answered and refused (FATAL: a login refused, pg_hba, a server
/// starting up); tls_verify when libpq rejected the server's certificate (verify-ca,
/// verify-full); tls_handshake for another failure of TLS (a handshake the server rejected, an
/// unreadable sslrootcert). nullopt: the connection was lost some other way.
std::optional<stats::outcome> classify_connect_failure(const char* message) noexcept;

/// Writes libpq's reason for a TLS failure to the run log once per distinct message for the
/// whole process (thread-safe).
void log_tls_failure_once(const char* message);

}  // namespace faultline::drivers
